import { ALWAYS_OPEN, BusinessCalendar } from '../calendar';
import { changeTarget, dueSlaEvents, markRaised, pauseClock, resumeClock, startClock } from '../sla-clock';
import { inMsk, msk, officeHours } from './fixtures';

describe('scenario: the policy changes while the clock runs', () => {
  it('a tighter target counts from the original start: time already used stays used', () => {
    const c = startClock(msk('2025-03-11 10:00'), 180, ALWAYS_OPEN);
    const now = msk('2025-03-11 11:00');
    const tighter = changeTarget(c, 60, now, ALWAYS_OPEN);
    expect(inMsk(tighter.dueAt)).toBe('2025-03-11 11:00:00');
    expect(dueSlaEvents(tighter, now, ALWAYS_OPEN)).toEqual(['warning_50', 'warning_80', 'breach']);
  });

  it('a looser target clears warnings not yet earned so they fire again for the new deadline', () => {
    let c = startClock(msk('2025-03-11 10:00'), 60, ALWAYS_OPEN);
    c = markRaised(c, dueSlaEvents(c, msk('2025-03-11 10:30'), ALWAYS_OPEN), msk('2025-03-11 10:30'));
    expect(c.warned50At).not.toBeNull();
    const looser = changeTarget(c, 180, msk('2025-03-11 10:40'), ALWAYS_OPEN);
    expect(inMsk(looser.dueAt)).toBe('2025-03-11 13:00:00');
    expect(looser.warned50At).toBeNull();
    expect(dueSlaEvents(looser, msk('2025-03-11 11:29'), ALWAYS_OPEN)).toEqual([]);
    expect(dueSlaEvents(looser, msk('2025-03-11 11:30'), ALWAYS_OPEN)).toEqual(['warning_50']);
  });

  it('a warning already earned under the new target is kept', () => {
    let c = startClock(msk('2025-03-11 10:00'), 180, ALWAYS_OPEN);
    c = markRaised(c, ['warning_50'], msk('2025-03-11 11:30'));
    const changed = changeTarget(c, 120, msk('2025-03-11 11:40'), ALWAYS_OPEN);
    expect(inMsk(changed.warned50At)).toBe('2025-03-11 11:30:00');
    expect(inMsk(changed.dueAt)).toBe('2025-03-11 12:00:00');
  });

  it('time paused before the change is still not counted', () => {
    let c = startClock(msk('2025-03-11 10:00'), 180, ALWAYS_OPEN);
    c = resumeClock(pauseClock(c, msk('2025-03-11 10:30')), msk('2025-03-11 11:30'), ALWAYS_OPEN);
    const changed = changeTarget(c, 60, msk('2025-03-11 11:40'), ALWAYS_OPEN);
    expect(inMsk(changed.dueAt)).toBe('2025-03-11 12:00:00');
  });

  it('with office hours the new target is working time from the original start', () => {
    const cal = new BusinessCalendar(officeHours());
    const c = startClock(msk('2025-03-14 17:00'), 60, cal); // Friday, due at closing
    expect(inMsk(c.dueAt)).toBe('2025-03-14 18:00:00');
    const changed = changeTarget(c, 180, msk('2025-03-15 12:00'), cal);
    expect(inMsk(changed.dueAt)).toBe('2025-03-17 11:00:00');
  });
});
