/**
 * The seasonal baseline for a count in a sliding window (plain TypeScript).
 *
 * The window [now − W, now) is compared with the same window shifted back by whole weeks (hour of
 * week: the daily and the weekly cycle at once), and with the same window on the last week's days of
 * the same kind (working day or weekend): the hour of week alone gives four references in four
 * weeks, and an expectation from four is rough enough to cost a spike detector a good part of its
 * sensitivity. While a source's history is too short for that,
 * it falls back to the same window on previous days (the daily cycle only), and for a brand-new
 * source to the windows just before (no cycle at all). Fallback modes are judged more strictly by
 * the detectors, because their expectation is rougher.
 *
 * Today's level: whole days run busier or quieter than usual. The windows of the last two hours
 * (before the current one) are compared with their own seasonal expectation, and the current
 * expectation is scaled by that ratio (shrunk towards 1 and capped), so a quiet day does not hide
 * a spike and a busy day does not fake one.
 */
import { IANAZone } from 'luxon';
import { mean, median, sampleVariance } from './stats';

export type BaselineMode = 'weekly' | 'daily' | 'recent';
export type RefKind = 'current' | BaselineMode;

export interface RefWindow {
  kind: RefKind;
  /** weeks / days back for weekly and daily; 0 for current and recent */
  back: number;
  /** windows before `now` (0: the window that ends at `now`, shifted `back` weeks or days) */
  lag: number;
  from: Date;
  to: Date;
  /**
   * The last part of its window only (current and weekly, lag 0): a second, shorter look that
   * hears a spike before it fills the whole window. Baselines of the full window skip these.
   */
  tail?: true;
  /**
   * A daily window on the same kind of day as now (both working days, or both weekend days, in
   * the rule's zone): it joins the hour-of-week windows as a reference.
   */
  sameKindOfDay?: true;
}

export interface WindowCount {
  total: number;
  negative: number;
}

export interface BaselineOptions {
  windowMinutes: number;
  /** Weeks of hour-of-week history to compare with (the seasonal baseline). */
  baselineWeeks: number;
  /**
   * The zone whose clock people live by (the rule's). "Same hour a week ago" is the same wall
   * clock time there: across a DST change that is 167 or 169 hours back, not 168. Default UTC.
   */
  timeZone?: string;
  /** Also the last this-much of the current window and of its same-hour windows (0 or absent: no). */
  tailFraction?: number;
}

/** Fewest covered reference windows for each mode. */
export const MIN_REFS: Record<BaselineMode, number> = { weekly: 2, daily: 3, recent: 2 };
export const DAILY_REFS = 6;
export const RECENT_REFS = 4;
/** Windows before the current one that measure today's level. */
export const LEVEL_WINDOWS = 4;
/** Items of pseudo-count pulling today's level towards 1 (little data: little correction). */
const LEVEL_PRIOR = 40;
const LEVEL_MIN = 0.6;
const LEVEL_MAX = 1.6;
/**
 * Prior overdispersion (variance = μ + μ²/r): real days differ more than Poisson says. Rougher
 * modes assume more spread. The refs' own sample variance counts too, pooled with the prior.
 */
const PRIOR_R: Record<BaselineMode, number> = { weekly: 20, daily: 10, recent: 6 };
/** How many windows' worth of weight the prior spread has against the refs' sample variance. */
const PRIOR_WEIGHT = 4;
/** This hour's share of negatives may differ from the pooled neighbouring hours' by ~10 %. */
export const SHARE_DRIFT = 0.1;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WEEK = 7 * DAY;

