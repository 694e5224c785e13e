import { ALWAYS_OPEN, workingClockFor } from '../calendar';
import { dueSlaEvents, startClock } from '../sla-clock';
import { computeDeadline } from '../triage';
import { inMsk, MINUTES, msk } from './fixtures';

describe('scenario: the default clock is 24/7', () => {
  it('weekends, nights and holidays all count', () => {
    expect(inMsk(computeDeadline({ createdAt: msk('2025-03-15 03:00'), intent: 'complaint' }))).toBe(
      '2025-03-15 06:00:00',
    );
    expect(inMsk(computeDeadline({ createdAt: msk('2025-06-12 12:00'), intent: 'sales_question' }))).toBe(
      '2025-06-12 13:00:00',
    );
  });

  it('a policy without a calendar uses the 24/7 clock', () => {
    expect(workingClockFor(null)).toBe(ALWAYS_OPEN);
    expect(workingClockFor(undefined)).toBe(ALWAYS_OPEN);
    expect(ALWAYS_OPEN.workingMsBetween(msk('2025-03-15 00:00'), msk('2025-03-16 00:00'))).toBe(
      24 * 60 * MINUTES,
    );
    expect(ALWAYS_OPEN.workingMsBetween(msk('2025-03-16 00:00'), msk('2025-03-15 00:00'))).toBe(0);
  });

  it('warns at 50 % and 80 % of wall time and breaches at the deadline', () => {
    const c = startClock(msk('2025-03-15 03:00'), 180, ALWAYS_OPEN);
    expect(dueSlaEvents(c, msk('2025-03-15 04:29:59'), ALWAYS_OPEN)).toEqual([]);
    expect(dueSlaEvents(c, msk('2025-03-15 04:30'), ALWAYS_OPEN)).toEqual(['warning_50']);
    expect(dueSlaEvents(c, msk('2025-03-15 05:24'), ALWAYS_OPEN)).toEqual(['warning_50', 'warning_80']);
    expect(dueSlaEvents(c, msk('2025-03-15 06:00'), ALWAYS_OPEN)).toEqual([
      'warning_50',
      'warning_80',
      'breach',
    ]);
  });
});
