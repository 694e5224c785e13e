import { BusinessCalendar } from '../calendar';
import { computeDeadline, SlaPolicyRule } from '../triage';
import { inMsk, MINUTES, msk, officeHours } from './fixtures';

describe('scenario: weekend', () => {
  const cal = new BusinessCalendar(officeHours());

  it('Friday 17:00 + 3 working hours is Monday 11:00', () => {
    expect(inMsk(cal.addWorkingMs(msk('2025-03-14 17:00'), 180 * MINUTES))).toBe('2025-03-17 11:00:00');
  });

  it('a Saturday sales question is due Monday 10:00, and the weekend holds no working time', () => {
    const policies: SlaPolicyRule[] = [
      { sourceId: null, intent: 'sales_question', firstResponseMinutes: 60, calendar: officeHours() },
    ];
    const due = computeDeadline({ createdAt: msk('2025-03-15 10:00'), intent: 'sales_question' }, policies);
    expect(inMsk(due)).toBe('2025-03-17 10:00:00');
    expect(cal.workingMsBetween(msk('2025-03-14 18:00'), msk('2025-03-17 09:00'))).toBe(0);
    expect(cal.workingMsBetween(msk('2025-03-14 17:00'), msk('2025-03-17 10:00'))).toBe(120 * MINUTES);
  });

  it('a team that works Saturday mornings counts them', () => {
    const spec = officeHours();
    const withSat = new BusinessCalendar({
      ...spec,
      week: { ...spec.week, sat: [{ from: '10:00', to: '14:00' }] },
    });
    expect(inMsk(withSat.addWorkingMs(msk('2025-03-14 17:00'), 180 * MINUTES))).toBe('2025-03-15 12:00:00');
  });

  it('lunch is not working time', () => {
    expect(inMsk(cal.addWorkingMs(msk('2025-03-17 12:30'), 60 * MINUTES))).toBe('2025-03-17 14:30:00');
    expect(cal.isWorkingAt(msk('2025-03-17 13:30'))).toBe(false);
  });
});