/** The current window and every reference window a baseline may use. */
export function referenceWindows(now: Date, o: BaselineOptions): RefWindow[] {
  const w = o.windowMinutes * MINUTE;
  const t = now.getTime();
  const zone = o.timeZone && o.timeZone !== 'UTC' ? o.timeZone : null;
  const at = (kind: RefKind, back: number, lag: number, shift: number): RefWindow => {
    // The window's end, `shift` back on the zone's wall clock; the window keeps its real length.
    const end = t - lag * w;
    const to = zone && shift ? wallClockBack(end, shift, zone) : end - shift;
    return { kind, back, lag, from: new Date(to - w), to: new Date(to) };
  };
  const out: RefWindow[] = [at('current', 0, 0, 0)];
  for (let j = 1; j <= Math.max(RECENT_REFS, LEVEL_WINDOWS); j++) out.push(at('recent', 0, j, 0));
  // A window's day is the one it ends in (the last millisecond), on the zone's clock.
  const weekend = (r: RefWindow) => isWeekend(r.to.getTime() - 1, zone);
  const today = weekend(out[0]);
  for (let lag = 0; lag <= LEVEL_WINDOWS; lag++) {
    for (let k = 1; k <= o.baselineWeeks; k++) out.push(at('weekly', k, lag, k * WEEK));
    for (let d = 1; d <= DAILY_REFS; d++) {
      const r = at('daily', d, lag, d * DAY);
      out.push(weekend(r) === today ? { ...r, sameKindOfDay: true } : r);
    }
  }
  const f = o.tailFraction ?? 0;
  if (f > 0 && f < 1) {
    const tail = (r: RefWindow): RefWindow => ({
      ...r,
      from: new Date(r.to.getTime() - Math.round(f * w)),
      tail: true,
    });
    out.push(tail(out[0]));
    for (const r of out.filter((x) => x.lag === 0 && !x.tail && joinsWeekly(x))) out.push(tail(r));
  }
  return out;
}

/** Hour-of-week windows and the daily ones on the same kind of day: the weekly mode's references. */
const joinsWeekly = (w: RefWindow) => w.kind === 'weekly' || (w.kind === 'daily' && !!w.sameKindOfDay);

