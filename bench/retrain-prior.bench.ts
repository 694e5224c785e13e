/**
 * Does the runtime retrain stay as good as the shipped model without the public corpora? The
 * retrain ships nothing but train.jsonl and the shipped model; it warm-starts from that model and
 * is regularised towards it (src/analysis/nest/retrain.ts). This measures, on the public corpora's
 * `test` splits and on the dev set (read from ../shared/eval, developer machines only):
 *
 *   shipped   the shipped model (models/active.json: train.jsonl + public train splits + dev set)
 *   warm      the runtime retrain as the built app runs it: train.jsonl, prior = shipped, no public files
 *   cold      the same without the prior (what removing the public files alone would give)
 *   copied    the retrain as it was with the public train splits copied into the repository
 *
 * and, with --corrections, whether a warm-started retrain still learns from the team's
 * corrections: 5-fold CV over the dev set as corrections, the prior a model trained without the
 * dev set (train.jsonl + public train splits), against the old recipe (the same data, cold, public
 * splits in the training set), and how fully each fits the corrections (in-sample). Not a timing benchmark: figures are deterministic (seeded SGD).
 *
 * `npx ts-node --transpile-only bench/retrain-prior.bench.ts [--json] [--corrections] [--l2 1e-3,1e-2]`
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Analysis, LabeledPost } from '../src/analysis/analysis.types';
import { Analyzer } from '../src/analysis/analyzer';
import { evaluate, evaluatePredictions, type EvalReport } from '../src/analysis/eval/evaluate';
import { bundleFromJson, type ModelBundle } from '../src/analysis/model/bundle';
import { retrain, type RetrainData } from '../src/analysis/nest/retrain';
import { foldsOf, readJsonl } from '../src/analysis/training/dataset';
import { evalDir, publicChecks, publicSentimentTrain } from '../src/analysis/training/experiments';
import { ownTrainInput, shippedModel } from '../src/analysis/training/own-data';
import { PRIOR_L2, trainBundle } from '../src/analysis/training/trainer';

const args = process.argv.slice(2);
const json = args.includes('--json');
const l2s = (args[args.indexOf('--l2') + 1] && args.includes('--l2') ? args[args.indexOf('--l2') + 1] : String(PRIOR_L2))
  .split(',')
  .map(Number); // prettier-ignore

const devFile = path.join(evalDir(), 'devset.jsonl');
if (!fs.existsSync(path.join(evalDir(), 'public')) || !fs.existsSync(devFile)) {
  console.error(`needs ${evalDir()}/public and devset.jsonl (OTKLIK_EVAL_DIR)`);
  process.exit(2);
}
const dev = readJsonl(devFile);
const own = ownTrainInput();
const pub = publicSentimentTrain();
const shipped = shippedModel();

interface Row {
  model: string;
  seconds: number;
  public: Record<string, { accuracy: number; macroF1: number }>;
  devset: Figures;
  holdout?: Figures;
}
interface Figures {
  'sentiment.accuracy': number;
  'sentiment.macroF1': number;
  'intent.macroF1': number;
  'deadline.accuracy': number;
}
const figures = (r: EvalReport): Figures => ({
  'sentiment.accuracy': r.sentiment.accuracy,
  'sentiment.macroF1': r.sentiment.macroF1,
  'intent.macroF1': r.intent.macroF1,
  'deadline.accuracy': r.deadline.accuracy,
});

function score(model: string, analyzer: Analyzer, seconds: number, holdout?: Figures): Row {
  const pubScores = Object.fromEntries(
    Object.entries(publicChecks(analyzer)).map(([k, v]) => [k, { accuracy: v.accuracy, macroF1: v.macroF1 }]),
  );
  return { model, seconds, public: pubScores, devset: figures(evaluate(analyzer, dev)), holdout };
}

/** The retrain exactly as the app runs it (no corrections, no dev set), forced to ship its model. */
function runtimeRetrain(model: string, data: Omit<RetrainData, 'corrections' | 'devset'>): Row {
  const t0 = Date.now();
  const out = retrain({ ...data, corrections: [], devset: [] }, { force: true, version: model });
  const seconds = (Date.now() - t0) / 1000;
  const h = out.metrics.evaluation.holdout.candidate;
  const holdout: Figures = {
    'sentiment.accuracy': h['sentiment.accuracy'],
    'sentiment.macroF1': NaN, // the retrain records accuracy only
    'intent.macroF1': h['intent.macroF1'],
    'deadline.accuracy': h['deadline.accuracy'],
  };
  return score(model, new Analyzer(bundleFromJson(out.artifact!)), seconds, holdout);
}

