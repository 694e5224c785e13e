/**
 * The weekly retrain as plain functions (no Nest, no database): train a candidate from the
 * project's training data plus the team's corrections, and decide whether it may replace the
 * active model. Reuses the training code of src/analysis (trainBundle, foldsOf, evaluate).
 *
 * Fair comparison: the shipped models were trained on all of train.jsonl (and the dev set), so
 * scoring them on those rows would flatter them. Instead both recipes are trained on the same
 * split — the reference without the new corrections, the candidate with them — and scored on
 * rows neither saw: a held-out fold of train.jsonl and the dev set. Only a candidate that scores
 * no worse (see `refusal`) is shipped, retrained on everything.
 *
 * Warm start: every model here starts from the prior (the shipped model) and is regularised
 * towards it, so what it learned from data that does not ship (the public sentiment corpora, the
 * dev set) carries over through its weights. The prior saw all of train.jsonl, the held-out fold
 * too; reference and candidate share that, so their comparison stays fair.
 */
import type { LabeledPost } from '../analysis.types';
import { Analyzer } from '../analyzer';
import { evaluate, type EvalReport } from '../eval/evaluate';
import { r4 } from '../eval/metrics';
import { bundleToJson, type ModelBundle, type ModelBundleJson } from '../model/bundle';
import { foldsOf } from '../training/dataset';
import { newVersion, trainBundle, type TrainInput } from '../training/trainer';

export interface RetrainData {
  /** train.jsonl (developer measurements may add sentiment-only sentences) */
  own: TrainInput;
  /** the model every trained model starts from and is regularised towards (the shipped one); none: a cold start */
  prior?: ModelBundle;
  /** the latest team correction per item and field, as labelled posts */
  corrections: LabeledPost[];
  /** an extra labelled set (evaluated, and trained on for the shipped model); empty in the running app */
  devset: LabeledPost[];
}

export interface RetrainOptions {
  /** Train on N rows of train.jsonl only, spread evenly over the file (tests). */
  limit?: number;
  /** Training epochs (default: the trainer's). */
  epochs?: number;
  /** Folds for the held-out split; fold 0 is held out. */
  holdoutFolds?: number;
  /** Add the dev set to the shipped model's training data, as `npm run train` does. */
  trainOnDevset?: boolean;
  /** How much worse one evaluation set may be (headline points, default 0.01) when the overall is no worse. */
  tolerance?: number;
  /** Promote whatever the comparison says (like `npm run train -- --force`); the figures are still recorded. */
  force?: boolean;
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
    /** the version of the model this one was warm-started from (null: a cold start) */
    prior: string | null;
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

/**
 * The promotion rule: no worse overall (the item-weighted mean headline over the evaluation sets
 * is at least the reference's) and no set worse by more than `tolerance` (default one point).
 * The per-set slack absorbs training noise — a different SGD order flips an item or two — while
 * a real regression on any one set still blocks the model. Returns why not, or null.
 */
export function refusal(
  evaluation: RetrainOutcome['metrics']['evaluation'],
  tolerance = DEFAULT_TOLERANCE,
): string | null {
  let n = 0;
  let cand = 0;
  let ref = 0;
  for (const [set, { candidate, reference }] of Object.entries(evaluation)) {
    if (candidate.headline < reference.headline - tolerance)
      return `worse on ${set}: ${candidate.headline} < ${reference.headline} - ${tolerance}`;
    n += candidate.n;
    cand += candidate.headline * candidate.n;
    ref += reference.headline * reference.n;
  }
  if (n > 0 && cand / n < ref / n - 1e-9) return `worse overall: ${r4(cand / n)} < ${r4(ref / n)}`;
  return null;
}

export const DEFAULT_TOLERANCE = 0.01;

export function retrain(data: RetrainData, opts: RetrainOptions = {}): RetrainOutcome {
  const version = opts.version ?? newVersion();
  const base = opts.limit ? spread(data.own.posts, opts.limit) : data.own.posts;
  const fold = foldsOf(base.length, opts.holdoutFolds ?? 5);
  const train = base.filter((_, i) => fold[i] !== 0);
  const holdout = base.filter((_, i) => fold[i] === 0);
  const recipe = (posts: LabeledPost[], v: string): TrainInput => ({
    ...data.own,
    posts,
    epochs: opts.epochs ?? data.own.epochs,
    version: v,
    prior: data.prior,
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
  const worse = opts.force ? null : refusal(evaluation, opts.tolerance);
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
    prior: data.prior?.version ?? null,
    recipe:
      (data.prior ? `warm start from ${data.prior.version}; ` : '') +
      'candidate = train split + corrections vs reference = train split; scored on held-out rows',
  };
  const shippedPosts = [...base, ...withDev, ...data.corrections];
  const trainedOn = shippedPosts.length + sources.public_sentiment;
  if (worse) return { version, promote: false, reason: worse, metrics, trainedOn, artifact: null };

  const shipped = trainBundle(recipe(shippedPosts, version));
  const artifact = bundleToJson(shipped, { rows: trainedOn, sources }, metrics);
  const fair = 'no worse overall and on every evaluation set';
  const reason = opts.force ? `forced (${refusal(evaluation, opts.tolerance) ?? fair})` : fair;
  return { version, promote: true, reason, metrics, trainedOn, artifact };
}

/** n rows spread evenly: train.jsonl is grouped by topic, so its first rows are not a fair sample. */
function spread<T>(rows: readonly T[], n: number): T[] {
  if (n >= rows.length) return [...rows];
  return Array.from({ length: n }, (_, i) => rows[Math.floor((i * rows.length) / n)]);
}
