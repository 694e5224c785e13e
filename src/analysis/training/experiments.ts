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
import type { NeutralBias } from '../model/bundle';
import { classReport, r4 } from '../eval/metrics';
import { foldsOf, readPublicCsv, toSentiment } from './dataset';
import { ownTrainInput } from './own-data';
import { trainBundle, type TrainInput } from './trainer';
import { prepare } from '../text/tokenize';

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
): Array<{ text: string; sentiment: SentimentLabel; corpus: string }> {
  const out: Array<{ text: string; sentiment: SentimentLabel; corpus: string }> = [];
  for (const f of TRAINABLE_PUBLIC) {
    const file = path.join(dir, f);
    if (!fs.existsSync(file)) {
      console.warn(`public corpus ${file} not found: training without it`);
      continue;
    }
    for (const r of readPublicCsv(file)) {
      const s = toSentiment(r.label);
      if (r.split === 'train' && s) out.push({ text: r.text, sentiment: s, corpus: f.replace('.csv', '') });
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
  /** the neutral calibration tuned on the held-out predictions (calibrateNeutralBias) */
  neutralBias: NeutralBias;
  /** held-out sentiment accuracy / macro-F1 on the public train splits' folds, per corpus */
  publicHeldOut: Record<string, { n: number; accuracy: number; macroF1: number }>;
  foldMean: Record<string, number>;
  /** deadline figures of the pooled held-out predictions over sales-miss costs */
  curve: TradeoffPoint[];
  /** the point picked as the default (pickSalesMissCost) */
  tuned: TradeoffPoint;
}

/**
 * k-fold CV: train on own data + (k-1)/k of the dev set and of the public train splits, test on
 * the held-out folds; the neutral calibration is tuned on those held-out predictions, and the
 * figures are the calibrated ones (pooled and per-fold mean).
 */
export function crossValidate(
  own: TrainInput,
  dev: LabeledPost[],
  k: number,
  costs: CostMatrix = DEFAULT_COSTS,
): CvResult {
  const fold = foldsOf(dev.length, k);
  const pub = own.sentimentOnly ?? [];
  const pubFold = foldsOf(pub.length, k, 29);
  const analyzers: Analyzer[] = [];
  for (let f = 0; f < k; f++) {
    const trainDev = dev.filter((_, i) => fold[i] !== f);
    const trainPub = pub.filter((_, i) => pubFold[i] !== f);
    analyzers.push(
      new Analyzer(
        trainBundle({
          ...own,
          posts: [...own.posts, ...trainDev],
          sentimentOnly: trainPub,
          version: `cv-${f}`,
        }),
      ),
    );
  }
  const heldOut = (bias: NeutralBias): { dev: Analysis[]; pub: Analysis[] } => {
    const as = analyzers.map((a) => a.withNeutralBias(bias));
    return {
      dev: dev.map((d, i) => as[fold[i]].analyze({ text: d.text, platform: d.platform })),
      pub: pub.map((s, i) => as[pubFold[i]].analyze({ text: s.text })),
    };
  };
  const neutralBias = calibrateNeutralBias(dev, pub, heldOut);
  const preds = new Array<Analysis>(dev.length);
  const per: EvalReport[] = [];
  let secs = 0;
  for (let f = 0; f < k; f++) {
    const analyzer = analyzers[f].withNeutralBias(neutralBias);
    const test = dev.filter((_, i) => fold[i] === f);
    const t0 = process.hrtime.bigint();
    const p = analyzer.analyzeBatch(test.map((t) => ({ text: t.text, platform: t.platform })));
    secs += Number(process.hrtime.bigint() - t0) / 1e9;
    let j = 0;
    dev.forEach((_, i) => {
      if (fold[i] === f) preds[i] = p[j++];
    });
    per.push(evaluatePredictions(test, p, `cv-${f}`, 0, costs));
  }
  const pubPreds = heldOut(neutralBias).pub;
  const publicHeldOut: CvResult['publicHeldOut'] = {};
  for (const corpus of new Set(pub.map((s) => s.corpus ?? 'public'))) {
    const idx = pub.map((s, i) => ((s.corpus ?? 'public') === corpus ? i : -1)).filter((i) => i >= 0);
    const r = sentimentScore(
      idx.map((i) => pub[i].sentiment),
      idx.map((i) => pubPreds[i]),
    );
    publicHeldOut[corpus] = { n: idx.length, accuracy: r.accuracy, macroF1: r.macroF1 };
  }
  const pooled = evaluatePredictions(dev, preds, `cv${k}`, dev.length / secs, costs);
  const curve = tradeoffCurve(dev, preds);
  const mean = (g: (r: EvalReport) => number): number => r4(per.reduce((a, r) => a + g(r), 0) / per.length);
  return {
    k,
    pooled,
    neutralBias,
    publicHeldOut,
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

/** The neutral shifts tried per base language. */
export const NEUTRAL_BIAS_GRID: readonly number[] = [-0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2];

/**
 * Sentiment of held-out predictions the way the public corpora are scored: three classes, or the
 * sign of the score for a set without neutral (UCI).
 */
function sentimentScore(gold: string[], preds: Analysis[]): { accuracy: number; macroF1: number } {
  const twoClass = !gold.includes('neutral');
  const pred = preds.map((a) =>
    twoClass ? (a.sentiment.score >= 0 ? 'positive' : 'negative') : a.sentiment.label,
  );
  return classReport(['negative', 'neutral', 'positive'], gold, pred);
}

/**
 * The neutral calibration per base language, tuned on held-out predictions of allowed data only
 * (dev-set folds, folds of the trainable public corpora's train splits): for each language, the
 * shift whose mean sentiment accuracy over that language's held-out sets with a neutral class is
 * best; among shifts within a quarter point of the best, the smallest (no shift without evidence).
 */
export function calibrateNeutralBias(
  dev: LabeledPost[],
  pub: ReadonlyArray<{ text: string; sentiment: SentimentLabel; corpus?: string }>,
  heldOut: (bias: NeutralBias) => { dev: Analysis[]; pub: Analysis[] },
  grid: readonly number[] = NEUTRAL_BIAS_GRID,
): NeutralBias {
  const out: NeutralBias = {};
  // the language the analyzer applies a shift by (mixed posts by their majority script)
  const devBase = dev.map((d) => prepare(d.text).base);
  const pubBase = pub.map((s) => prepare(s.text).base);
  for (const lang of ['ru', 'en'] as const) {
    const scores = grid.map((b) => {
      const h = heldOut({ [lang]: b });
      const sets: number[] = [];
      const di = dev.map((_, i) => (devBase[i] === lang ? i : -1)).filter((i) => i >= 0);
      if (di.length) sets.push(sentimentScore(di.map((i) => dev[i].sentiment as string), di.map((i) => h.dev[i])).accuracy); // prettier-ignore
      for (const corpus of new Set(pub.map((s) => s.corpus))) {
        const pi = pub.map((s, i) => (s.corpus === corpus && pubBase[i] === lang ? i : -1)).filter((i) => i >= 0); // prettier-ignore
        if (pi.length < 50 || !pi.some((i) => pub[i].sentiment === 'neutral')) continue;
        sets.push(
          sentimentScore(
            pi.map((i) => pub[i].sentiment),
            pi.map((i) => h.pub[i]),
          ).accuracy,
        );
      }
      return sets.length ? sets.reduce((a, v) => a + v, 0) / sets.length : 0;
    });
    const best = Math.max(...scores);
    const near = grid.filter((_, j) => scores[j] >= best - 0.0025);
    out[lang] = near.reduce((a, b) => (Math.abs(b) < Math.abs(a) ? b : a));
  }
  return out;
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
