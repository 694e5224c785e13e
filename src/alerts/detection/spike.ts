/**
 * Negative-spike detection (plain TypeScript): the current window's negative count against the
 * seasonal baseline, per source, per platform and overall, as a negative-binomial tail
 * probability, with a minimum volume, a minimum ratio and a rise in the negative share; then one
 * alert per spike across the scope tree (the most specific scope that explains it).
 */
import { addBaselines, Baseline, BaselineMode, baselineFrom, RefWindow, WindowCount } from './baseline';
import { decideEpisode, EpisodeBook, Signal } from './episodes';
import { upperTail } from './stats';

export type Sensitivity = 'low' | 'medium' | 'high';
export type SpikeScopeLevel = 'overall' | 'platform' | 'source';

export interface SpikeParams {
  windowMinutes: number;
  baselineWeeks: number;
  /** fewest negatives in the window for an alert */
  minNegatives: number;
  /** observed ≥ this × expected */
  minRatio: number;
  /** negative share ≥ this × the usual share (0: do not look at the share) */
  minShareLift: number;
  sensitivity: Sensitivity;
  /** an open spike clears when the window is back under this × expected (or no longer unusual) */
  clearRatio: number;
  scopes: SpikeScopeLevel[];
}

export const DEFAULT_SPIKE_PARAMS: SpikeParams = {
  windowMinutes: 60,
  baselineWeeks: 4,
  minNegatives: 5,
  minRatio: 2,
  minShareLift: 1.2,
  sensitivity: 'medium',
  clearRatio: 1.5,
  scopes: ['overall', 'platform', 'source'],
};

/** Tail probability that counts as a spike, by sensitivity (hour-of-week baseline). */
export const ALPHA: Record<Sensitivity, number> = { low: 3e-5, medium: 3e-4, high: 3e-3 };
/** Fallback baselines are rougher: stricter. */
export const FALLBACK_ALPHA_FACTOR = 0.3;
/** Above this tail probability the window is plainly ordinary (clears a spike). */
export const CALM_P = 0.05;
/** A window never "expects" fewer negatives than this (an empty night is not certainty). */
export const MIN_EXPECTED = 2;
/** The usual share is only trusted with this much history behind it (items, negatives). */
export const SHARE_MIN_SEEN = { total: 30, negative: 5 };
/** A parent scope is left to a child that explains this much of its excess. */
export const EXPLAINS = 0.7;

export function alphaFor(sensitivity: Sensitivity, mode: BaselineMode): number {
  return ALPHA[sensitivity] * (mode === 'weekly' ? 1 : FALLBACK_ALPHA_FACTOR);
}

export interface ScopeReading {
  scope: string;
  level: SpikeScopeLevel;
  /** enclosing scopes, nearest first (source → platform → overall) */
  ancestors: string[];
  observed: WindowCount;
  baseline: Baseline;
  expected: number;
  ratio: number;
  share: number | null;
  baselineShare: number | null;
  /** the smaller of the count's and the share's tail probability */
  pValue: number;
  signal: Signal;
  /** for platform and overall: the sources inside, by excess negatives, largest first */
  parts: { scope: string; observed: number; expected: number }[];
}

export function readScope(
  scope: string,
  level: SpikeScopeLevel,
  ancestors: string[],
  observed: WindowCount,
  baseline: Baseline,
  p: SpikeParams,
  parts: ScopeReading['parts'] = [],
): ScopeReading {
  const expected = Math.max(baseline.mean, MIN_EXPECTED);
  const x = observed.negative;
  // Never tighter than Poisson around the (floored) expectation.
  const pCount = upperTail(x, expected, Math.max(baseline.variance, expected));
  const share = observed.total > 0 ? x / observed.total : null;
  const baselineShare = baseline.totalMean > 0 ? baseline.mean / baseline.totalMean : null;
  const pShare = baselineShare === null ? 1 : shareTail(x, observed.total, baselineShare, baseline);
  const pValue = Math.min(pCount, pShare);
  const ratio = x / expected;
  const shareOk =
    p.minShareLift <= 0 ||
    share === null ||
    baselineShare === null ||
    share >= baselineShare * p.minShareLift;
  // Two looks (count and share), so each gets half of the tail budget. Without a known daily
  // cycle (a new source) the count alone cannot tell a storm from the morning: the share must say so.
  const alpha = alphaFor(p.sensitivity, baseline.mode) / 2;
  const unusual = baseline.mode === 'recent' ? pShare <= alpha : pValue <= alpha;
  const spike = x >= p.minNegatives && ratio >= p.minRatio && shareOk && unusual;
  const calm = ratio <= p.clearRatio || (pCount > CALM_P && pShare > CALM_P);
  return {
    scope,
    level,
    ancestors,
    observed,
    baseline,
    expected,
    ratio,
    share,
    baselineShare,
    pValue,
    signal: spike ? 'active' : calm ? 'calm' : 'neutral',
    parts,
  };
}

/** Share looks overdispersed too (posts differ in mood): intra-class correlation of the items. */
export const SHARE_ICC = 0.004;

/**
 * P(≥ x negatives among `total` items) when the usual share holds: busy days raise every count,
 * but not the share, so this look is sharp when volume wobbles. The variance adds the share's
 * own wobble and the uncertainty of the usual share (estimated from the reference windows).
 */
