import { ALWAYS_OPEN, BusinessCalendar } from '../calendar';
import {
  dueSlaEvents,
  elapsedWorkingMs,
  onCustomerMessage,
  pauseClock,
  resumeClock,
  startClock,
  targetWorkingMs,
} from '../sla-clock';
import { inMsk, MINUTES, msk, officeHours } from './fixtures';

describe('scenario: pause while waiting on the customer, then resume', () => {
  it('24/7: 90 minutes paused move the deadline by 90 minutes', () => {
    let c = startClock(msk('2025-03-11 10:00'), 180, ALWAYS_OPEN);
    c = pauseClock(c, msk('2025-03-11 10:30'));
    expect(elapsedWorkingMs(c, msk('2025-03-11 11:45'), ALWAYS_OPEN)).toBe(30 * MINUTES);
    // Past the original deadline while paused: nothing fires.
    expect(dueSlaEvents(c, msk('2025-03-11 13:30'), ALWAYS_OPEN)).toEqual([]);
    c = resumeClock(c, msk('2025-03-11 12:00'), ALWAYS_OPEN);
    expect(c.pausedAt).toBeNull();
    expect(c.pausedWorkingMs).toBe(90 * MINUTES);
    expect(inMsk(c.dueAt)).toBe('2025-03-11 14:30:00');
    expect(targetWorkingMs(c, ALWAYS_OPEN)).toBe(180 * MINUTES);
    expect(dueSlaEvents(c, msk('2025-03-11 12:59'), ALWAYS_OPEN)).toEqual([]);
    expect(dueSlaEvents(c, msk('2025-03-11 13:00'), ALWAYS_OPEN)).toEqual(['warning_50']);
  });

  it('office hours: only the working time inside the pause is added back', () => {
    const cal = new BusinessCalendar(officeHours());
    let c = startClock(msk('2025-03-17 17:00'), 180, cal); // Monday; due Tuesday 11:00
    expect(inMsk(c.dueAt)).toBe('2025-03-18 11:00:00');
    c = pauseClock(c, msk('2025-03-17 17:30'));
    c = resumeClock(c, msk('2025-03-18 10:00'), cal); // 30 min Monday + 60 min Tuesday paused
    expect(c.pausedWorkingMs).toBe(90 * MINUTES);
    expect(inMsk(c.dueAt)).toBe('2025-03-18 12:30:00');
    expect(elapsedWorkingMs(c, c.dueAt, cal)).toBe(180 * MINUTES);
  });

  it('pauses add up, and a pause twice in a row is one pause', () => {
    let c = startClock(msk('2025-03-11 10:00'), 60, ALWAYS_OPEN);
    c = pauseClock(c, msk('2025-03-11 10:10'));
    c = pauseClock(c, msk('2025-03-11 10:20'));
    c = resumeClock(c, msk('2025-03-11 10:40'), ALWAYS_OPEN);
    c = pauseClock(c, msk('2025-03-11 11:00'));
    c = resumeClock(c, msk('2025-03-11 11:15'), ALWAYS_OPEN);
    expect(c.pausedWorkingMs).toBe(45 * MINUTES);
    expect(inMsk(c.dueAt)).toBe('2025-03-11 11:45:00');
  });

  it('the customer answering resumes a paused clock', () => {
    let c = pauseClock(startClock(msk('2025-03-11 10:00'), 60, ALWAYS_OPEN), msk('2025-03-11 10:30'));
    c = onCustomerMessage(c, msk('2025-03-11 11:30'), { resolved: false, targetMinutes: 60 }, ALWAYS_OPEN);
    expect(c.pausedAt).toBeNull();
    expect(inMsk(c.dueAt)).toBe('2025-03-11 12:00:00');
  });
});
