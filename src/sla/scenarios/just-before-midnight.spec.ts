import { ALWAYS_OPEN, BusinessCalendar } from '../calendar';
import { startClock } from '../sla-clock';
import { computeDeadline } from '../triage';
import { inMsk, MINUTES, msk, MSK, officeHours } from './fixtures';

describe('scenario: the customer writes just before midnight', () => {
  it('24/7: the deadline runs through midnight and into the new year', () => {
    const due = computeDeadline({ createdAt: msk('2025-12-31 23:50'), intent: 'sales_question' });
    expect(inMsk(due)).toBe('2026-01-01 00:50:00');
    const other = computeDeadline({ createdAt: msk('2025-12-31 23:59:30'), intent: 'complaint' });
    expect(inMsk(other)).toBe('2026-01-01 02:59:30');
  });

  it('office hours: a message at 23:59 waits for the morning, the whole target counts from 09:00', () => {
    const cal = new BusinessCalendar(officeHours());
    const clock = startClock(msk('2025-03-11 23:59'), 180, cal); // Tuesday
    expect(inMsk(clock.dueAt)).toBe('2025-03-12 12:00:00');
    expect(cal.workingMsBetween(msk('2025-03-11 23:59'), msk('2025-03-12 09:00'))).toBe(0);
  });

  it('office hours: a message one minute before closing keeps that minute', () => {
    const cal = new BusinessCalendar(officeHours());
    expect(inMsk(cal.addWorkingMs(msk('2025-03-11 17:59'), 180 * MINUTES))).toBe('2025-03-12 11:59:00');
  });

  it('the calendar day is the local one: 21:30 UTC is already tomorrow in Moscow', () => {
    const cal = new BusinessCalendar(officeHours());
    const created = new Date('2025-03-11T21:30:00Z'); // 00:30 Wednesday in Moscow
    expect(inMsk(cal.addWorkingMs(created, 60 * MINUTES))).toBe('2025-03-12 10:00:00');
    // Same instant, a calendar in UTC: still Tuesday evening, closed, so Wednesday 09:00 UTC + 1 h.
    const utc = new BusinessCalendar({ ...officeHours(), timeZone: 'UTC' });
    expect(utc.addWorkingMs(created, 60 * MINUTES).toISOString()).toBe('2025-03-12T10:00:00.000Z');
  });

  it('an evening shift to 24:00 counts the last minutes and continues the next evening', () => {
    const evening = new BusinessCalendar({
      timeZone: MSK,
      week: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '20:00', to: '24:00' }]]),
      ),
    });
    const due = evening.addWorkingMs(msk('2025-03-11 23:30'), 60 * MINUTES);
    expect(inMsk(due)).toBe('2025-03-12 20:30:00');
    expect(evening.workingMsBetween(msk('2025-03-11 23:30'), due)).toBe(60 * MINUTES);
    expect(evening.isWorkingAt(msk('2025-03-11 23:59:59'))).toBe(true);
    expect(evening.isWorkingAt(msk('2025-03-12 00:00'))).toBe(false);
  });

  it('24/7 is plain addition', () => {
    expect(ALWAYS_OPEN.addWorkingMs(msk('2025-03-11 23:59'), MINUTES).getTime()).toBe(
      msk('2025-03-12 00:00').getTime(),
    );
  });
});
