import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setSound, soundOn, useAttention } from './attention';

function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  vi.spyOn(document, 'hasFocus').mockReturnValue(!hidden);
}

describe('new items while away', () => {
  afterEach(() => setHidden(false));

  it('count in the tab title while the tab is hidden, cleared when the person looks back', () => {
    setHidden(false); // the person is looking at the tab
    const notify = renderHook(() => useAttention()).result.current;
    expect(document.title).toBe('Отклик');
    act(() => notify(2)); // looking at it: no count
    expect(document.title).toBe('Отклик');
    setHidden(true);
    act(() => notify(2));
    act(() => notify(1));
    expect(document.title).toBe('(3) Отклик');
    setHidden(false);
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    expect(document.title).toBe('Отклик');
  });

  it('the chime is off until the person turns it on (a device preference)', () => {
    expect(soundOn()).toBe(false);
    setSound(true);
    expect(soundOn()).toBe(true);
  });
});
