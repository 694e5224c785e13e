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
export const ALPHA: Record<Sensitivity, number> = { low: 6e-5, medium: 6e-4, high: 6e-3 };
/** Fallback baselines are rougher: stricter. */
export const FALLBACK_ALPHA_FACTOR = 0.3;
/** Above this tail probability the window is plainly ordinary (clears a spike). */
export const CALM_P = 0.05;
/** A window never "expects" fewer negatives than this (an empty night is not certainty). */
export const MIN_EXPECTED = 2;
/** The usual share is only trusted with this much history behind it (items, negatives). */
export const SHARE_MIN_SEEN = { total: 30, negative: 5 };
/**
 * An incident is named after a narrower scope when what is left of the wider one without it is
 * plainly ordinary (tail probability above CALM_P), and after a wider one when what is left around
 * it is unusual too (at most WIDER_P): a wave over several sources is one incident, not one each.
 */
export const WIDER_P = 0.05;

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
  /** the tail probability this scope must reach to alert (its share of the rule's budget) */
  alpha: number;
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
  watched = 1,
): ScopeReading {
  const expected = Math.max(baseline.mean, MIN_EXPECTED);
  const x = observed.negative;
  // Never tighter than Poisson around the (floored) expectation.
  const pCount = upperTail(x, expected, Math.max(baseline.variance, expected));
  const share = observed.total > 0 ? x / observed.total : null;
  const baselineShare = baseline.share;
  const pShare = baselineShare === null ? 1 : shareTail(x, observed.total, baselineShare, baseline);
  const pValue = Math.min(pCount, pShare);
  const ratio = x / expected;
  const shareOk =
    p.minShareLift <= 0 ||
    share === null ||
    baselineShare === null ||
    share >= baselineShare * p.minShareLift;
  // Two looks (count and share), so each gets half of the tail budget, and every watched scope
  // an equal part of the rule's (family-wise: a company with five distinct scopes does not get five
  // times the false alarms). Without a known daily cycle (a new source) the count alone cannot
  // tell a storm from the morning: the share must say so.
  const alpha = alphaFor(p.sensitivity, baseline.mode) / 2 / Math.max(1, watched);
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
    alpha,
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
  const seen = baseline.shareSeen;
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
  const platforms = [...new Set(known.map((k) => k.s.platform))].sort();
  const watched = distinctScopes(
    known.map((k) => ({ id: k.s.sourceId, platform: k.s.platform })),
    p.scopes,
  );
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
    out.push(readScope(scope, level, ancestors, obs, b, p, parts, watched));
  };
  if (p.scopes.includes('overall')) aggregate(scopeKey.overall, 'overall', [], known);
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
          [],
          watched,
        ),
      );
    }
  }
  return out;
}

/**
 * How many different series the rule watches: a platform with one source is that source, and
 * "overall" with one platform is that platform, so they are not counted twice.
 */
export function distinctScopes(
  sources: readonly { id: string; platform: string }[],
  levels: readonly SpikeScopeLevel[],
): number {
  const sets = new Set<string>();
  const key = (ss: readonly { id: string }[]) =>
    ss
      .map((x) => x.id)
      .sort()
      .join('\u0000');
  if (levels.includes('source')) for (const s of sources) sets.add(key([s]));
  if (levels.includes('platform')) {
    for (const pl of new Set(sources.map((s) => s.platform)))
      sets.add(key(sources.filter((s) => s.platform === pl)));
  }
  if (levels.includes('overall') && sources.length) sets.add(key(sources));
  return Math.max(1, sets.size);
}

/** An incident to announce: the narrowest scope that explains it, and the wider scopes it covers. */
export interface SpikeFire extends ScopeReading {
  /**
   * Scopes this incident speaks for (itself and the wider scopes up to the one that crossed the
   * threshold): while it is open or cooling down they raise no alert of their own, nor do the
   * scopes inside them.
   */
  covers: string[];
  /** the enclosing scopes' numbers, nearest first (the message shows them) */
  wider: { scope: string; observed: number; expected: number }[];
}

export interface SpikePlan {
  fire: SpikeFire[];
  /** open scopes to clear (the reading, or only the scope when it has none this tick) */
  clear: { scope: string; reading?: ScopeReading }[];
}

/**
 * The tail probability of what is left of `parent` once the `inside` scopes (disjoint scopes
 * within it) are taken out: the other sources' negatives against their own expectation.
 */
export function restP(parent: ScopeReading, inside: readonly ScopeReading[]): number {
  let x = parent.observed.negative;
  let e = parent.baseline.mean;
  let v = parent.baseline.variance;
  for (const r of inside) {
    x -= r.observed.negative;
    e -= r.baseline.mean;
    v -= r.baseline.variance;
  }
  if (x <= 0) return 1;
  const expected = Math.max(e, MIN_EXPECTED);
  return upperTail(x, expected, Math.max(v, expected));
}

