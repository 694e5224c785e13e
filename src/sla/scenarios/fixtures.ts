import { DateTime } from 'luxon';
import { CalendarSpec, weekdaysCalendar } from '../calendar';

/** Scenario helpers: fixed instants in Moscow time and the office calendar the scenarios use. */
export const MSK = 'Europe/Moscow';

/** "2025-06-11 16:30" in Moscow time as a Date. */
export function msk(local: string): Date {
  const dt = DateTime.fromFormat(local, local.length > 16 ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm', {
    zone: MSK,
  });
  if (!dt.isValid) throw new Error(`bad fixture time ${local}`);
  return dt.toJSDate();
}

/** A Date printed back in Moscow time, so failures read like the scenario. */
export function inMsk(d: Date | null): string | null {
  return d ? DateTime.fromJSDate(d, { zone: MSK }).toFormat('yyyy-MM-dd HH:mm:ss') : null;
}

export const MINUTES = 60_000;

/** Mon-Fri 09:00-13:00 and 14:00-18:00 Moscow time, with lunch. */
export function officeHours(extra: Partial<CalendarSpec> = {}): CalendarSpec {
  return weekdaysCalendar(
    MSK,
    [
      { from: '09:00', to: '13:00' },
      { from: '14:00', to: '18:00' },
    ],
    extra,
  );
}