/** Saturday or Sunday on the zone's clock (null zone: UTC). */
function isWeekend(t: number, zone: string | null): boolean {
  const shifted = zone ? t + zoneOffsetMs(t, zone) : t;
  const day = new Date(shifted).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * The instant whose wall-clock time in `zone` is `ms` earlier than that of `t` (whole days or
 * weeks back: "Tuesday 09:00 a week ago" stays 09:00 across a DST change). Inside a skipped hour
 * the result lands an hour off, which a sliding window barely notices.
 */
export function wallClockBack(t: number, ms: number, zone: string): number {
  const offT = zoneOffsetMs(t, zone);
  let u = t - ms + offT - zoneOffsetMs(t - ms, zone);
  // once more with the offset at the answer itself (the change may lie between the two guesses)
  u = t - ms + offT - zoneOffsetMs(u, zone);
  return u;
}

/** Offsets change on quarter hours in every zone in use: one lookup per zone and quarter hour. */
const QUARTER = 15 * MINUTE;
const offsets = new Map<string, Map<number, number>>();

export function zoneOffsetMs(t: number, zone: string): number {
  let byZone = offsets.get(zone);
  if (!byZone) offsets.set(zone, (byZone = new Map()));
  const q = Math.floor(t / QUARTER);
  let off = byZone.get(q);
  if (off === undefined) {
    off = IANAZone.create(zone).offset(q * QUARTER) * MINUTE;
    if (byZone.size > 200_000) byZone.clear();
    byZone.set(q, off);
  }
  return off;
}

export interface Baseline {
  mode: BaselineMode;
  refs: number;
  /** expected negatives in the window */
  mean: number;
  /** variance of the observed count around `mean` (spread plus the baseline's own error) */
  variance: number;
  /** expected items of any sentiment (for the share) */
  totalMean: number;
  /** the usual share of negatives (pooled over the mode's reference windows), null without items */
  share: number | null;
  /** items behind `share` */
  shareSeen: number;
  /** today's level against the seasonal expectation (1 = as usual) */
  level: number;
  /** the same for the last part of the window (tail windows asked for, weekly mode only) */
  tail?: Baseline;
}

interface ModeRefs {
  /** lag → covered reference counts */
  byLag: Map<number, WindowCount[]>;
}

/**
 * The baseline from the counts of `windows` (aligned by index); reference windows that start
 * before `historyStart` are not covered (zero there means "no data", not "quiet").
 * Null when no mode has enough covered windows.
 */
export function baselineFrom(
  windows: readonly RefWindow[],
  counts: readonly WindowCount[],
  historyStart: Date | null,
): Baseline | null {
  if (!historyStart) return null;
  const start = historyStart.getTime();
  const recent = new Map<number, WindowCount>();
  const refs: Record<BaselineMode, ModeRefs> = {
    weekly: { byLag: new Map() },
    daily: { byLag: new Map() },
    recent: { byLag: new Map() },
  };
  const add = (mode: BaselineMode, lag: number, c: WindowCount) => {
    const list = refs[mode].byLag.get(lag) ?? [];
    list.push(c);
    refs[mode].byLag.set(lag, list);
  };
  const tails: WindowCount[] = [];
  // hour-of-week windows covered now (the weekly mode needs MIN_REFS of them, whatever else joins)
  let hourOfWeek = 0;
  windows.forEach((w, i) => {
    const c = counts[i] ?? { total: 0, negative: 0 };
    if (w.tail) {
      if (joinsWeekly(w) && w.from.getTime() >= start) tails.push(c);
      return;
    }
    if (w.kind === 'recent') recent.set(w.lag, c);
    if (w.kind === 'current' || w.from.getTime() < start) return;
    if (w.kind === 'weekly' && w.lag === 0) hourOfWeek++;
    if (w.sameKindOfDay) add('weekly', w.lag, c);
    // Recent windows are references for lag 0 (no cycle: the windows just before are the expectation).
    if (w.kind === 'recent' && w.lag > RECENT_REFS) return;
    add(w.kind, w.kind === 'recent' ? 0 : w.lag, c);
  });
  for (const mode of ['weekly', 'daily', 'recent'] as const) {
    const now = refs[mode].byLag.get(0) ?? [];
    if (now.length < MIN_REFS[mode] || (mode === 'weekly' && hourOfWeek < MIN_REFS.weekly)) continue;
    const level = mode === 'recent' ? 1 : todaysLevel(refs[mode], recent, start, windows);
    const pooled = pooledShare(refs[mode]);
    const b = estimate(mode, now, pooled, level);
    // The tail's expectation from the same part of the same-hour windows (not a fraction of the
    // whole window's: traffic ramps up and down within an hour), at today's level.
    if (mode === 'weekly' && tails.length >= MIN_REFS.weekly) b.tail = estimate(mode, tails, pooled, level);
    return b;
  }
  return null;
}

/**
 * The usual share of negatives, pooled over every covered reference window of the mode (the
 * current hour of week and the hours just before it, in each past week and on last week's days of
 * the same kind): many more items than the same-hour windows alone, so a fluke in a few small
 * windows does not set it.
 */
function pooledShare(refs: ModeRefs): { share: number; seen: number } | null {
  let neg = 0;
  let total = 0;
  for (const list of refs.byLag.values()) {
    const n = capOutliers(list.map((r) => r.negative));
    list.forEach((r, i) => {
      neg += Math.min(n[i], r.total);
      total += r.total;
    });
  }
  return total > 0 ? { share: neg / total, seen: total } : null;
}

/**
 * Expected negatives = expected items (the same-hour windows, any sentiment) × the usual share.
 * The share blends this hour's own (its windows' negatives over their items) with the pooled one
 * by precision: the pooled share has many more items behind it, so a fluke in three or four small
 * windows does not set the expectation, but it may differ from this hour's by ~SHARE_DRIFT. The
 * variance is one window's spread around the expectation plus the expectation's own error.
 */
function estimate(
  mode: BaselineMode,
  now: readonly WindowCount[],
  pooled: { share: number; seen: number } | null,
  level: number,
): Baseline {
  const n = now.length;
  const neg = capOutliers(now.map((r) => r.negative));
  const tot = capOutliers(now.map((r) => r.total));
  const totalMean = mean(tot) * level;
  const spreadOf = (m: number, sampled: number) => {
    // the refs' own spread (scaled to today's level), pooled with the prior
    const prior = m + (m * m) / PRIOR_R[mode];
    return Math.max(prior, (PRIOR_WEIGHT * prior + (n - 1) * sampled) / (PRIOR_WEIGHT + n - 1));
  };
  const sampledNeg = sampleVariance(neg) * level * level;
  let m = mean(neg) * level;
  let errorVar = spreadOf(m, sampledNeg) / n;
  let share: number | null = pooled?.share ?? null;
  let shareSeen = pooled?.seen ?? 0;
  const hourItems = tot.reduce((a, x) => a + x, 0);
  if (pooled && pooled.seen > 0 && hourItems > 0) {
    const ps = pooled.share;
    const hourShare = Math.min(1, neg.reduce((a, x) => a + x, 0) / hourItems);
    // binomial error of each share, judged at the steadier pooled share (one item's worth at least)
    const binom = Math.max(ps * (1 - ps), 1 / Math.max(pooled.seen, 1));
    const hourVar = binom / hourItems;
    const pooledVar = binom / pooled.seen + (SHARE_DRIFT * ps) ** 2;
    const w = pooledVar / (hourVar + pooledVar);
    const s = w * hourShare + (1 - w) * ps;
    const shareVar = (hourVar * pooledVar) / (hourVar + pooledVar);
    const totalVar = spreadOf(totalMean, sampleVariance(tot) * level * level) / n;
    m = totalMean * s;
    errorVar = totalVar * s * s + totalMean * totalMean * shareVar;
    share = s;
    // the items a plain share estimate would need for this precision (what shareTail expects)
    shareSeen = binom / shareVar;
  }
  return {
    mode,
    refs: n,
    mean: m,
    variance: spreadOf(m, sampledNeg) + errorVar,
    totalMean,
    share,
    shareSeen,
    level,
  };
}

/**
 * Observed items in the windows before the current one against what their own references
 * expected (all sentiments: volume, not mood), shrunk towards 1 and capped.
 */
function todaysLevel(
  refs: ModeRefs,
  recent: ReadonlyMap<number, WindowCount>,
  historyStart: number,
  windows: readonly RefWindow[],
): number {
  let observed = 0;
  let expected = 0;
  for (let lag = 1; lag <= LEVEL_WINDOWS; lag++) {
    const seen = recent.get(lag);
    const ref = refs.byLag.get(lag);
    if (!seen || !ref || ref.length < 2) continue;
    // Only windows inside the history (a new source's first hours are not "a quiet day").
    const w = windows.find((x) => x.kind === 'recent' && x.lag === lag);
    if (!w || w.from.getTime() < historyStart) continue;
    observed += seen.total;
    expected += mean(capOutliers(ref.map((r) => r.total)));
  }
  const level = (observed + LEVEL_PRIOR) / (expected + LEVEL_PRIOR);
  return Math.min(LEVEL_MAX, Math.max(LEVEL_MIN, level));
}

/**
 * A past storm in one reference window must not teach the baseline that storms are normal:
 * values far above the median are capped (a Poisson-aware bound, so small counts are left alone).
 */
export function capOutliers(xs: readonly number[]): number[] {
  if (xs.length < 3) return [...xs];
  const m = median(xs);
  const cap = Math.max(3 * m, m + 3 * Math.sqrt(m) + 3);
  return xs.map((x) => Math.min(x, cap));
}

/** Sum of baselines (sources inside a platform or overall): means and variances add up. */
export function addBaselines(parts: readonly Baseline[]): Baseline | null {
  if (parts.length === 0) return null;
  const rank: Record<BaselineMode, number> = { weekly: 0, daily: 1, recent: 2 };
  let m = 0;
  let v = 0;
  let t = 0;
  for (const b of parts) {
    m += b.mean;
    v += b.variance;
    t += b.totalMean;
  }
  // An aggregate is as rough as its roughest part that matters (a fifth of the expectation or
  // more): a new, small source does not make the whole company's baseline a fallback.
  let mode: BaselineMode = 'weekly';
  let refs = Infinity;
  for (const b of parts) {
    if (m > 0 && b.mean < 0.2 * m) continue;
    if (rank[b.mode] > rank[mode]) mode = b.mode;
    refs = Math.min(refs, b.refs);
  }
  const level = t > 0 ? parts.reduce((a, b) => a + b.level * b.totalMean, 0) / t : 1;
  const tails = parts.map((b) => b.tail).filter((b): b is Baseline => !!b);
  const tail = tails.length === parts.length ? addBaselines(tails) : null;
  // the usual share of the sum: each part's share weighted by the items it is expected to bring
  const withShare = parts.filter((b) => b.share !== null);
  const st = withShare.reduce((a, b) => a + b.totalMean, 0);
  const share = st > 0 ? withShare.reduce((a, b) => a + b.share! * b.totalMean, 0) / st : null;
  return {
    mode,
    refs: Number.isFinite(refs) ? refs : 0,
    mean: m,
    variance: v,
    totalMean: t,
    share,
    shareSeen: withShare.reduce((a, b) => a + b.shareSeen, 0),
    level,
    ...(tail ? { tail } : {}),
  };
}
