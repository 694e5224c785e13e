/**
 * Negative-spike detection (plain TypeScript): the current window's negative count against the
 * seasonal baseline, per source, per platform and overall, as a negative-binomial tail
 * probability, with a minimum volume, a minimum ratio and a rise in the negative share; then one
 * alert per spike across the scope tree (the most specific scope that explains it).
 */
import {
  addBaselines,
  Baseline,
  BaselineMode,
  baselineFrom,
  referenceWindows,
  RefWindow,
  WindowCount,
} from './baseline';
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

/**
 * The second, shorter look: the last third of the window (20 minutes of an hour) against the same
 * part of the same-hour windows. A spike fills the short look first, so it is heard sooner there,
 * at the price of splitting the tail budget between the two looks. (Tuning seeds, 60/h: a third
 * told a 3× spike sooner than a half, 0.75 against 0.90 windows, median.)
 */
export const TAIL_FRACTION = 1 / 3;

/** The windows the spike detector reads at `now` (the service and the bench alike). */
export function spikeWindows(now: Date, p: SpikeParams, timeZone?: string): RefWindow[] {
  return referenceWindows(now, { ...p, timeZone, tailFraction: TAIL_FRACTION });
}

/**
 * The spike test's tail probability against the shared sensitivity's (terms and tags use ALPHA
 * as it is). The same-kind-of-day references made the baseline steadier, and so the false alarms
 * fewer for the same tail probability; a quarter more spends part of that on hearing spikes
 * sooner. Tuning seeds (1–16, 60/120/240 items/h): every false-alarm rate ≤ 0.47 a month with
 * it, 35 alarms in 16 seeds × 3 volumes × 3 rows against 22 before the same-kind references.
 */
export const SPIKE_ALPHA_FACTOR = 1.25;

export function alphaFor(sensitivity: Sensitivity, mode: BaselineMode): number {
  return ALPHA[sensitivity] * SPIKE_ALPHA_FACTOR * (mode === 'weekly' ? 1 : FALLBACK_ALPHA_FACTOR);
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
  /** the last part of the window (the short look), when there is one */
  observedTail?: WindowCount;
}

export function readScope(
  scope: string,
  level: SpikeScopeLevel,
  ancestors: string[],
  observed: WindowCount,
  baseline: Baseline,
  p: SpikeParams,
  parts: ScopeReading['parts'] = [],
  budgetShare = 1,
  observedTail?: WindowCount,
): ScopeReading {
  const whole = look(observed, baseline, p);
  const { expected, ratio, share, pCount, pShare } = whole;
  const baselineShare = baseline.share;
  const pValue = Math.min(pCount, pShare);
  const tail = baseline.tail && observedTail ? look(observedTail, baseline.tail, p) : null;
  // Two tests (count and share) on each look (the whole window, and its last part when there is
  // one) share the tail budget equally, and every watched series has its share of the rule's
  // (family-wise: a company with five distinct series does not get five times the false alarms).
  // Without a known daily cycle (a new source) the count alone cannot tell a storm from the
  // morning: the share must say so.
  const tests = tail ? 4 : 2;
  const alpha = (alphaFor(p.sensitivity, baseline.mode) / tests) * Math.min(1, Math.max(0, budgetShare));
  const spikeIn = (l: Look, shareOnly: boolean) =>
    l.x >= p.minNegatives &&
    l.ratio >= p.minRatio &&
    l.shareOk &&
    (shareOnly ? l.pShare <= alpha : Math.min(l.pCount, l.pShare) <= alpha);
  // The short look sees few items, so its share can rise by chance while traffic surges (a viral
  // post): the whole window's share must have risen too.
  const spike =
    spikeIn(whole, baseline.mode === 'recent') || (!!tail && whole.shareOk && spikeIn(tail, false));
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
    ...(tail ? { observedTail } : {}),
  };
}

