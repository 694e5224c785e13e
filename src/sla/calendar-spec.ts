import { DateTime, IANAZone } from 'luxon';
import { ProductionCalendar } from './production-calendar';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A working interval in local time: "09:00"–"13:00"; `to` may be "24:00". */
export interface WorkingInterval {
  from: string;
  to: string;
}

/**
 * A policy's business calendar as stored in sla_policies.calendar (jsonb) and sent by the admin
 * API. Without one a policy runs 24/7.
 */
export interface CalendarSpec {
  /** IANA zone the hours are in, e.g. "Europe/Moscow". */
  timeZone: string;
  /** Working intervals per weekday; a missing or empty day is a day off. */
  week: Partial<Record<Weekday, WorkingInterval[]>>;
  /** Extra days off, ISO dates (company holidays). */
  holidays?: string[];
  /** Extra working days, ISO dates (a weekend day the team works). */
  workingDays?: string[];
  /** Hours on a transferred working day; default: the first weekday that has hours (Monday usually). */
  transferredDayHours?: WorkingInterval[];
  /** Apply a country's production calendar: public holidays, transfers and short days ("RU"). */
  productionCalendar?: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Minutes since local midnight for "HH:mm". */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** Every problem with a spec, in words an admin can act on; empty when it is valid. */
export function calendarSpecProblems(spec: CalendarSpec): string[] {
  const problems: string[] = [];
  if (!spec || typeof spec !== 'object') return ['calendar must be an object'];
  if (typeof spec.timeZone !== 'string' || !IANAZone.isValidZone(spec.timeZone)) {
    problems.push(`timeZone "${spec.timeZone}" is not an IANA time zone`);
  }
  const checkIntervals = (where: string, list: unknown) => {
    if (!Array.isArray(list)) return problems.push(`${where} must be a list of {from, to}`);
    let lastEnd = -1;
    for (const iv of list as WorkingInterval[]) {
      if (!iv || !TIME.test(iv.from) || iv.from === '24:00' || !TIME.test(iv.to)) {
        problems.push(`${where}: interval ${JSON.stringify(iv)} needs from/to as HH:mm`);
        continue;
      }
      const a = minutesOf(iv.from);
      const b = minutesOf(iv.to);
      if (b <= a) problems.push(`${where}: ${iv.from}-${iv.to} ends before it starts`);
      if (a < lastEnd) problems.push(`${where}: intervals must be in order and not overlap`);
      lastEnd = b;
    }
  };
  const week = spec.week ?? {};
  for (const key of Object.keys(week)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) problems.push(`week has an unknown day "${key}"`);
    else checkIntervals(`week.${key}`, week[key as Weekday]);
  }
  if (!WEEKDAYS.some((d) => (week[d]?.length ?? 0) > 0)) {
    problems.push('week must have working hours on at least one day');
  }
  if (spec.transferredDayHours !== undefined) checkIntervals('transferredDayHours', spec.transferredDayHours);
  for (const key of ['holidays', 'workingDays'] as const) {
    const list = spec[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) problems.push(`${key} must be a list of YYYY-MM-DD dates`);
    else
      for (const d of list)
        if (typeof d !== 'string' || !DATE.test(d) || !DateTime.fromISO(d).isValid) {
          problems.push(`${key}: "${d}" is not a YYYY-MM-DD date`);
        }
  }
  if (spec.productionCalendar !== undefined && !ProductionCalendar.isKnownCountry(spec.productionCalendar)) {
    problems.push(`productionCalendar "${spec.productionCalendar}" is not a known country code`);
  }
  return problems;
}

/** Monday to Friday with the given intervals (a convenience for tests and defaults). */
export function weekdaysCalendar(
  timeZone: string,
  intervals: WorkingInterval[],
  extra: Partial<CalendarSpec> = {},
): CalendarSpec {
  const week: CalendarSpec['week'] = {};
  for (const d of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) week[d] = intervals;
  return { timeZone, week, ...extra };
}