function withL2(prior: ModelBundle, l2: number): Omit<RetrainData, 'corrections' | 'devset'> {
  return { own: { ...own, l2 }, prior };
}

const rows: Row[] = [score('shipped', new Analyzer(shipped), 0)];
for (const l2 of l2s) rows.push(runtimeRetrain(`warm l2=${l2}`, withL2(shipped, l2)));
rows.push(runtimeRetrain('cold (no public, no prior)', { own }));
rows.push(runtimeRetrain('copied (public train splits)', { own: { ...own, sentimentOnly: pub } }));

/** 5-fold CV with dev-set folds as corrections; returns the pooled held-out figures. */
function correctionsCv(l2: number): Record<string, Figures> {
  const prior = trainBundle({ ...own, sentimentOnly: pub, version: 'prior-without-dev' });
  const k = 5;
  const fold = foldsOf(dev.length, k);
  const preds: Record<string, Analysis[]> = { warm: [], copied: [], prior: [] };
  for (let f = 0; f < k; f++) {
    const corrections: LabeledPost[] = dev.filter((_, i) => fold[i] !== f);
    const test = dev.filter((_, i) => fold[i] === f);
    const posts = [...own.posts, ...corrections];
    const models = {
      warm: trainBundle({ ...own, posts, prior, l2 }),
      copied: trainBundle({ ...own, posts, sentimentOnly: pub }),
      prior,
    };
    for (const [name, m] of Object.entries(models)) {
      const p = new Analyzer(m).analyzeBatch(test.map((t) => ({ text: t.text, platform: t.platform })));
      let j = 0;
      dev.forEach((_, i) => {
        if (fold[i] === f) preds[name][i] = p[j++];
      });
    }
  }
  const out: Record<string, Figures> = Object.fromEntries(
    Object.entries(preds).map(([name, p]) => [name, figures(evaluatePredictions(dev, p, name, 0))]),
  );
  // how fully each learns the corrections themselves (all of the dev set, scored in-sample)
  const posts = [...own.posts, ...dev];
  out['warm fit'] = figures(evaluate(new Analyzer(trainBundle({ ...own, posts, prior, l2 })), dev));
  out['copied fit'] = figures(
    evaluate(new Analyzer(trainBundle({ ...own, posts, sentimentOnly: pub })), dev),
  );
  return out;
}
const cv = args.includes('--corrections')
  ? Object.fromEntries(l2s.map((l2) => [`l2=${l2}`, correctionsCv(l2)]))
  : undefined;

if (json) {
  process.stdout.write(JSON.stringify({ rows, correctionsCv: cv }) + '\n');
} else {
  const corpora = Object.keys(rows[0].public);
  const f = (v: number): string => (Number.isNaN(v) ? '  —  ' : v.toFixed(3));
  console.log(`public test splits (accuracy / macro-F1), dev set (${dev.length}) and retrain hold-out`);
  for (const r of rows) {
    console.log(`\n${r.model}${r.seconds ? ` (${r.seconds.toFixed(1)} s)` : ''}`);
    for (const c of corpora)
      console.log(`  ${c.padEnd(28)} ${f(r.public[c].accuracy)} / ${f(r.public[c].macroF1)}`);
    const d = r.devset;
    console.log(`  devset: sent acc ${f(d['sentiment.accuracy'])} F1 ${f(d['sentiment.macroF1'])} | intent F1 ${f(d['intent.macroF1'])} | deadline ${f(d['deadline.accuracy'])}`); // prettier-ignore
    const h = r.holdout;
    if (h) console.log(`  holdout: sent acc ${f(h['sentiment.accuracy'])} | intent F1 ${f(h['intent.macroF1'])} | deadline ${f(h['deadline.accuracy'])}`); // prettier-ignore
  }
  if (cv) {
    console.log(
      '\ncorrections CV (dev folds as corrections, pooled held-out; "fit": all of them, in-sample):',
    );
    for (const [l2, byModel] of Object.entries(cv))
      for (const [name, d] of Object.entries(byModel))
        console.log(`  ${l2} ${name.padEnd(10)} sent acc ${f(d['sentiment.accuracy'])} F1 ${f(d['sentiment.macroF1'])} | intent F1 ${f(d['intent.macroF1'])} | deadline ${f(d['deadline.accuracy'])}`); // prettier-ignore
  }
}
