/** Honest figures: cross-validation with dev-set folds added to training, own-data-only, public test splits. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Analysis, LabeledPost } from '../analysis.types';
import { Analyzer } from '../analyzer';
import { evaluate, evaluatePredictions, winkLabel, type EvalReport } from '../eval/evaluate';
import { classReport, r4 } from '../eval/metrics';
import { foldsOf, readPublicCsv, toSentiment } from './dataset';
import { trainBundle, type TrainInput } from './trainer';

/**
 * The evaluation data (dev set, public test splits) of developers' tools only (`npm run eval`,
 * `npm run train`, benches): never read by the running application.
 */
export function evalDir(): string {
  return process.env.OTKLIK_EVAL_DIR ?? path.resolve(process.cwd(), '..', 'shared', 'eval');
}

export interface CvResult {
  k: number;
  pooled: EvalReport;
  foldMean: Record<string, number>;
}

/** k-fold CV: train on own data + (k-1)/k of the dev set, test on the held-out fold; pooled and per-fold mean. */
export function crossValidate(own: TrainInput, dev: LabeledPost[], k: number): CvResult {
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
    per.push(evaluatePredictions(test, p, `cv-${f}`, 0));
  }
  const pooled = evaluatePredictions(dev, preds, `cv${k}`, dev.length / secs);
  const mean = (g: (r: EvalReport) => number): number => r4(per.reduce((a, r) => a + g(r), 0) / per.length);
  return {
    k,
    pooled,
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

/** Sentiment on the public `test` splits (3-class corpora; UCI is 2-class, neutral predictions count as wrong). */
export function publicChecks(
  analyzer: Analyzer,
  dir = evalDir(),
): Record<string, { accuracy: number; macroF1: number; n: number; wink: number }> {
  const out: Record<string, { accuracy: number; macroF1: number; n: number; wink: number }> = {};
  const pub = path.join(dir, 'public');
  if (!fs.existsSync(pub)) return out;
  for (const f of fs.readdirSync(pub).filter((x) => x.endsWith('.csv'))) {
    const rows = readPublicCsv(path.join(pub, f)).filter((r) => r.split === 'test');
    const complaints = f.startsWith('en_complaints');
    const labels = complaints ? ['complaint', 'not_complaint'] : ['negative', 'neutral', 'positive'];
    const gold = rows.map((r) => (complaints ? r.label : (toSentiment(r.label) ?? r.label)));
    const preds = analyzer.analyzeBatch(rows.map((r) => ({ text: r.text })));
    const pred = preds.map((a) =>
      complaints ? (a.intent.label === 'complaint' ? 'complaint' : 'not_complaint') : a.sentiment.label,
    );
    const rep = classReport(labels, gold, pred);
    const wink = rows.map((r) => {
      const w = winkLabel(r.text);
      return complaints ? (w === 'negative' ? 'complaint' : 'not_complaint') : w;
    });
    out[f.replace('.csv', '')] = {
      accuracy: rep.accuracy,
      macroF1: rep.macroF1,
      n: rows.length,
      wink: classReport(labels, gold, wink).accuracy,
    };
  }
  return out;
}
