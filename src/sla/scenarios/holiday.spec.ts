import { BusinessCalendar } from '../calendar';
import { ProductionCalendar } from '../production-calendar';
import { inMsk, MINUTES, msk, officeHours } from './fixtures';

describe('scenario: holidays (Russian production calendar)', () => {
  const ru = new BusinessCalendar(officeHours({ productionCalendar: 'RU' }));

  it('Russia Day: a short Wednesday, the Thursday holiday and the Friday transferred from 8 March are skipped', () => {
    // 11 June 2025 is a pre-holiday day ending at 17:00; 12 June is a holiday; 13 June is off by decree 1335.
    expect(ru.hoursOn('2025-06-11')).toEqual([
      { from: '09:00', to: '13:00' },
      { from: '14:00', to: '17:00' },
    ]);
    const due = ru.addWorkingMs(msk('2025-06-11 16:30'), 180 * MINUTES);
    expect(inMsk(due)).toBe('2025-06-16 11:30:00');
  });

  it('without the production calendar the same message is due on the holiday itself', () => {
    const plain = new BusinessCalendar(officeHours());
    expect(inMsk(plain.addWorkingMs(msk('2025-06-11 16:30'), 180 * MINUTES))).toBe('2025-06-12 10:30:00');
  });

  it('New Year: 31 Dec 2025 is a day off and the holidays run to 11 January 2026', () => {
    const due = ru.addWorkingMs(msk('2025-12-30 17:00'), 180 * MINUTES);
    expect(inMsk(due)).toBe('2026-01-12 11:00:00');
    expect(ru.hoursOn('2026-01-09')).toEqual([]); // moved from Saturday 3 January
  });

  it('a company holiday in the policy is a day off too', () => {
    const cal = new BusinessCalendar(officeHours({ holidays: ['2025-03-17'] }));
    expect(inMsk(cal.addWorkingMs(msk('2025-03-14 17:00'), 180 * MINUTES))).toBe('2025-03-18 11:00:00');
  });

  it.each([
    [2025, 247, 1972],
    [2026, 247, 1972],
  ])('%i has %i working days and %i working hours at 40 h a week', (year, days, hours) => {
    const eightHours = new BusinessCalendar(officeHours({ productionCalendar: 'RU' }));
    let working = 0;
    for (
      let d = new Date(Date.UTC(year, 0, 1));
      d.getUTCFullYear() === year;
      d.setUTCDate(d.getUTCDate() + 1)
    ) {
      if (eightHours.hoursOn(d.toISOString().slice(0, 10)).length > 0) working++;
    }
    expect(working).toBe(days);
    const ms = eightHours.workingMsBetween(msk(`${year}-01-01 00:00`), msk(`${year + 1}-01-01 00:00`));
    expect(ms / 3_600_000).toBe(hours);
  });

  it('ships transfer data for 2025 and 2026', () => {
    expect(ProductionCalendar.forCountry('RU').coveredYears).toEqual(expect.arrayContaining([2025, 2026]));
    expect(ProductionCalendar.forCountry('ru').dayKind('2025-01-03')).toBe('off'); // public holiday from date-holidays
    expect(ProductionCalendar.forCountry('RU').dayKind('2025-05-08')).toBe('off'); // moved from 23 Feb
    expect(ProductionCalendar.forCountry('RU').dayKind('2025-03-10')).toBeUndefined(); // an ordinary Monday
  });
});