export function shareTail(x: number, total: number, share: number, baseline: Baseline): number {
  const seen = baseline.totalMean * baseline.refs;
  if (total <= 0 || seen < SHARE_MIN_SEEN.total || share * seen < SHARE_MIN_SEEN.negative) return 1;
  const s = Math.min(share, 1 - 1e-6);
  const variance = total * s * (1 - s) * (1 + (total - 1) * SHARE_ICC) + (total * total * s * (1 - s)) / seen;
  return upperTail(x, total * s, variance);
}

export interface SourceSeries {
  sourceId: string;
  platform: string;
  /** earliest time the source has data for (its first item or its creation) */
  historyStart: Date | null;
  /** counts aligned with the windows (index 0 = the current window) */
  counts: WindowCount[];
}

export const scopeKey = {
  overall: 'overall',
  platform: (p: string) => `platform:${p}`,
  source: (id: string) => `source:${id}`,
};

/**
 * Readings for every asked-for scope. Sources without a baseline yet (too little history) are
 * left out of the platform and overall sums on both sides, so connecting a new source is not a
 * spike of the whole company.
 */
export function readScopes(
  windows: readonly RefWindow[],
  sources: readonly SourceSeries[],
  p: SpikeParams,
): ScopeReading[] {
  const current = windows.findIndex((w) => w.kind === 'current');
  const known: { s: SourceSeries; b: Baseline; obs: WindowCount }[] = [];
  for (const s of sources) {
    const b = baselineFrom(windows, s.counts, s.historyStart);
    if (b) known.push({ s, b, obs: s.counts[current] ?? { total: 0, negative: 0 } });
  }
  const out: ScopeReading[] = [];
  const aggregate = (scope: string, level: SpikeScopeLevel, ancestors: string[], members: typeof known) => {
    const b = addBaselines(members.map((m) => m.b));
    if (!b) return;
    const obs = members.reduce(
      (a, m) => ({ total: a.total + m.obs.total, negative: a.negative + m.obs.negative }),
      { total: 0, negative: 0 },
    );
    const parts = members
      .map((m) => ({ scope: scopeKey.source(m.s.sourceId), observed: m.obs.negative, expected: m.b.mean }))
      .sort((a, b2) => b2.observed - b2.expected - (a.observed - a.expected));
    out.push(readScope(scope, level, ancestors, obs, b, p, parts));
  };
  if (p.scopes.includes('overall')) aggregate(scopeKey.overall, 'overall', [], known);
  const platforms = [...new Set(known.map((k) => k.s.platform))].sort();
  if (p.scopes.includes('platform')) {
    for (const pl of platforms) {
      aggregate(
        scopeKey.platform(pl),
        'platform',
        [scopeKey.overall],
        known.filter((k) => k.s.platform === pl),
      );
    }
  }
  if (p.scopes.includes('source')) {
    for (const k of known) {
      out.push(
        readScope(
          scopeKey.source(k.s.sourceId),
          'source',
          [scopeKey.platform(k.s.platform), scopeKey.overall],
          k.obs,
          k.b,
          p,
        ),
      );
    }
  }
  return out;
}

export interface SpikePlan {
  fire: ScopeReading[];
  /** open scopes to clear (the reading, or only the scope when it has none this tick) */
  clear: { scope: string; reading?: ScopeReading }[];
}

/**
 * Decides alerts for one tick. One spike shows up in its source, its platform and overall at once;
 * it gets one alert: a broader scope is left out when a narrower one (firing or already open)
 * explains most of its excess, and a narrower one is left out when a broader one fires or is open
 * (a broad spike: the broad alert lists the sources).
 */
export function planSpikes(
  readings: readonly ScopeReading[],
  book: EpisodeBook,
  now: Date,
  timing: { cooldownMinutes: number; windowMinutes: number },
): SpikePlan {
  const t = { cooldownMs: timing.cooldownMinutes * 60_000, minOpenMs: timing.windowMinutes * 60_000 };
  const byScope = new Map(readings.map((r) => [r.scope, r]));
  const clear: SpikePlan['clear'] = [];
  for (const scope of book.open.keys()) {
    const r = byScope.get(scope);
    if (!r) clear.push({ scope });
    else if (decideEpisode(scope, r.signal, book, now, t) === 'clear') clear.push({ scope, reading: r });
  }
  const clearing = new Set(clear.map((c) => c.scope));
  const stillOpen = [...book.open.keys()].filter((s) => !clearing.has(s));
  const inCooldown = (scope: string) => {
    const at = book.lastClearedAt.get(scope);
    return !!at && now.getTime() - at.getTime() < t.cooldownMs;
  };
  const candidates = readings.filter((r) => decideEpisode(r.scope, r.signal, book, now, t) === 'fire');
  // Told already: open, cooling down after its all-clear, or about to fire.
  const told = new Set([...candidates.map((c) => c.scope), ...stillOpen]);
  const covered = (scope: string) => told.has(scope) || inCooldown(scope);
  const excess = (r: ScopeReading) => r.observed.negative - r.expected;

  const explainedBelow = (parent: ScopeReading) =>
    readings.some(
      (child) =>
        child.ancestors.includes(parent.scope) &&
        covered(child.scope) &&
        child.signal !== 'calm' &&
        excess(child) >= EXPLAINS * excess(parent),
    );
  const keep = candidates.filter((c) => !explainedBelow(c));
  const kept = new Set([...keep.map((c) => c.scope), ...stillOpen]);
  const fire = keep.filter((c) => !c.ancestors.some((a) => kept.has(a) || inCooldown(a)));
  return { fire, clear };
}
