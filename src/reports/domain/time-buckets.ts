/**
 * Report time: a range [from, to) read in a time zone and cut into hour, day or week buckets
 * (weeks start on Monday), the previous period of the same shape, and the checks that keep a
 * request answerable from hourly rollups (whole-hour offsets, a bounded number of points).
 * Plain TypeScript on luxon; the SQL side buckets with date_trunc(unit, hour, zone), which gives
 * the same starts (tested against PostgreSQL).
 */
import { DateTime, IANAZone } from 'luxon';
import { offsetAt, wallClock } from './zone-offsets';

export type Granularity = 'hour' | 'day' | 'week';
export const GRANULARITIES: readonly Granularity[] = ['hour', 'day', 'week'];

/** At most this many points per series (a 100-day range by the hour; 5 years by the day is fine). */
export const MAX_BUCKETS = 2400;
/** The longest range a report covers (5 years and a leap day). */
export const MAX_RANGE_DAYS = 5 * 365 + 2;

export interface ReportRange {
  from: Date;
  to: Date;
  timeZone: string;
}

export interface Bucket {
  /** the unclipped start of the bucket (what date_trunc returns), ms since the epoch */
  key: number;
  /** the part of the bucket inside the range */
  start: Date;
  end: Date;
  /** the bucket in its zone (bucketLabel) */
  label: string;
  /** start and end as ISO text (every point of every series repeats them) */
  startIso: string;
  endIso: string;
}

export class ReportRangeError extends Error {}

const HOUR = 3_600_000;

