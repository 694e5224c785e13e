/** Honest figures: cross-validation with dev-set folds added to training, own-data-only, public test splits. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Analysis, LabeledPost, SentimentLabel } from '../analysis.types';
import { Analyzer } from '../analyzer';
import {
  evaluate,
  evaluatePredictions,
  pickSalesMissCost,
  tradeoffCurve,
  winkLabel,
  type EvalReport,
  type TradeoffPoint,
} from '../eval/evaluate';
import { DEFAULT_COSTS, type CostMatrix } from '../../sla/deadline-decision';
import { classReport, r4 } from '../eval/metrics';
import { foldsOf, readPublicCsv, toSentiment } from './dataset';
import { ownTrainInput } from './own-data';
import { trainBundle, type TrainInput } from './trainer';

/**
 * The evaluation data (dev set, public test splits) of developers' tools only (`npm run eval`,
 * `npm run train`, benches): never read by the running application.
 */
export function evalDir(): string {
  return process.env.OTKLIK_EVAL_DIR ?? path.resolve(process.cwd(), '..', 'shared', 'eval');
}

/**
 * Public corpora whose licences allow training shipped models (../shared/eval/README.md). Only
 * developer tools read them, from the eval directory: they are never copied into the repository,
 * and what the shipped model learned from them reaches the runtime retrain through its weights.
 */
export const TRAINABLE_PUBLIC = ['ru_opensentimentcorpus.csv', 'en_uci_amazon_yelp.csv'];

/** The `train` splits of the trainable public corpora in `dir`; none (with a warning) when absent. */
export function publicSentimentTrain(
  dir = path.join(evalDir(), 'public'),
): Array<{ text: string; sentiment: SentimentLabel }> {
  const out: Array<{ text: string; sentiment: SentimentLabel }> = [];
  for (const f of TRAINABLE_PUBLIC) {
    const file = path.join(dir, f);
    if (!fs.existsSync(file)) {
      console.warn(`public corpus ${file} not found: training without it`);
      continue;
    }
    for (const r of readPublicCsv(file)) {
      const s = toSentiment(r.label);
      if (r.split === 'train' && s) out.push({ text: r.text, sentiment: s });
    }
  }
  return out;
}

/** The developer tools' training data: train.jsonl plus the public train splits when present. */
export function devTrainInput(opts: { withPublic?: boolean } = {}): TrainInput {
  return { ...ownTrainInput(), sentimentOnly: opts.withPublic === false ? [] : publicSentimentTrain() };
}

export interface CvResult {
  k: number;
  pooled: EvalReport;
  foldMean: Record<string, number>;
  /** deadline figures of the pooled held-out predictions over sales-miss costs */
  curve: TradeoffPoint[];
  /** the point picked as the default (pickSalesMissCost) */
  tuned: TradeoffPoint;
}

/** k-fold CV: train on own data + (k-1)/k of the dev set, test on the held-out fold; pooled and per-fold mean. */
export function crossValidate(
  own: TrainInput,
  dev: LabeledPost[],
  k: number,
  costs: CostMatrix = DEFAULT_COSTS,
): CvResult {
  const fold = foldsOf(dev.length, k);
  const preds = new Array<Analysis>(dev.length);
  const per: EvalReport[] = [];
  let secs = 0;
  for (let f = 0; f < k; f++) {
    const trainDev = dev.filter((_, i) => fold[i] !== f);
    const test = dev.filter((_, i) => fold[i] === f);
    const analyzer = new Analyzer(
      trainBundle({ ...own, posts: [...own.posts, ...trainDev], version: `cv-${f}` }),
    );
    const t0 = process.hrtime.bigint();
    const p = analyzer.analyzeBatch(test.map((t) => ({ text: t.text, platform: t.platform })));
    secs += Number(process.hrtime.bigint() - t0) / 1e9;
    let j = 0;
    dev.forEach((_, i) => {
      if (fold[i] === f) preds[i] = p[j++];
    });
    per.push(evaluatePredictions(test, p, `cv-${f}`, 0, costs));
  }
  const pooled = evaluatePredictions(dev, preds, `cv${k}`, dev.length / secs, costs);
  const curve = tradeoffCurve(dev, preds);
  const mean = (g: (r: EvalReport) => number): number => r4(per.reduce((a, r) => a + g(r), 0) / per.length);
  return {
    k,
    pooled,
    curve,
    tuned: pickSalesMissCost(curve),
    foldMean: {
      'sentiment.accuracy': mean((r) => r.sentiment.accuracy),
      'sentiment.macroF1': mean((r) => r.sentiment.macroF1),
      'intent.macroF1': mean((r) => r.intent.macroF1),
      'deadline.accuracy': mean((r) => r.deadline.accuracy),
      salesMissRate: mean((r) => r.salesMissRate),
      needsResponseMissRate: mean((r) => r.needsResponseMissRate),
    },
  };
}