/**
 * Decides alerts for one tick, by incident: a wave of anger shows in its source, its platform and
 * overall at once, and is one incident with one message, named after the narrowest scope that
 * explains it (what is left of the wider scope without it is plainly ordinary), with the wider
 * numbers. The incident speaks for every scope it covers and the scopes inside them while it is
 * open and through its cooldown. A wider scope that has an open incident inside it alerts only
 * when what is left of it without that incident is itself unusual (the alarm is shared, not
 * spent again).
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
  const cooling = (scope: string) => {
    const at = book.lastClearedAt.get(scope);
    return !!at && now.getTime() - at.getTime() < t.cooldownMs;
  };
  // Incidents that speak now: open ones (including those clearing this tick: they are still in
  // their cooldown afterwards) and those cooling down.
  const told = new Map<string, string[]>();
  for (const scope of book.open.keys()) told.set(scope, coversOf(book, scope));
  for (const scope of book.lastClearedAt.keys()) {
    if (!told.has(scope) && cooling(scope)) told.set(scope, coversOf(book, scope));
  }
  const spokenFor = (r: ScopeReading) => {
    const chain = [r.scope, ...r.ancestors];
    for (const covers of told.values()) if (covers.some((c) => chain.includes(c))) return true;
    return false;
  };
  // Broadest first: a wide candidate names the narrow scope, and the narrow one is then covered.
  const rank: Record<SpikeScopeLevel, number> = { overall: 0, platform: 1, source: 2 };
  const candidates = readings
    .filter((r) => decideEpisode(r.scope, r.signal, book, now, t) === 'fire')
    .sort((a, b) => rank[a.level] - rank[b.level] || a.scope.localeCompare(b.scope));
  const inside = (r: ScopeReading, scope: string) => byScope.get(scope)?.ancestors.includes(r.scope) ?? false;
  // the nearest enclosing scope that is watched (platforms may not be)
  const parentOf = (r: ScopeReading) => r.ancestors.find((a) => byScope.has(a));
  const fire: SpikeFire[] = [];
  for (const c of candidates) {
    if (spokenFor(c)) continue;
    // Incidents inside it: alert only for what is left without them, if that is unusual itself.
    const within = outermost([...told.keys()].filter((s) => inside(c, s)).map((s) => byScope.get(s)!));
    if (within.length && restP(c, within) > c.alpha) continue;
    let named = narrowest(c, readings, within, parentOf);
    // ...and up while what is around it is not ordinary either (a wave over several sources)
    for (let up = byScope.get(parentOf(named) ?? ''); up && up.signal !== 'calm' && !spokenFor(up);) {
      const others = [...told.keys()].map((k) => byScope.get(k)!).filter((x) => x && inside(up!, x.scope));
      if (
        restP(up, outermost([named, ...others.filter((x) => !x.ancestors.includes(named.scope))])) > WIDER_P
      )
        break;
      named = up;
      up = byScope.get(parentOf(named) ?? '');
    }
    const upTo = named.ancestors.indexOf(c.scope);
    const covers = [named.scope, ...named.ancestors.slice(0, upTo + 1)];
    // the wider scopes that hold more than it (a platform of one source is that source again)
    const members = (r: ScopeReading) => (r.level === 'source' ? 1 : r.parts.length);
    const wider = named.ancestors
      .map((a) => byScope.get(a))
      .filter((a): a is ScopeReading => !!a && members(a) > members(named))
      .filter((a, i, all) => i === 0 || members(a) > members(all[i - 1]))
      .map((a) => ({ scope: a.scope, observed: a.observed.negative, expected: a.expected }));
    fire.push({ ...named, covers, wider });
    told.set(named.scope, covers);
  }
  return { fire, clear };
}

function coversOf(book: EpisodeBook, scope: string): string[] {
  return [...(book.covers?.get(scope) ?? []), scope];
}

/** The scopes not inside another of the list (so their counts can be taken out once each). */
function outermost(rs: readonly ScopeReading[]): ScopeReading[] {
  return rs.filter((r) => !rs.some((o) => o !== r && r.ancestors.includes(o.scope)));
}

/**
 * Walks down from `c` while one scope directly inside explains it: without that scope (and the
 * incidents already told inside), what is left is plainly ordinary.
 */
function narrowest(
  c: ScopeReading,
  readings: readonly ScopeReading[],
  told: readonly ScopeReading[],
  parentOf: (r: ScopeReading) => string | undefined,
): ScopeReading {
  let at = c;
  for (;;) {
    const scope = at.scope;
    const next = readings.find((d) => {
      if (parentOf(d) !== scope || d.signal === 'calm' || d.observed.negative <= d.expected) return false;
      const others = told.filter(
        (x) => x !== d && x.ancestors.includes(scope) && !x.ancestors.includes(d.scope),
      );
      return restP(at, [d, ...others]) > CALM_P;
    });
    if (!next) return at;
    at = next;
  }
}
