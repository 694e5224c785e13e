/**
 * First-response times are kept as a histogram (the rollups hold a count per bucket), so a
 * median or a 90th percentile over any period is a sum of rows, not a sort of every response.
 * Bucket i holds times in [BOUNDS[i-1], BOUNDS[i]) seconds; the last one is open. A quantile is
 * read by linear interpolation inside its bucket: exact at bucket edges, within the bucket's
 * width elsewhere (the open bucket answers with its lower edge).
 */

/** Upper bounds in seconds (the same list as migrations/1732600500000-Reports.ts, which built the columns). */
export const FRT_BOUNDS: readonly number[] = [
  60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 10800, 14400, 21600, 28800, 43200, 86400,
  172800, 345600, 604800,
];
export const FRT_BUCKETS = FRT_BOUNDS.length + 1;
/** The rollup column of each bucket: f00 … f20. */
export const FRT_COLUMNS: readonly string[] = Array.from(
  { length: FRT_BUCKETS },
  (_, i) => `f${String(i).padStart(2, '0')}`,
);

export function bucketOf(seconds: number): number {
  let i = 0;
  while (i < FRT_BOUNDS.length && seconds >= FRT_BOUNDS[i]) i++;
  return i;
}

export function bucketRange(i: number): { from: number; to: number | null } {
  return { from: i === 0 ? 0 : FRT_BOUNDS[i - 1], to: i < FRT_BOUNDS.length ? FRT_BOUNDS[i] : null };
}

/** The q-quantile (0 < q ≤ 1) in seconds, or null for an empty histogram. */
export function quantile(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  const target = q * total;
  let below = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0 && below + c >= target) {
      const { from, to } = bucketRange(i);
      if (to === null) return from;
      return Math.round(from + ((target - below) / c) * (to - from));
    }
    below += c;
  }
  return bucketRange(counts.length - 1).from;
}

export function addHistograms(a: readonly number[], b: readonly number[]): number[] {
  return Array.from({ length: FRT_BUCKETS }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));
}