export function ownOnly(own: TrainInput, dev: LabeledPost[]): EvalReport {
  return evaluate(new Analyzer(trainBundle({ ...own, version: 'own-only' })), dev);
}

export interface PublicScore {
  accuracy: number;
  macroF1: number;
  n: number;
  wink: number;
  winkMacroF1: number;
  /** whether its licence lets us train on its train split (TRAINABLE_PUBLIC) */
  trainable: boolean;
}

/**
 * Sentiment on the public `test` splits, each read under its own conventions: tweets as Twitter
 * posts (a leading @mention addresses the brand), a corpus without neutral (UCI) by the sign of
 * the sentiment score, the complaints corpus by the complaint intent.
 */
export function publicChecks(analyzer: Analyzer, dir = evalDir()): Record<string, PublicScore> {
  const out: Record<string, PublicScore> = {};
  const pub = path.join(dir, 'public');
  if (!fs.existsSync(pub)) return out;
  for (const f of fs.readdirSync(pub).filter((x) => x.endsWith('.csv'))) {
    const rows = readPublicCsv(path.join(pub, f)).filter((r) => r.split === 'test');
    const complaints = f.startsWith('en_complaints');
    const labels = complaints ? ['complaint', 'not_complaint'] : ['negative', 'neutral', 'positive'];
    const gold = rows.map((r) => (complaints ? r.label : (toSentiment(r.label) ?? r.label)));
    const platform = r0Platform(rows[0]?.source);
    const preds = analyzer.analyzeBatch(rows.map((r) => ({ text: r.text, platform })));
    // a corpus without a neutral class (UCI) is scored the way it was labelled: the sign of the score
    const twoClass = !complaints && !gold.includes('neutral');
    const pred = preds.map((a) =>
      complaints
        ? a.intent.label === 'complaint'
          ? 'complaint'
          : 'not_complaint'
        : twoClass
          ? a.sentiment.score >= 0
            ? 'positive'
            : 'negative'
          : a.sentiment.label,
    );
    const rep = classReport(labels, gold, pred);
    const wink = rows.map((r) => {
      const w = winkLabel(r.text);
      if (twoClass) return w === 'negative' ? 'negative' : 'positive';
      return complaints ? (w === 'negative' ? 'complaint' : 'not_complaint') : w;
    });
    const w = classReport(labels, gold, wink);
    out[f.replace('.csv', '')] = {
      accuracy: rep.accuracy,
      macroF1: rep.macroF1,
      n: rows.length,
      wink: w.accuracy,
      winkMacroF1: w.macroF1,
      trainable: TRAINABLE_PUBLIC.includes(f),
    };
  }
  return out;
}

/** Tweets (SentiRuEval, airline, complaints) are read as Twitter posts: a leading @mention addresses the brand. */
function r0Platform(source: string | undefined): string | undefined {
  return source && /twitter|sentirueval|complaints-social-media/i.test(source) ? 'twitter' : undefined;
}
