/**
 * What a sentiment chart shows for a set of items: net sentiment (positive minus negative, over
 * the items that have a sentiment) and the share of negative items, and how a figure compares
 * with the previous period. Plain TypeScript.
 */
export interface SentimentCounts {
  items: number;
  negative: number;
  neutral: number;
  positive: number;
  needsResponse: number;
}

export const NO_ITEMS: SentimentCounts = { items: 0, negative: 0, neutral: 0, positive: 0, needsResponse: 0 };

export function addCounts(a: SentimentCounts, b: SentimentCounts): SentimentCounts {
  return {
    items: a.items + b.items,
    negative: a.negative + b.negative,
    neutral: a.neutral + b.neutral,
    positive: a.positive + b.positive,
    needsResponse: a.needsResponse + b.needsResponse,
  };
}

/** (positive − negative) / labelled, in [−1, 1]; null when no item has a sentiment. */
export function netSentiment(c: SentimentCounts): number | null {
  const labelled = c.negative + c.neutral + c.positive;
  return labelled === 0 ? null : round((c.positive - c.negative) / labelled);
}

/** negative / labelled, in [0, 1]; null when no item has a sentiment. */
export function shareNegative(c: SentimentCounts): number | null {
  const labelled = c.negative + c.neutral + c.positive;
  return labelled === 0 ? null : round(c.negative / labelled);
}

export interface Change {
  current: number | null;
  previous: number | null;
  /** current − previous (null when either is missing) */
  change: number | null;
  /** relative change (0.25 = +25 %); null when the previous figure is 0 or missing */
  changeRatio: number | null;
}

export function compare(current: number | null, previous: number | null): Change {
  const both = current !== null && previous !== null;
  return {
    current,
    previous,
    change: both ? round(current - previous) : null,
    changeRatio: both && previous !== 0 ? round((current - previous) / Math.abs(previous)) : null,
  };
}

/** Four decimals: enough for shares and ratios, stable in JSON and CSV. */
export function round(v: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
