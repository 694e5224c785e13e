/**
 * "What rose most": terms of negative (or positive) items ranked by how much more often they
 * appear this period than in the previous one, relative to the volume of such items, with
 * additive smoothing so that a term going from 0 to 2 mentions does not outrank one going from
 * 40 to 120. Plain TypeScript.
 *
 * score = ln((current + m) / (previous × scale + m)), where scale = items this period / items in
 * the previous period (1 when the previous period had none) and m the smoothing mentions: a term
 * scores high when it is mentioned in a clearly larger share of the items than before.
 */
export interface TermCount {
  term: string;
  current: number;
  previous: number;
}

export interface RisingOptions {
  /** items of this polarity this period and in the previous one */
  currentItems: number;
  previousItems: number;
  /** pseudo-mentions added to both sides (default 5) */
  smoothing?: number;
  /** fewest mentions this period to be listed at all (default 2) */
  minCount?: number;
  limit?: number;
}

export interface RisingTerm extends TermCount {
  /** what the previous count would be at this period's volume */
  expected: number;
  score: number;
}

export function risingTerms(terms: readonly TermCount[], o: RisingOptions): RisingTerm[] {
  const m = o.smoothing ?? 5;
  const minCount = o.minCount ?? 2;
  const scale = o.previousItems > 0 ? o.currentItems / o.previousItems : 1;
  return terms
    .filter((t) => t.current >= minCount)
    .map((t) => {
      const expected = t.previous * scale;
      return { ...t, expected: round2(expected), score: round2(Math.log((t.current + m) / (expected + m))) };
    })
    .filter((t) => t.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.current - a.current ||
        // a phrase says more than each of its words ("списали деньги" before "списали")
        words(b.term) - words(a.term) ||
        a.term.localeCompare(b.term),
    )
    .slice(0, o.limit ?? 20);
}

const words = (term: string) => term.split(' ').length;

function round2(v: number): number {
  return Math.round(v * 1000) / 1000;
}
