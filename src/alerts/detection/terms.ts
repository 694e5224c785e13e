/**
 * Complaint-term surge (plain TypeScript): a word or a two-word phrase ("не работает", "списали")
 * that suddenly shows up in many more items than usual. Items are tokenised and stemmed with the
 * analysis tokenizer (so "списали"/"списала" and translit "ne rabotaet" count as one term); each
 * term counts once per item, and only when several people use it.
 */
import { itemTerms } from '../../analysis/text/terms';
import { prepare } from '../../analysis/text/tokenize';
import { decideEpisode, EpisodeBook, Signal } from './episodes';
import { ALPHA, CALM_P, Sensitivity } from './spike';
import { mean, sampleVariance, upperTail } from './stats';

export interface TermParams {
  windowMinutes: number;
  /** fewest items with the term in the window (watched terms: two fewer, at least 3) */
  minCount: number;
  /** fewest different authors using it */
  minAuthors: number;
  /** count ≥ this × the usual count */
  minRatio: number;
  sensitivity: Sensitivity;
  /** phrases of one or two words to watch closely (any surging term is found without them) */
  watch: string[];
  /** also find terms nobody listed */
  discover: boolean;
  /** at most this many new term alerts per evaluation */
  maxAlertsPerRun: number;
  clearRatio: number;
}

export const DEFAULT_TERM_PARAMS: TermParams = {
  windowMinutes: 60,
  minCount: 6,
  minAuthors: 4,
  minRatio: 3,
  sensitivity: 'medium',
  watch: ['не работает', 'списали', 'нет интернета', 'не могу', 'верните деньги', 'not working', 'refund'],
  discover: true,
  maxAlertsPerRun: 1,
  clearRatio: 1.5,
};

/** Terms are bursty (one thread repeats them): a heavy prior spread. */
const TERM_PRIOR_R = 3;
const TERM_MIN_EXPECTED = 0.5;
/** Two terms that mostly share their items are one story (e.g. "интернет" and "нет интернета"). */
const SAME_STORY = 0.6;

export { itemTerms };

export interface TermItem {
  text: string;
  author: string;
}

/** The key a watched phrase is counted under (its stems), or null when it is not 1–2 words. */
export function termKey(phrase: string): string | null {
  const p = prepare(phrase);
  if (p.stems.length < 1 || p.stems.length > 2) return null;
  return p.stems.join(' ');
}

export interface Tally {
  count: number;
  authors: Set<string>;
  items: Set<number>;
  /** how people wrote it (a term's surface forms; a tag's name), by count */
  surfaces: Map<string, number>;
}

/** One mention: a term in an item, or a tag put on a conversation (`item` indexes the current list). */
export interface Mention {
  key: string;
  surface: string;
  author: string;
  item: number;
}

/** Counts per key, each item once per key. */
export function tallyMentions(mentions: Iterable<Mention>): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const m of mentions) {
    let t = out.get(m.key);
    if (!t) out.set(m.key, (t = { count: 0, authors: new Set(), items: new Set(), surfaces: new Map() }));
    if (t.items.has(m.item)) continue;
    t.count++;
    t.authors.add(m.author);
    t.items.add(m.item);
    t.surfaces.set(m.surface, (t.surfaces.get(m.surface) ?? 0) + 1);
  }
  return out;
}

function* termMentions(items: readonly TermItem[]): Generator<Mention> {
  for (let idx = 0; idx < items.length; idx++)
    for (const [key, surface] of itemTerms(items[idx].text))
      yield { key, surface, author: items[idx].author, item: idx };
}

function tally(items: readonly TermItem[]): Map<string, Tally> {
  return tallyMentions(termMentions(items));
}

export interface TermReading {
  /** scope of the episode: `term:<stems>` */
  scope: string;
  key: string;
  /** what people wrote most often */
  label: string;
  watched: boolean;
  count: number;
  authors: number;
  expected: number;
  ratio: number;
  pValue: number;
  signal: Signal;
  /** indexes into the current items that mention it */
  items: number[];
  /** other rising terms told in the same message (their labels and keys) */
  related: string[];
  relatedKeys: string[];
}

export const termScope = (key: string) => `term:${key}`;

/**
 * Readings for the terms of the current window against the reference windows (same length, same
 * mode of baseline the spike detector chose; at least two). Terms absent now are not read; an open
 * term episode without a reading is calm.
 */
export function readTerms(
  current: readonly TermItem[],
  refs: readonly (readonly TermItem[])[],
  p: TermParams,
  fallback: boolean,
): TermReading[] {
  if (refs.length < 2) return [];
  const watched = new Set(p.watch.map(termKey).filter((k): k is string => !!k));
  return readTallies(tally(current), refs.map(tally), {
    ...p,
    priorR: TERM_PRIOR_R,
    fallback,
    scope: termScope,
    watched: (key) => watched.has(key),
    include: (key) => p.discover || watched.has(key),
    minCountFor: (key) => (watched.has(key) ? Math.max(3, p.minCount - 2) : p.minCount),
  });
}

