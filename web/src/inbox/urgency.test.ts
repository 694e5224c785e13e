import { describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { urgency, urgencyShort, urgencyText } from './urgency';

const at = (min: number, base = Date.parse('2024-11-05T10:00:00Z')) =>
  new Date(base + min * 60_000).toISOString();
const now = Date.parse('2024-11-05T10:00:00Z');

describe('urgency arithmetic', () => {
  it('is red once the deadline passed, amber under 20 % of the window, green otherwise', () => {
    const c = { slaStartedAt: at(-100), status: 'open', slaBreachedAt: null };
    expect(urgency({ ...c, dueAt: at(-1) }, now).level).toBe('breached');
    expect(urgency({ ...c, dueAt: at(0) }, now).level).toBe('breached');
    expect(urgency({ ...c, dueAt: at(19) }, now).level).toBe('warn'); // 19 of 119 left
    expect(urgency({ ...c, dueAt: at(26) }, now).level).toBe('ok'); // 26 of 126
  });

  it('has no deadline without dueAt, unless an open conversation was recorded as breached', () => {
    expect(urgency({ dueAt: null, slaStartedAt: null, slaBreachedAt: null, status: 'open' }, now).level).toBe(
      'none',
    );
    expect(
      urgency({ dueAt: null, slaStartedAt: null, slaBreachedAt: at(-5), status: 'open' }, now).level,
    ).toBe('breached');
    expect(
      urgency({ dueAt: null, slaStartedAt: null, slaBreachedAt: at(-5), status: 'resolved' }, now).level,
    ).toBe('none');
  });

  it('says it in words, in the user language', async () => {
    const c = { slaStartedAt: at(-100), status: 'open', slaBreachedAt: null };
    expect(urgencyText(urgency({ ...c, dueAt: at(42) }, now))).toBe('осталось 42 мин');
    expect(urgencyShort(urgency({ ...c, dueAt: at(-125) }, now))).toBe('−2 ч 05 мин');
    await setLanguage('en', false);
    expect(urgencyText(urgency({ ...c, dueAt: at(-3) }, now))).toBe('overdue by 3m');
  });
});
