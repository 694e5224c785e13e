import { BusinessCalendar } from '../calendar';
import { dueSlaEvents, markRaised, recordFirstResponse, startClock, thresholdAt } from '../sla-clock';
import { inMsk, msk, officeHours } from './fixtures';

describe('scenario: warnings at 50 % and 80 % of working time, then the breach, each once', () => {
  const cal = new BusinessCalendar(officeHours());
  // Friday 17:00, 180 working minutes: 60 on Friday, 120 on Monday.
  const c = startClock(msk('2025-03-14 17:00'), 180, cal);

  it('thresholds fall in working time, not at the wall-clock midpoint', () => {
    expect(inMsk(thresholdAt(c, 0.5, cal))).toBe('2025-03-17 09:30:00');
    expect(inMsk(thresholdAt(c, 0.8, cal))).toBe('2025-03-17 10:24:00');
    expect(inMsk(thresholdAt(c, 1, cal))).toBe('2025-03-17 11:00:00');
    expect(dueSlaEvents(c, msk('2025-03-16 12:00'), cal)).toEqual([]);
  });

  it('each event is due once: after it is recorded it is not due again', () => {
    let s = c;
    const at = (t: string) => {
      const kinds = dueSlaEvents(s, msk(t), cal);
      s = markRaised(s, kinds, msk(t));
      return kinds;
    };
    expect(at('2025-03-17 09:29')).toEqual([]);
    expect(at('2025-03-17 09:30')).toEqual(['warning_50']);
    expect(at('2025-03-17 09:31')).toEqual([]);
    expect(at('2025-03-17 10:24')).toEqual(['warning_80']);
    expect(at('2025-03-17 11:00')).toEqual(['breach']);
    expect(at('2025-03-17 12:00')).toEqual([]);
  });

  it('a sweep that was down raises everything it missed at once', () => {
    expect(dueSlaEvents(c, msk('2025-03-18 10:00'), cal)).toEqual(['warning_50', 'warning_80', 'breach']);
  });

  it('an answer stops the clock', () => {
    const answered = recordFirstResponse(c, msk('2025-03-17 09:10'));
    expect(dueSlaEvents(answered, msk('2025-03-18 10:00'), cal)).toEqual([]);
  });
});
