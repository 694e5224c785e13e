/**
 * Time arithmetic for the batched and periodic rules (plain TypeScript): SLA messages go out once
 * per rule and window (fixed buckets), escalations once per bucket of "breached this long ago".
 */
const MINUTE = 60_000;

export interface Bucket {
  from: Date;
  to: Date;
  /** stable id of the bucket, part of the alert's dedupe key */
  key: string;
}

/**
 * Closed buckets of `minutes` (aligned to the epoch) that ended at least `graceMs` ago, newest
 * last, at most `lookback` of them. The grace lets a sweep that stamped an event with a time just
 * before the bucket's end commit before the bucket is read.
 */
export function closedBuckets(now: Date, minutes: number, graceMs: number, lookback: number): Bucket[] {
  const size = minutes * MINUTE;
  const lastEnd = Math.floor((now.getTime() - graceMs) / size) * size;
  const out: Bucket[] = [];
  for (let i = lookback - 1; i >= 0; i--) {
    const to = lastEnd - i * size;
    const from = to - size;
    out.push({ from: new Date(from), to: new Date(to), key: new Date(from).toISOString() });
  }
  return out;
}