export interface TallyRules {
  /** prior overdispersion (variance = μ + μ²/r): small r for bursty keys */
  priorR: number;
  minAuthors: number;
  minRatio: number;
  clearRatio: number;
  sensitivity: Sensitivity;
  fallback: boolean;
  scope: (key: string) => string;
  watched: (key: string) => boolean;
  include: (key: string) => boolean;
  minCountFor: (key: string) => number;
}

/**
 * The surge test shared by terms and tags: each key counted now against its counts in the
 * reference windows (at least two), a heavy prior spread (mentions are bursty: one thread
 * repeats them), and the count, authors and ratio minimums.
 */
export function readTallies(
  now: ReadonlyMap<string, Tally>,
  before: readonly ReadonlyMap<string, Tally>[],
  r: TallyRules,
): TermReading[] {
  if (before.length < 2) return [];
  const alpha = ALPHA[r.sensitivity] * (r.fallback ? 0.3 : 1);
  const out: TermReading[] = [];
  for (const [key, t] of now) {
    if (!r.include(key)) continue;
    const counts = before.map((b) => b.get(key)?.count ?? 0);
    const m = mean(counts);
    const expected = Math.max(m, TERM_MIN_EXPECTED);
    const prior = expected + (expected * expected) / r.priorR;
    const variance = Math.max(prior, sampleVariance(counts)) * (1 + 1 / counts.length);
    const pValue = upperTail(t.count, expected, variance);
    const ratio = t.count / expected;
    const active =
      t.count >= r.minCountFor(key) &&
      t.authors.size >= r.minAuthors &&
      ratio >= r.minRatio &&
      pValue <= alpha;
    const calm = ratio <= r.clearRatio || pValue > CALM_P;
    out.push({
      scope: r.scope(key),
      key,
      label: [...t.surfaces.entries()].sort((a, b) => b[1] - a[1])[0][0],
      watched: r.watched(key),
      count: t.count,
      authors: t.authors.size,
      expected,
      ratio,
      pValue,
      signal: active ? 'active' : calm ? 'calm' : 'neutral',
      items: [...t.items],
      related: [],
      relatedKeys: [],
    });
  }
  return out;
}

/**
 * Which term episodes fire and clear. One storm makes several words rise at once, so they make
 * one message: at most `maxAlertsPerRun` terms fire (watched before discovered, phrases before
 * single words, then by count) and every other rising term joins the first of them as "along
 * with" (`related`, `relatedKeys`). Terms already told — open, or named in an open alert
 * (`covered`) — wait for that episode to end.
 */
export function planTerms(
  readings: readonly TermReading[],
  book: EpisodeBook,
  now: Date,
  timing: { cooldownMinutes: number; windowMinutes: number; maxAlertsPerRun: number },
  covered: ReadonlySet<string> = new Set(),
): { fire: TermReading[]; clear: { scope: string; reading?: TermReading }[] } {
  const t = { cooldownMs: timing.cooldownMinutes * 60_000, minOpenMs: timing.windowMinutes * 60_000 };
  const byScope = new Map(readings.map((r) => [r.scope, r]));
  const clear: { scope: string; reading?: TermReading }[] = [];
  for (const scope of book.open.keys()) {
    const r = byScope.get(scope);
    const signal: Signal = r ? r.signal : 'calm';
    if (decideEpisode(scope, signal, book, now, t) === 'clear') clear.push({ scope, reading: r });
  }
  const clearing = new Set(clear.map((c) => c.scope));
  const taken: TermReading[] = readings.filter((r) => book.open.has(r.scope) && !clearing.has(r.scope));
  const candidates = readings
    .filter((r) => !covered.has(r.scope) && decideEpisode(r.scope, r.signal, book, now, t) === 'fire')
    .sort(
      (a, b) =>
        Number(b.watched) - Number(a.watched) ||
        b.key.split(' ').length - a.key.split(' ').length ||
        b.count - a.count ||
        a.key.localeCompare(b.key),
    );
  const fire: TermReading[] = [];
  const sameStory = (a: Set<number>, b: TermReading) =>
    b.items.filter((i) => a.has(i)).length >= SAME_STORY * Math.min(a.size, b.items.length);
  for (const c of candidates) {
    const mine = new Set(c.items);
    if (taken.some((o) => sameStory(mine, o))) continue; // an open alert already tells this story
    const host =
      fire.find((o) => sameStory(mine, o)) ?? (fire.length >= timing.maxAlertsPerRun ? fire[0] : undefined);
    if (host) {
      host.related.push(c.label);
      host.relatedKeys.push(c.key);
    } else fire.push({ ...c, related: [], relatedKeys: [] });
  }
  return { fire, clear };
}
