import { DateTime } from 'luxon';
import { CalendarSpec, calendarSpecProblems, minutesOf, WEEKDAYS, WorkingInterval } from './calendar-spec';
import { ProductionCalendar } from './production-calendar';

export * from './calendar-spec';

/** Working time arithmetic: all SLA clocks count through one of these. */
export interface WorkingClock {
  /** The instant `ms` of working time after `start` (start itself if `ms` <= 0). */
  addWorkingMs(start: Date, ms: number): Date;
  /** Working milliseconds in [from, to); 0 when to <= from. */
  workingMsBetween(from: Date, to: Date): number;
}

/** The default clock: social media never sleeps, every millisecond counts. */
export const ALWAYS_OPEN: WorkingClock = {
  addWorkingMs: (start, ms) => new Date(start.getTime() + Math.max(0, ms)),
  workingMsBetween: (from, to) => Math.max(0, to.getTime() - from.getTime()),
};

/** A calendar with no working time at all would loop forever; ten years is the horizon. */
const MAX_DAYS = 3660;
const SHORT_DAY_MINUTES = 60;

type Window = readonly [number, number]; // UTC epoch ms [start, end)

/**
 * Working hours in a time zone, with holidays, transferred working days and (optionally) a
 * country's production calendar. Day windows are computed once per date and cached, so a
 * deadline costs a few map lookups.
 */
export class BusinessCalendar implements WorkingClock {
  private readonly windows = new Map<string, Window[]>();
  private readonly holidays: Set<string>;
  private readonly workingDays: Set<string>;
  private readonly transferredHours: WorkingInterval[];
  private readonly production?: ProductionCalendar;

  constructor(readonly spec: CalendarSpec) {
    const problems = calendarSpecProblems(spec);
    if (problems.length) throw new Error(`invalid business calendar: ${problems.join('; ')}`);
    this.holidays = new Set(spec.holidays ?? []);
    this.workingDays = new Set(spec.workingDays ?? []);
    this.transferredHours =
      spec.transferredDayHours ?? WEEKDAYS.map((d) => spec.week[d] ?? []).find((h) => h.length > 0)!;
    if (spec.productionCalendar) this.production = ProductionCalendar.forCountry(spec.productionCalendar);
  }

  /** The working intervals of a local date, after holidays, transfers and short days. */
  hoursOn(isoDate: string): WorkingInterval[] {
    const day = DateTime.fromISO(isoDate, { zone: this.spec.timeZone });
    const kind = this.production?.dayKind(isoDate);
    let hours: WorkingInterval[];
    // The policy's own lists beat the country's calendar; the country's beat the ordinary week.
    if (this.workingDays.has(isoDate)) hours = this.transferredHours;
    else if (this.holidays.has(isoDate)) return [];
    else if (kind === 'working' || kind === 'working_short') hours = this.transferredHours;
    else if (kind === 'off') return [];
    else hours = this.spec.week[WEEKDAYS[day.weekday - 1]] ?? [];
    if ((kind === 'short' || kind === 'working_short') && hours.length > 0) hours = shorten(hours);
    return hours;
  }

  isWorkingAt(at: Date): boolean {
    const t = at.getTime();
    return this.windowsOn(this.localDay(at)).some(([a, b]) => t >= a && t < b);
  }

  addWorkingMs(start: Date, ms: number): Date {
    let t = start.getTime();
    let remaining = ms;
    if (remaining <= 0) return new Date(t);
    let day = this.localDay(start);
    for (let i = 0; i < MAX_DAYS; i++, day = day.plus({ days: 1 })) {
      for (const [a, b] of this.windowsOn(day)) {
        if (b <= t) continue;
        const from = Math.max(a, t);
        if (remaining <= b - from) return new Date(from + remaining);
        remaining -= b - from;
        t = b;
      }
    }
    throw new Error('business calendar has no working time within ten years');
  }

  workingMsBetween(from: Date, to: Date): number {
    const f = from.getTime();
    const e = to.getTime();
    if (e <= f) return 0;
    let sum = 0;
    let day = this.localDay(from);
    const last = this.localDay(to);
    for (let i = 0; day <= last && i < MAX_DAYS * 10; i++, day = day.plus({ days: 1 })) {
      for (const [a, b] of this.windowsOn(day)) {
        const lo = Math.max(a, f);
        const hi = Math.min(b, e);
        if (hi > lo) sum += hi - lo;
      }
    }
    return sum;
  }

  private localDay(at: Date): DateTime {
    return DateTime.fromJSDate(at, { zone: this.spec.timeZone }).startOf('day');
  }

  private windowsOn(day: DateTime): Window[] {
    const iso = day.toISODate()!;
    let w = this.windows.get(iso);
    if (!w) {
      w = this.hoursOn(iso).map((iv) => [at(day, iv.from), at(day, iv.to)] as const);
      if (this.windows.size > 20_000) this.windows.clear();
      this.windows.set(iso, w);
    }
    return w;
  }
}

/** Local wall time on a day as epoch ms; "24:00" is the next local midnight (DST-safe). */
function at(day: DateTime, time: string): number {
  const minutes = minutesOf(time);
  if (minutes === 24 * 60) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
}

/** A pre-holiday day: the last interval ends an hour earlier (never below its own start). */
function shorten(hours: WorkingInterval[]): WorkingInterval[] {
  const out = hours.slice();
  const last = out[out.length - 1];
  const end = Math.max(minutesOf(last.from), minutesOf(last.to) - SHORT_DAY_MINUTES);
  const hh = String(Math.floor(end / 60)).padStart(2, '0');
  const mm = String(end % 60).padStart(2, '0');
  out[out.length - 1] = { from: last.from, to: `${hh}:${mm}` };
  return out;
}

const built = new WeakMap<CalendarSpec, WorkingClock>();

/** The clock for an optional spec: 24/7 without one; one cached instance per spec object. */
export function workingClockFor(spec: CalendarSpec | null | undefined): WorkingClock {
  if (!spec) return ALWAYS_OPEN;
  let clock = built.get(spec);
  if (!clock) {
    clock = new BusinessCalendar(spec);
    built.set(spec, clock);
  }
  return clock;
}