interface Look {
  x: number;
  expected: number;
  ratio: number;
  share: number | null;
  shareOk: boolean;
  pCount: number;
  pShare: number;
}

/** One window's count and share against its baseline. */
function look(observed: WindowCount, baseline: Baseline, p: SpikeParams): Look {
  const expected = Math.max(baseline.mean, MIN_EXPECTED);
  const x = observed.negative;
  // Never tighter than Poisson around the (floored) expectation.
  const pCount = upperTail(x, expected, Math.max(baseline.variance, expected));
  const share = observed.total > 0 ? x / observed.total : null;
  const baselineShare = baseline.share;
  const pShare = baselineShare === null ? 1 : shareTail(x, observed.total, baselineShare, baseline);
  const shareOk =
    p.minShareLift <= 0 ||
    share === null ||
    baselineShare === null ||
    share >= baselineShare * p.minShareLift;
  return { x, expected, ratio: x / expected, share, shareOk, pCount, pShare };
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
  const current = windows.findIndex((w) => w.kind === 'current' && !w.tail);
  const currentTail = windows.findIndex((w) => w.kind === 'current' && w.tail);
  const tailOf = (s: SourceSeries): WindowCount | undefined =>
    currentTail < 0 ? undefined : (s.counts[currentTail] ?? { total: 0, negative: 0 });
  const known: { s: SourceSeries; b: Baseline; obs: WindowCount; tail?: WindowCount }[] = [];
  for (const s of sources) {
    const b = baselineFrom(windows, s.counts, s.historyStart);
    if (b) known.push({ s, b, obs: s.counts[current] ?? { total: 0, negative: 0 }, tail: tailOf(s) });
  }
  const out: ScopeReading[] = [];
  const platforms = [...new Set(known.map((k) => k.s.platform))].sort();
  const budget = budgetShares(
    known.map((k) => ({ id: k.s.sourceId, platform: k.s.platform, expected: k.b.mean })),
    p.scopes,
  );
  const shareOf = (members: typeof known) => budget.get(seriesKey(members.map((m) => m.s.sourceId))) ?? 1;
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
    const tails = members.map((m) => m.tail);
    const tail = tails.every((t): t is WindowCount => !!t)
      ? tails.reduce((a, t) => ({ total: a.total + t.total, negative: a.negative + t.negative }), {
          total: 0,
          negative: 0,
        })
      : undefined;
    out.push(readScope(scope, level, ancestors, obs, b, p, parts, shareOf(members), tail));
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
          shareOf([k]),
          k.tail,
        ),
      );
    }
  }
  return out;
}

/** The series a set of sources adds up to (a platform of one source is that source's series). */
const seriesKey = (ids: readonly string[]) => [...ids].sort().join('\u0000');

/**
 * How much of the single sources' part of the budget is split by their expected negatives rather
 * than equally (0: plain Bonferroni, every series the same).
 */
export const SOURCE_VOLUME_WEIGHT = 0.5;

/**
 * Each distinct series' share of the rule's tail budget (weighted Bonferroni: the shares add up
 * to 1, so the family-wise rate stays that of one series). Wider series (a platform of several
 * sources, everyone) get one equal share each; the single sources together get one share each
 * too, but split between them by expected negatives (blended with an equal split by
 * SOURCE_VOLUME_WEIGHT): a spike on the company's biggest source is told sooner (its threshold
 * was a fifth of a lone source's in a company of three), while a small source, whose few items
 * make the roughest series, spends less (it keeps at least half of an equal share).
 */