/** A date (`2025-01-31`: its local midnight) or a date-time (with an offset, or local in `zone`). */
export function parseInstant(text: string, zone: string, field: string): DateTime {
  const d = DateTime.fromISO(text, { zone });
  if (!d.isValid)
    throw new ReportRangeError(`${field} must be an ISO 8601 date or date-time (got "${text}")`);
  return d;
}

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * The range a report answers: from and to are moved out to whole hours (the rollups' grain) and
 * checked: from before to, at most MAX_RANGE_DAYS, at most MAX_BUCKETS points, and a zone whose
 * offset is a whole number of hours throughout (30- and 45-minute zones cannot be cut from UTC hours).
 */
export function reportRange(
  fromText: string,
  toText: string,
  zone: string,
  granularity: Granularity,
): ReportRange {
  if (!isValidTimeZone(zone)) throw new ReportRangeError(`unknown time zone "${zone}"`);
  const from = floorHour(parseInstant(fromText, zone, 'from').toJSDate());
  const to = ceilHour(parseInstant(toText, zone, 'to').toJSDate());
  if (to <= from) throw new ReportRangeError('to must be after from');
  const days = (to.getTime() - from.getTime()) / (24 * HOUR);
  if (days > MAX_RANGE_DAYS)
    throw new ReportRangeError(
      `a report covers at most ${MAX_RANGE_DAYS} days (asked for ${Math.ceil(days)})`,
    );
  const range = { from, to, timeZone: zone };
  const n = countBuckets(range, granularity);
  if (n > MAX_BUCKETS)
    throw new ReportRangeError(
      `${Math.ceil(days)} days by the ${granularity} is ${n} points; at most ${MAX_BUCKETS} — choose a shorter range or a coarser granularity`,
    );
  checkWholeHourOffsets(range);
  return range;
}

/** Throws when the zone's offset is not a whole number of hours somewhere in the range. */
export function checkWholeHourOffsets(range: ReportRange): void {
  const step = 24 * HOUR;
  for (let t = range.from.getTime(); ; t = Math.min(t + step, range.to.getTime())) {
    const offset = offsetAt(range.timeZone, t);
    if (offset % 60 !== 0)
      throw new ReportRangeError(
        `time zone ${range.timeZone} is ${offset} minutes from UTC; reports need a whole-hour offset`,
      );
    if (t >= range.to.getTime()) return;
  }
}

/** The unclipped bucket start of an instant, as date_trunc(granularity, t, zone) computes it. */
export function bucketKey(t: Date | number, granularity: Granularity, zone: string): number {
  const d = DateTime.fromMillis(typeof t === 'number' ? t : t.getTime(), { zone });
  return d.startOf(granularity === 'week' ? 'week' : granularity).toMillis();
}

/**
 * Every bucket of the range, in order, clipped to it; empty buckets included. Steps by arithmetic
 * on cached offsets (zone-offsets.ts), asking luxon only next to an offset change: a 90-day hourly
 * report has thousands of buckets and luxon's zone maths is tens of µs a step.
 */
export function buckets(range: ReportRange, granularity: Granularity): Bucket[] {
  const out: Bucket[] = [];
  const zone = range.timeZone;
  const from = range.from.getTime();
  const to = range.to.getTime();
  const label = labeller(granularity, zone);
  let key = bucketKey(range.from, granularity, zone);
  while (key < to) {
    const next = nextKey(key, granularity, zone);
    const start = new Date(Math.max(key, from));
    const end = new Date(Math.min(next, to));
    out.push({
      key,
      start,
      end,
      label: label(key),
      startIso: start.toISOString(),
      endIso: end.toISOString(),
    });
    key = next;
  }
  return out;
}

const MINUTE = 60_000;
const DAY = 24 * HOUR;

/** The start of the bucket after the one starting at `key`. */
function nextKey(key: number, granularity: Granularity, zone: string): number {
  const off = offsetAt(zone, key);
  if (granularity === 'hour') {
    // whole-hour offsets (checked by reportRange): local hours are UTC hours
    if (off % 60 === 0 && offsetAt(zone, key + HOUR) % 60 === 0) return key + HOUR;
  } else {
    const wall = key + off * MINUTE + (granularity === 'week' ? 7 : 1) * DAY;
    const guess = wall - offsetAt(zone, wall - off * MINUTE) * MINUTE;
    // arithmetic unless an offset change is near the next midnight (a missing or repeated one)
    if (offsetAt(zone, guess - DAY) === offsetAt(zone, guess + DAY) && wallClock(zone, guess) === wall)
      return guess;
  }
  return DateTime.fromMillis(key, { zone })
    .plus({ [`${granularity}s`]: 1 })
    .toMillis();
}

/** bucketLabel for many keys: ISO text from the cached offsets, the offset suffix as luxon writes it. */
export function labeller(granularity: Granularity, zone: string): (key: number) => string {
  const suffixes = new Map<number, string>();
  return (key) => {
    const off = offsetAt(zone, key);
    const local = new Date(key + off * MINUTE).toISOString();
    if (granularity !== 'hour') return local.slice(0, 10);
    let suffix = suffixes.get(off);
    if (suffix === undefined) {
      const full = bucketLabel(key, granularity, zone);
      suffix = full.slice(19);
      // luxon's own text when the fast one would differ (seconds or sub-minute offsets: never, but safe)
      if (full.slice(0, 19) !== local.slice(0, 19)) return full;
      suffixes.set(off, suffix);
    }
    return local.slice(0, 19) + suffix;
  };
}

export function countBuckets(range: ReportRange, granularity: Granularity): number {
  const span = range.to.getTime() - range.from.getTime();
  // exact for hours; days and weeks counted on the calendar (a DST day is still one bucket)
  if (granularity === 'hour') return Math.ceil(span / HOUR);
  if (span / HOUR > 24 * (MAX_BUCKETS + 10) * (granularity === 'week' ? 7 : 1)) return MAX_BUCKETS + 1;
  return buckets(range, granularity).length;
}

/**
 * The period just before, of the same shape: a range of whole local days (or weeks) moves back
 * by as many calendar days, so its buckets line up with the current ones across a DST change;
 * any other range moves back by its exact duration.
 */
export function previousRange(range: ReportRange): ReportRange {
  const z = range.timeZone;
  const f = DateTime.fromJSDate(range.from, { zone: z });
  const t = DateTime.fromJSDate(range.to, { zone: z });
  if (isMidnight(f) && isMidnight(t)) {
    const days = Math.round(
      (Date.UTC(t.year, t.month - 1, t.day) - Date.UTC(f.year, f.month - 1, f.day)) / (24 * HOUR),
    );
    return { from: f.minus({ days }).toJSDate(), to: range.from, timeZone: z };
  }
  const span = range.to.getTime() - range.from.getTime();
  return { from: new Date(range.from.getTime() - span), to: range.from, timeZone: z };
}

/** A label for a bucket start in its zone: `2025-03-09T02:00+01:00` style (offset kept for DST hours). */
export function bucketLabel(key: number, granularity: Granularity, zone: string): string {
  const d = DateTime.fromMillis(key, { zone });
  return granularity === 'hour' ? d.toISO({ suppressMilliseconds: true })! : d.toISODate()!;
}

function isMidnight(d: DateTime): boolean {
  return d.hour === 0 && d.minute === 0 && d.second === 0 && d.millisecond === 0;
}

function floorHour(d: Date): Date {
  return new Date(Math.floor(d.getTime() / HOUR) * HOUR);
}
function ceilHour(d: Date): Date {
  return new Date(Math.ceil(d.getTime() / HOUR) * HOUR);
}

/** Days [from, to) as the whole ISO weeks (Monday to Monday) inside them and the days at the edges. */
export function weekSpans(from: string, to: string): { weeks: [string, string][]; days: [string, string][] } {
  const d = (x: string) => DateTime.fromISO(x, { zone: 'UTC' });
  const a = d(from);
  const b = d(to);
  const first = a.plus({ days: (8 - a.weekday) % 7 });
  const last = b.minus({ days: b.weekday - 1 });
  if (first >= last) return { weeks: [], days: [[from, to]] };
  const iso = (x: DateTime) => x.toISODate()!;
  const days: [string, string][] = [];
  if (a < first) days.push([from, iso(first)]);
  if (last < b) days.push([iso(last), to]);
  return { weeks: [[iso(first), iso(last)]], days };
}
