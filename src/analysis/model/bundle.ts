/** The model file: both classifiers, feature settings and decoding biases, versioned. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INTENT_LABELS, SENTIMENT_LABELS } from '../analysis.types';
import { costMatrixProblems, type CostMatrix } from '../../sla/deadline-decision';
import { DEFAULT_FEATURES, type FeatureConfig } from './features';
import { LogReg, type SerializedLogReg } from './logreg';

export interface ModelBundleJson {
  format: 'otklik-analysis/1';
  version: string;
  createdAt: string;
  features: FeatureConfig;
  sentiment: SerializedLogReg;
  intent: SerializedLogReg;
  /** log-space biases added at decoding time (tuned for sales recall / no missed answers) */
  intentBias: number[];
  /** the deadline cost matrix tuned by cross-validation when the model was trained (absent: the code default) */
  deadlineCosts?: number[][];
  /** added to the neutral sentiment logit per base language, calibrated by cross-validation (absent: 0) */
  neutralBias?: NeutralBias;
  trainedOn: { rows: number; sources: Record<string, number> };
  metrics?: Record<string, unknown>;
}

export interface ModelBundle {
  version: string;
  features: FeatureConfig;
  sentiment: LogReg;
  intent: LogReg;
  intentBias: number[];
  deadlineCosts?: CostMatrix;
  neutralBias?: NeutralBias;
  json?: ModelBundleJson;
}

/**
 * Log-space shift of the neutral sentiment class per base language (ru, en; other posts get
 * none): how readily a post with weak evaluative cues is called neutral. Tuned on held-out
 * predictions of the allowed data (`calibrateNeutralBias`), never on a test set.
 */
export type NeutralBias = Partial<Record<'ru' | 'en', number>>;

export function bundleToJson(
  b: ModelBundle,
  trainedOn: ModelBundleJson['trainedOn'],
  metrics?: Record<string, unknown>,
): ModelBundleJson {
  return {
    format: 'otklik-analysis/1',
    version: b.version,
    createdAt: new Date().toISOString(),
    features: b.features,
    sentiment: b.sentiment.serialize(),
    intent: b.intent.serialize(),
    intentBias: b.intentBias,
    deadlineCosts: b.deadlineCosts?.map((r) => [...r]),
    neutralBias: b.neutralBias,
    trainedOn,
    metrics,
  };
}

export function bundleFromJson(j: ModelBundleJson): ModelBundle {
  if (j.format !== 'otklik-analysis/1') throw new Error(`unknown model format ${String(j.format)}`);
  const sentiment = LogReg.deserialize(j.sentiment);
  const intent = LogReg.deserialize(j.intent);
  if (sentiment.classes.join() !== SENTIMENT_LABELS.join() || intent.classes.join() !== INTENT_LABELS.join())
    throw new Error('model classes do not match the analysis labels');
  if (j.deadlineCosts !== undefined && costMatrixProblems(j.deadlineCosts).length)
    throw new Error(`model deadline costs: ${costMatrixProblems(j.deadlineCosts).join('; ')}`);
  return {
    version: j.version,
    features: { ...DEFAULT_FEATURES, ...j.features },
    sentiment,
    intent,
    intentBias: j.intentBias,
    deadlineCosts: j.deadlineCosts,
    neutralBias: j.neutralBias,
    json: j,
  };
}

export function readBundle(file: string): ModelBundle {
  return bundleFromJson(JSON.parse(fs.readFileSync(file, 'utf8')) as ModelBundleJson);
}

export function writeBundle(file: string, j: ModelBundleJson): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(j) + '\n');
}

/** Where the shipped models live, for ts-node (src/) and for the Nest build (dist/src/). */
export function defaultModelDir(): string {
  const here = path.join(__dirname, '..', 'models');
  if (fs.existsSync(path.join(here, 'active.json'))) return here;
  return path.join(process.cwd(), 'src', 'analysis', 'models');
}
