import { BusinessCalendar } from '../calendar';
import { inMsk, MINUTES, msk, officeHours } from './fixtures';

describe('scenario: a transferred working Saturday', () => {
  const ru = new BusinessCalendar(officeHours({ productionCalendar: 'RU' }));

  it('Saturday 1 November 2025 is a (short) working day; Monday 3 November is off', () => {
    expect(ru.hoursOn('2025-11-01')).toEqual([
      { from: '09:00', to: '13:00' },
      { from: '14:00', to: '17:00' },
    ]);
    expect(ru.hoursOn('2025-11-03')).toEqual([]);
    expect(ru.hoursOn('2025-11-04')).toEqual([]);
  });

  it('a Friday evening message is due on the working Saturday', () => {
    expect(inMsk(ru.addWorkingMs(msk('2025-10-31 17:30'), 180 * MINUTES))).toBe('2025-11-01 11:30:00');
  });

  it('a message late on that Saturday waits through Sunday, the moved Monday and the holiday', () => {
    expect(inMsk(ru.addWorkingMs(msk('2025-11-01 16:30'), 60 * MINUTES))).toBe('2025-11-05 09:30:00');
  });

  it('a policy can add its own working Saturday with its own hours', () => {
    const cal = new BusinessCalendar(
      officeHours({ workingDays: ['2025-03-15'], transferredDayHours: [{ from: '10:00', to: '16:00' }] }),
    );
    expect(cal.hoursOn('2025-03-15')).toEqual([{ from: '10:00', to: '16:00' }]);
    expect(inMsk(cal.addWorkingMs(msk('2025-03-14 17:00'), 180 * MINUTES))).toBe('2025-03-15 12:00:00');
  });

  it("the policy's own days off beat the country's working Saturday", () => {
    const cal = new BusinessCalendar(officeHours({ productionCalendar: 'RU', holidays: ['2025-11-01'] }));
    expect(cal.hoursOn('2025-11-01')).toEqual([]);
    expect(inMsk(cal.addWorkingMs(msk('2025-10-31 17:30'), 180 * MINUTES))).toBe('2025-11-05 11:30:00');
  });
});
