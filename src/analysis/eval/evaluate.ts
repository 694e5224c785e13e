/** Scores an analyzer on labelled posts: sentiment, intent, deadline class, misses, by language, vs wink. */
import {
  INTENT_LABELS,
  SENTIMENT_LABELS,
  type Analysis,
  type IntentLabel,
  type LabeledPost,
} from '../analysis.types';
import type { Analyzer } from '../analyzer';
import { winkSentiment } from '../text/vendor';
import { deadlineMinutesFor } from '../../sla/triage';
import {
  costMatrix,
  decideDeadline,
  DEFAULT_COSTS,
  type CostMatrix,
  type DeadlineClass,
} from '../../sla/deadline-decision';
import { classReport, r4, type ClassReport } from './metrics';

export interface SliceReport {
  n: number;
  sentiment: ClassReport;
  intent: ClassReport;
  deadline: { accuracy: number };
  salesMissRate: number;
  needsResponseMissRate: number;
  baseline: { sentiment: ClassReport };
}
export interface EvalReport extends SliceReport {
  modelVersion: string;
  itemsPerSecond: number;
  byLanguage: Record<string, SliceReport>;
}

/** Deadline class the SLA module gives an intent under the default policies: "60" | "180" | "none". */
export function deadlineClass(intent: IntentLabel): string {
  const m = deadlineMinutesFor(intent);
  return m === null ? 'none' : String(m);
}
function goldDeadline(p: LabeledPost): string {
  if (p.deadline_minutes !== undefined)
    return p.deadline_minutes === null ? 'none' : String(p.deadline_minutes);
  return p.intent ? deadlineClass(p.intent) : 'none';
}
const MINUTES: Record<DeadlineClass, string> = { sales: '60', standard: '180', none: 'none' };
/** The deadline class triage decides for a prediction under the default policies: "60" | "180" | "none". */
export function decidedDeadline(a: Analysis, costs: CostMatrix = DEFAULT_COSTS): string {
  return MINUTES[decideDeadline(a.intent.probs, a.intent.label, costs).deadlineClass];
}

export function winkLabel(text: string): string {
  const s = winkSentiment(text).score;
  return s > 0 ? 'positive' : s < 0 ? 'negative' : 'neutral';
}

export function hasLabels(posts: LabeledPost[]): boolean {
  return posts.length > 0 && posts.every((p) => p.sentiment !== undefined && p.intent !== undefined);
}

interface DeadlineFigures {
  deadlineAccuracy: number;
  salesMissRate: number;
  needsResponseMissRate: number;
}
function deadlineFigures(posts: LabeledPost[], preds: Analysis[], costs: CostMatrix): DeadlineFigures {
  const gd = posts.map(goldDeadline);
  const pd = preds.map((a) => decidedDeadline(a, costs));
  let dOk = 0;
  let sales = 0;
  let salesMiss = 0;
  let needs = 0;
  let needsMiss = 0;
  for (let i = 0; i < posts.length; i++) {
    if (gd[i] === pd[i]) dOk++;
    if (posts[i].intent === 'sales_question') {
      sales++;
      if (pd[i] !== '60') salesMiss++;
    }
    const needsResponse = posts[i].needs_response ?? gd[i] !== 'none';
    if (needsResponse) {
      needs++;
      if (pd[i] === 'none') needsMiss++;
    }
  }
  return {
    deadlineAccuracy: r4(posts.length ? dOk / posts.length : 0),
    salesMissRate: r4(sales ? salesMiss / sales : 0),
    needsResponseMissRate: r4(needs ? needsMiss / needs : 0),
  };
}

function slice(posts: LabeledPost[], preds: Analysis[], wink: string[], costs: CostMatrix): SliceReport {
  const gs = posts.map((p) => p.sentiment as string);
  const gi = posts.map((p) => p.intent as string);
  const d = deadlineFigures(posts, preds, costs);
  return {
    n: posts.length,
    sentiment: classReport(
      SENTIMENT_LABELS,
      gs,
      preds.map((a) => a.sentiment.label),
    ),
    intent: classReport(
      INTENT_LABELS,
      gi,
      preds.map((a) => a.intent.label),
    ),
    deadline: { accuracy: d.deadlineAccuracy },
    salesMissRate: d.salesMissRate,
    needsResponseMissRate: d.needsResponseMissRate,
    baseline: { sentiment: classReport(SENTIMENT_LABELS, gs, wink) },
  };
}