export function budgetShares(
  sources: readonly { id: string; platform: string; expected: number }[],
  levels: readonly SpikeScopeLevel[],
): Map<string, number> {
  const keys = new Set<string>();
  if (levels.includes('source')) for (const s of sources) keys.add(seriesKey([s.id]));
  if (levels.includes('platform')) {
    for (const pl of new Set(sources.map((s) => s.platform)))
      keys.add(seriesKey(sources.filter((s) => s.platform === pl).map((s) => s.id)));
  }
  if (levels.includes('overall') && sources.length) keys.add(seriesKey(sources.map((s) => s.id)));
  const single = sources.filter((s) => keys.has(seriesKey([s.id])));
  const sum = single.reduce((a, s) => a + Math.max(0, s.expected), 0);
  const weight = new Map<string, number>();
  for (const k of keys) weight.set(k, 1);
  if (single.length > 1 && sum > 0) {
    for (const s of single) {
      const byVolume = (single.length * Math.max(0, s.expected)) / sum;
      weight.set(seriesKey([s.id]), 1 - SOURCE_VOLUME_WEIGHT + SOURCE_VOLUME_WEIGHT * byVolume);
    }
  }
  const total = [...weight.values()].reduce((a, b) => a + b, 0);
  return new Map([...weight].map(([k, w]) => [k, w / total]));
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
  /**
   * open incidents that now also speak for more scopes (their new `covers`, in full): another
   * part of the same wave turned unusual soon after their message, which stands for it too.
   */
  widen: { scope: string; covers: string[] }[];
}

/**
 * A part of the rule's scopes that turns unusual while an incident fired less than this many
 * windows ago is still open is the same wave (sources and platforms of one storm cross their
 * thresholds minutes to an hour apart): the open incident widens to it instead of a second message.
 */
export const WAVE_WINDOWS = 2;

/**
 * The tail probability of what is left of `parent` once the `inside` scopes (disjoint scopes
 * within it) are taken out: the other sources' negatives against their own expectation. With
 * `looks: 'both'`, the smaller of the whole window's and the short look's: the detector hears a
 * spike in either, so whether the rest of a wave is ordinary is judged in both (a storm that began
 * fifteen minutes ago shows in the short look first).
 */
export function restP(
  parent: ScopeReading,
  inside: readonly ScopeReading[],
  looks: 'whole' | 'both' = 'whole',
): number {
  const rest = (pick: (r: ScopeReading) => { x: number; b: Baseline } | null) => {
    const at = pick(parent);
    if (!at) return 1;
    let x = at.x;
    let e = at.b.mean;
    let v = at.b.variance;
    for (const r of inside) {
      const part = pick(r);
      if (!part) return 1;
      x -= part.x;
      e -= part.b.mean;
      v -= part.b.variance;
    }
    if (x <= 0) return 1;
    const expected = Math.max(e, MIN_EXPECTED);
    return upperTail(x, expected, Math.max(v, expected));
  };
  const whole = rest((r) => ({ x: r.observed.negative, b: r.baseline }));
  if (looks === 'whole') return whole;
  const tail = rest((r) =>
    r.observedTail && r.baseline.tail ? { x: r.observedTail.negative, b: r.baseline.tail } : null,
  );
  return Math.min(whole, tail);
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
  const widen = new Map<string, string[]>();
  const clearing = new Set(clear.map((c) => c.scope));
  // the open incident a new part of a wave joins: the earliest one still young and not clearing
  const wave = [...book.open]
    .filter(
      ([scope, at]) => !clearing.has(scope) && now.getTime() - at.getTime() < WAVE_WINDOWS * t.minOpenMs,
    )
    .sort((a, b) => a[1].getTime() - b[1].getTime())[0]?.[0];
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
        restP(up, outermost([named, ...others.filter((x) => !x.ancestors.includes(named.scope))]), 'both') >
        WIDER_P
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
    if (wave) {
      const joined = [...new Set([...told.get(wave)!, ...covers])];
      widen.set(wave, joined);
      told.set(wave, joined);
      continue;
    }
    fire.push({ ...named, covers, wider });
    told.set(named.scope, covers);
  }
  return { fire, clear, widen: [...widen].map(([scope, cv]) => ({ scope, covers: cv })) };
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
      return restP(at, [d, ...others], 'both') > CALM_P;
    });
    if (!next) return at;
    at = next;
  }
}
