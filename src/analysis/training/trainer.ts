/** Trains the sentiment and intent classifiers into a versioned model bundle. */
import { INTENT_LABELS, SENTIMENT_LABELS, type LabeledPost, type SentimentLabel } from '../analysis.types';
import type { ModelBundle, NeutralBias } from '../model/bundle';
import {
  DEFAULT_FEATURES,
  extractFeatures,
  featureDim,
  SENTIMENT_ONLY_DENSE,
  type FeatureConfig,
  type SparseVector,
} from '../model/features';
import { LogReg } from '../model/logreg';
import { prepare } from '../text/tokenize';
import type { CostMatrix } from '../../sla/deadline-decision';

export interface TrainInput {
  /** posts with both labels (own training data, dev-set folds, team corrections) */
  posts: LabeledPost[];
  /** extra sentiment-only sentences (public corpora), down-weighted by repetition choice */
  sentimentOnly?: Array<{ text: string; sentiment: SentimentLabel; corpus?: string }>;
  features?: FeatureConfig;
  epochs?: number;
  version?: string;
  /** added to intent logits at decoding (default none) */
  intentBias?: number[];
  /** the deadline cost matrix to ship with the model (tuned by cross-validation) */
  deadlineCosts?: CostMatrix;
  /** the neutral calibration to ship (tuned by cross-validation); default: the prior's */
  neutralBias?: NeutralBias;
  /**
   * Warm start from this model (its feature settings too), regularised towards its weights: how
   * the runtime retrain keeps what the shipped model learned from data that does not ship.
   */
  prior?: ModelBundle;
  /** L2 strength (towards the prior when there is one, else towards zero) */
  l2?: number;
  learningRate?: number;
}

export const DEFAULT_INTENT_BIAS: number[] = process.env.OTKLIK_INTENT_BIAS
  ? process.env.OTKLIK_INTENT_BIAS.split(',').map(Number)
  : [0, 0, 0, 0, 0, 0]; // sales recall is the deadline decision's job now (src/sla/deadline-decision.ts)

/** L2 towards the prior's weights in a warm start (measured: bench/retrain-prior.bench.ts). */
export const PRIOR_L2 = 0.1;

export function featurize(text: string, platform: string | undefined, cfg: FeatureConfig): SparseVector {
  return extractFeatures(prepare(text), { text, platform }, cfg).x;
}

export function newVersion(): string {
  const d = new Date();
  const p = (n: number): string => String(n).padStart(2, '0');
  return `an-${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

export function trainBundle(input: TrainInput): ModelBundle {
  const prior = input.prior;
  if (prior && input.features && JSON.stringify(input.features) !== JSON.stringify(prior.features))
    throw new Error('a warm start keeps the prior model feature settings');
  const cfg = prior?.features ?? input.features ?? DEFAULT_FEATURES;
  const dim = featureDim(cfg);
  const epochs = input.epochs ?? 12;
  const sx: SparseVector[] = [];
  const sy: number[] = [];
  const ix: SparseVector[] = [];
  const iy: number[] = [];
  // the intent classifier never sees the sentiment-only dense features: its weights for them stay 0
  const intentOnly = withoutIndexes(SENTIMENT_ONLY_DENSE.map((k) => (1 << cfg.hashBits) + k));
  for (const p of input.posts) {
    const x = featurize(p.text, p.platform, cfg);
    if (p.sentiment) {
      sx.push(x);
      sy.push(SENTIMENT_LABELS.indexOf(p.sentiment));
    }
    if (p.intent) {
      ix.push(intentOnly(x));
      iy.push(INTENT_LABELS.indexOf(p.intent));
    }
  }
  for (const s of input.sentimentOnly ?? []) {
    sx.push(featurize(s.text, undefined, cfg));
    sy.push(SENTIMENT_LABELS.indexOf(s.sentiment));
  }
  const learningRate = input.learningRate ?? 0.3;
  const l2 = input.l2 ?? (prior ? PRIOR_L2 : 1e-6);
  const sentiment = LogReg.train([...SENTIMENT_LABELS], dim, sx, sy, {
    epochs, learningRate, l2, seed: 7, classWeights: balance(sy, SENTIMENT_LABELS.length), prior: prior?.sentiment,
  }); // prettier-ignore
  const intent = LogReg.train([...INTENT_LABELS], dim, ix, iy, {
    epochs, learningRate, l2, seed: 11, classWeights: balance(iy, INTENT_LABELS.length), prior: prior?.intent,
  }); // prettier-ignore
  return {
    version: input.version ?? newVersion(),
    features: cfg,
    sentiment,
    intent,
    intentBias: input.intentBias ?? DEFAULT_INTENT_BIAS,
    deadlineCosts: input.deadlineCosts,
    neutralBias: input.neutralBias ?? prior?.neutralBias,
  };
}

/** A filter that takes the given feature indexes out of a vector. */
function withoutIndexes(indexes: readonly number[]): (x: SparseVector) => SparseVector {
  const drop = new Set(indexes);
  return (x) => {
    const keep: number[] = [];
    for (let j = 0; j < x.idx.length; j++) if (!drop.has(x.idx[j])) keep.push(j);
    return { idx: Int32Array.from(keep, (j) => x.idx[j]), val: Float32Array.from(keep, (j) => x.val[j]) };
  };
}

/** Square-root inverse-frequency class weights, mean 1. */
function balance(ys: number[], C: number): number[] {
  const n = new Array<number>(C).fill(0);
  for (const y of ys) n[y]++;
  const w = n.map((c) => (c > 0 ? 1 / Math.sqrt(c) : 0));
  const mean = w.reduce((a, b) => a + b, 0) / w.filter((v) => v > 0).length;
  return w.map((v) => v / mean);
}
