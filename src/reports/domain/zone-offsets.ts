/**
 * A zone's UTC offset at an instant, fast: luxon asks Intl for every offset (tens of µs each, far
 * more on a loaded machine), and a 90-day hourly report with its previous period has 4,320
 * buckets. Offsets are sampled once per UTC day (cached per zone for the process) and looked up
 * between samples; a day whose two ends differ is searched to the minute. Assumes a zone changes
 * its offset at most once within a day (true of every tz rule).
 */
import { DateTime, Zone } from 'luxon';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Cached samples per zone before the cache is dropped (a guard, not a limit anyone should hit). */
const MAX_SAMPLES = 200_000;

interface ZoneCache {
  zone: Zone;
  /** UTC midnight (ms) → offset there (minutes) */
  samples: Map<number, number>;
  /** UTC midnight of a day with a change → the instant (ms) the new offset starts */
  changes: Map<number, number>;
}

const zones = new Map<string, ZoneCache>();
let sampled = 0;

function cacheOf(name: string): ZoneCache {
  let c = zones.get(name);
  if (!c) {
    if (sampled > MAX_SAMPLES) {
      zones.clear();
      sampled = 0;
    }
    c = { zone: DateTime.fromMillis(0, { zone: name }).zone, samples: new Map(), changes: new Map() };
    zones.set(name, c);
  }
  return c;
}

function sample(c: ZoneCache, day: number): number {
  let o = c.samples.get(day);
  if (o === undefined) {
    o = c.zone.offset(day);
    c.samples.set(day, o);
    sampled++;
  }
  return o;
}

/** The offset of `zone` (minutes east of UTC) at `ms`, as luxon and PostgreSQL give it. */
export function offsetAt(zone: string, ms: number): number {
  const c = cacheOf(zone);
  const day = Math.floor(ms / DAY) * DAY;
  const a = sample(c, day);
  const b = sample(c, day + DAY);
  if (a === b) return a;
  let change = c.changes.get(day);
  if (change === undefined) {
    // the first minute of the day with the next day's offset
    let lo = 0;
    let hi = DAY / MINUTE;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c.zone.offset(day + mid * MINUTE) === b) hi = mid;
      else lo = mid + 1;
    }
    change = day + lo * MINUTE;
    c.changes.set(day, change);
  }
  return ms < change ? a : b;
}

/** Local wall-clock time of an instant, as UTC fields of a Date-compatible ms value. */
export function wallClock(zone: string, ms: number): number {
  return ms + offsetAt(zone, ms) * MINUTE;
}
