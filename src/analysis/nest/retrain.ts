/**
 * The weekly retrain as plain functions (no Nest, no database): train a candidate from the
 * project's training data plus the team's corrections, and decide whether it may replace the
 * active model. Reuses the training code of src/analysis (trainBundle, foldsOf, evaluate).
 *
 * Fair comparison: the shipped models were trained on all of train.jsonl (and the dev set), so
 * scoring them on those rows would flatter them. Instead both recipes are trained on the same
 * split — the reference without the new corrections, the candidate with them — and scored on
 * rows neither saw: a held-out fold of train.jsonl and the dev set. Only a candidate that scores
 * no worse on every evaluation set is shipped, retrained on everything.
 */
import type { LabeledPost } from '../analysis.types';
import { Analyzer } from '../analyzer';
import { evaluate, type EvalReport } from '../eval/evaluate';
import { r4 } from '../eval/metrics';
import { bundleToJson, type ModelBundleJson } from '../model/bundle';
import { foldsOf } from '../training/dataset';
import { newVersion, trainBundle, type TrainInput } from '../training/trainer';

export interface RetrainData {
  /** train.jsonl (+ public sentiment-only sentences) */
  own: TrainInput;
  /** the latest team correction per item and field, as labelled posts */
  corrections: LabeledPost[];
  /** the hand-labelled dev set; empty when ../shared/eval is absent */
  devset: LabeledPost[];
}

export interface RetrainOptions {
  /** Train on the first N rows of train.jsonl only (tests). */
  limit?: number;
  /** Training epochs (default: the trainer's). */
  epochs?: number;
  /** Folds for the held-out split; fold 0 is held out. */
  holdoutFolds?: number;
  /** Add the dev set to the shipped model's training data, as `npm run train` does. */
  trainOnDevset?: boolean;
  /** A last look at the evaluated candidate before scoring (tests force a worse one). */
  inspectCandidate?: (candidate: Analyzer) => Analyzer;
  version?: string;
}

export interface SetScore {
  n: number;
  /** mean of sentiment accuracy, intent macro-F1 and deadline accuracy: the figure models are compared by */
  headline: number;
  'sentiment.accuracy': number;
  'intent.macroF1': number;
  'deadline.accuracy': number;
  salesMissRate: number;
  needsResponseMissRate: number;
}

export interface RetrainOutcome {
  version: string;
  promote: boolean;
  reason: string;
  /** per evaluation set: the candidate's and the reference's scores */
  metrics: {
    evaluation: Record<string, { candidate: SetScore; reference: SetScore }>;
    sources: Record<string, number>;
    recipe: string;
  };
  trainedOn: number;
  /** the shipped model (trained on everything) — only when promoted */
  artifact: ModelBundleJson | null;
}

export function scoreOf(r: EvalReport, n: number): SetScore {
  const s = r.sentiment.accuracy;
  const i = r.intent.macroF1;
  const d = r.deadline.accuracy;
  return {
    n,
    headline: r4((s + i + d) / 3),
    'sentiment.accuracy': s,
    'intent.macroF1': i,
    'deadline.accuracy': d,
    salesMissRate: r.salesMissRate,
    needsResponseMissRate: r.needsResponseMissRate,
  };
}

/** No worse on every set (within rounding). */
export function noWorse(evaluation: RetrainOutcome['metrics']['evaluation']): string | null {
  for (const [set, { candidate, reference }] of Object.entries(evaluation)) {
    if (candidate.headline < reference.headline - 1e-4)
      return `worse on ${set}: ${candidate.headline} < ${reference.headline}`;
  }
  return null;
}

export function retrain(data: RetrainData, opts: RetrainOptions = {}): RetrainOutcome {
  const version = opts.version ?? newVersion();
  const base = opts.limit ? data.own.posts.slice(0, opts.limit) : data.own.posts;
  const fold = foldsOf(base.length, opts.holdoutFolds ?? 5);
  const train = base.filter((_, i) => fold[i] !== 0);
  const holdout = base.filter((_, i) => fold[i] === 0);
  const recipe = (posts: LabeledPost[], v: string): TrainInput => ({
    ...data.own,
    posts,
    epochs: opts.epochs ?? data.own.epochs,
    version: v,
  });

  const reference = new Analyzer(trainBundle(recipe(train, `${version}-reference`)));
  let candidate = new Analyzer(trainBundle(recipe([...train, ...data.corrections], `${version}-candidate`)));
  if (opts.inspectCandidate) candidate = opts.inspectCandidate(candidate);

  const sets: Record<string, LabeledPost[]> = { holdout };
  if (data.devset.length > 0) sets.devset = data.devset;
  const evaluation: RetrainOutcome['metrics']['evaluation'] = {};
  for (const [name, posts] of Object.entries(sets)) {
    if (posts.length === 0) continue;
    evaluation[name] = {
      candidate: scoreOf(evaluate(candidate, posts), posts.length),
      reference: scoreOf(evaluate(reference, posts), posts.length),
    };
  }
  const worse = noWorse(evaluation);
  const withDev = opts.trainOnDevset !== false ? data.devset : [];
  const sources = {
    train_jsonl: base.length,
    corrections: data.corrections.length,
    devset: withDev.length,
    public_sentiment: data.own.sentimentOnly?.length ?? 0,
  };
  const metrics = {
    evaluation,
    sources,
    recipe: 'candidate = train split + corrections vs reference = train split; scored on held-out rows',
  };
  const shippedPosts = [...base, ...withDev, ...data.corrections];
  const trainedOn = shippedPosts.length + sources.public_sentiment;
  if (worse) return { version, promote: false, reason: worse, metrics, trainedOn, artifact: null };

  const shipped = trainBundle(recipe(shippedPosts, version));
  const artifact = bundleToJson(shipped, { rows: trainedOn, sources }, metrics);
  return { version, promote: true, reason: 'no worse on every evaluation set', metrics, trainedOn, artifact };
}