export function evaluate(
  analyzer: Analyzer,
  posts: LabeledPost[],
  costs: CostMatrix = analyzer.deadlineCosts,
): EvalReport {
  const t0 = process.hrtime.bigint();
  const preds = analyzer.analyzeBatch(posts.map((p) => ({ text: p.text, platform: p.platform })));
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  return evaluatePredictions(posts, preds, analyzer.modelVersion, secs > 0 ? posts.length / secs : 0, costs);
}

export function evaluatePredictions(
  posts: LabeledPost[],
  preds: Analysis[],
  modelVersion: string,
  itemsPerSecond: number,
  costs: CostMatrix = DEFAULT_COSTS,
): EvalReport {
  const wink = posts.map((p) => winkLabel(p.text));
  const byLanguage: Record<string, SliceReport> = {};
  const langs = [...new Set(posts.map((p) => p.lang ?? preds[posts.indexOf(p)].language))];
  for (const lang of langs) {
    const idx = posts.map((p, i) => ((p.lang ?? preds[i].language) === lang ? i : -1)).filter((i) => i >= 0);
    byLanguage[lang] = slice(idx.map((i) => posts[i]), idx.map((i) => preds[i]), idx.map((i) => wink[i]), costs); // prettier-ignore
  }
  return {
    modelVersion,
    itemsPerSecond: Math.round(itemsPerSecond),
    ...slice(posts, preds, wink, costs),
    byLanguage,
  };
}

/** Averages numeric leaves of several reports (cross-validation folds). */
export function averageReports<T>(reports: T[]): T {
  const avg = (vals: unknown[]): unknown => {
    if (typeof vals[0] === 'number') return r4((vals as number[]).reduce((a, b) => a + b, 0) / vals.length);
    if (vals[0] && typeof vals[0] === 'object') {
      const keys = new Set(vals.flatMap((v) => Object.keys(v as object)));
      const o: Record<string, unknown> = {};
      for (const k of keys) {
        const sub = vals.map((v) => (v as Record<string, unknown>)[k]).filter((v) => v !== undefined);
        o[k] = avg(sub);
      }
      return o;
    }
    return vals[0];
  };
  return avg(reports) as T;
}

export interface TradeoffPoint extends DeadlineFigures {
  /** the sales-miss cost of the matrix (costMatrix) */
  salesMissCost: number;
}

/** The deadline trade-off over sales-miss costs: more weight on a missed sale, fewer misses, more 1-hour deadlines. */
export function tradeoffCurve(
  posts: LabeledPost[],
  preds: Analysis[],
  salesMissCosts: readonly number[] = SALES_MISS_GRID,
): TradeoffPoint[] {
  return salesMissCosts.map((c) => ({ salesMissCost: c, ...deadlineFigures(posts, preds, costMatrix(c)) }));
}
export const SALES_MISS_GRID: readonly number[] = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 12, 16];

/**
 * The default sales-miss cost from a cross-validated curve: among the points that meet the
 * targets (sales missed ≤ 3 %, needing an answer but no deadline ≤ 1 %, deadline accuracy ≥ 0.90),
 * the highest cost whose deadline accuracy is within a point of the best — the margin buys fewer
 * lost sales on unseen posts for at most a point of accuracy. No point meets them: the best accuracy.
 */
export function pickSalesMissCost(curve: readonly TradeoffPoint[]): TradeoffPoint {
  const meets = curve.filter(
    (p) => p.salesMissRate <= 0.03 && p.needsResponseMissRate <= 0.01 && p.deadlineAccuracy >= 0.9,
  );
  const pool = meets.length ? meets : [...curve];
  const best = Math.max(...pool.map((p) => p.deadlineAccuracy));
  const near = pool.filter((p) => p.deadlineAccuracy >= best - 0.01 - 1e-9);
  return near.reduce((a, p) => (p.salesMissCost > a.salesMissCost ? p : a));
}
