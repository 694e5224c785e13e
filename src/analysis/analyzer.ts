/**
 * The analysis pass for one item: language → features → sentiment and intent classifiers →
 * joint decoding under the care labelling rules (a complaint is negative, praise is positive).
 */
import * as path from 'node:path';
import {
  INTENT_LABELS,
  SENTIMENT_LABELS,
  type Analysis,
  type AnalysisInput,
  type IntentLabel,
  type SentimentLabel,
} from './analysis.types';
import { defaultModelDir, readBundle, type ModelBundle } from './model/bundle';
import { DENSE_SIZE, walkFeatures } from './model/features';
import { topFeatures } from './model/explain';
import { softmaxInPlace } from './model/logreg';
import { FusedScorer } from './model/scorer';
import { prepare } from './text/tokenize';
import { DEFAULT_COSTS, type CostMatrix } from '../sla/deadline-decision';

const NONE: readonly string[] = [];
const NEG = 0;
const NEU = 1;
const POS = 2;
const COMPLAINT = INTENT_LABELS.indexOf('complaint');
const PRAISE = INTENT_LABELS.indexOf('praise');

export class Analyzer {
  readonly modelVersion: string;
  /** the model's cross-validated deadline cost matrix, else the code default */
  readonly deadlineCosts: CostMatrix;
  private readonly ps = new Float64Array(SENTIMENT_LABELS.length);
  private readonly pi = new Float64Array(INTENT_LABELS.length);
  private readonly joint = new Float64Array(SENTIMENT_LABELS.length * INTENT_LABELS.length);
  private readonly scorer: FusedScorer;
  private byOwnerS = new Float64Array(256);
  private byOwnerI = new Float64Array(256);
  private readonly denseS = new Float64Array(DENSE_SIZE);
  private readonly denseI = new Float64Array(DENSE_SIZE);
  private readonly neutralRu: number;
  private readonly neutralEn: number;

  constructor(
    private readonly model: ModelBundle,
    scorer?: FusedScorer,
  ) {
    this.modelVersion = model.version;
    this.deadlineCosts = model.deadlineCosts ?? DEFAULT_COSTS;
    this.neutralRu = model.neutralBias?.ru ?? 0;
    this.neutralEn = model.neutralBias?.en ?? 0;
    this.scorer = scorer ?? new FusedScorer(model.sentiment, model.intent, model.features.hashBits);
  }

  /** The same analyzer, built in slices that yield to the event loop (a model swap on a serving instance). */
  static async create(model: ModelBundle): Promise<Analyzer> {
    return new Analyzer(
      model,
      await FusedScorer.build(model.sentiment, model.intent, model.features.hashBits),
    );
  }

  /** Loads `active.json` from dir (default: the models shipped in src/analysis/models). */
  /** The same model decoded with another neutral calibration (shares the scorer: cheap). */
  withNeutralBias(neutralBias: ModelBundle['neutralBias']): Analyzer {
    return new Analyzer({ ...this.model, neutralBias }, this.scorer);
  }

  static load(dir?: string): Analyzer {
    return new Analyzer(readBundle(path.join(dir ?? defaultModelDir(), 'active.json')));
  }

  analyze(input: AnalysisInput): Analysis {
    const text = input.text ?? '';
    const p = prepare(text);
    const f = walkFeatures(p, { platform: input.platform, text }, this.model.features);
    this.scorer.score(f, this.ps, this.pi);
    const ps = this.ps;
    if (p.base === 'ru') ps[NEU] += this.neutralRu;
    else if (p.base === 'en') ps[NEU] += this.neutralEn;
    softmaxInPlace(ps);
    let head = 0;
    for (let c = 1; c < ps.length; c++) if (ps[c] > ps[head]) head = c;
    const li = this.pi;
    for (let c = 0; c < li.length; c++) li[c] += this.model.intentBias[c] ?? 0;
    const pi = li;
    softmaxInPlace(pi);
    // joint over (intent, sentiment) with the rule that complaints are negative and praise positive
    const S = ps.length;
    const joint = this.joint;
    let z = 0;
    for (let i = 0; i < pi.length; i++) {
      for (let s = 0; s < S; s++) {
        let v = pi[i] * ps[s];
        if ((i === COMPLAINT && s !== NEG) || (i === PRAISE && s !== POS)) v = 0;
        joint[i * S + s] = v;
        z += v;
      }
    }
    let best = 0;
    for (let k = 1; k < joint.length; k++) if (joint[k] > joint[best]) best = k;
    const intentIdx = Math.floor(best / S);
    const sentIdx = best % S;
    let intentConf = 0;
    for (let s = 0; s < S; s++) intentConf += joint[intentIdx * S + s];
    const sm = [0, 0, 0];
    for (let i = 0; i < pi.length; i++) for (let s = 0; s < S; s++) sm[s] += joint[i * S + s];
    const zz = z > 0 ? z : 1;
    const probs = new Array<number>(pi.length);
    for (let i = 0; i < pi.length; i++) {
      let m = 0;
      for (let s = 0; s < S; s++) m += joint[i * S + s];
      probs[i] = round4(m / zz);
    }
    // why: the decided classes against their runners-up
    let sAlt = sentIdx === 0 ? 1 : 0;
    for (let s = 0; s < S; s++) if (s !== sentIdx && sm[s] > sm[sAlt]) sAlt = s;
    let iAlt = intentIdx === 0 ? 1 : 0;
    for (let i = 0; i < probs.length; i++) if (i !== intentIdx && probs[i] > probs[iAlt]) iAlt = i;
    const symbols = p.emojis.length + p.emoticons.length > 0 ? [...p.emojis, ...p.emoticons] : NONE;
    const owners = 2 * p.words.length + symbols.length;
    if (this.byOwnerS.length < owners) {
      this.byOwnerS = new Float64Array(2 * owners);
      this.byOwnerI = new Float64Array(2 * owners);
    }
    this.byOwnerS.fill(0, 0, owners);
    this.byOwnerI.fill(0, 0, owners);
    this.denseS.fill(0);
    this.denseI.fill(0);
    this.scorer.explain(f, { won: sentIdx, alt: sAlt }, { won: intentIdx, alt: iAlt }, this.byOwnerS, this.byOwnerI, this.denseS, this.denseI); // prettier-ignore
    const why = {
      sentiment: topFeatures(this.byOwnerS, this.denseS, p.surface, symbols),
      intent: topFeatures(this.byOwnerI, this.denseI, p.surface, symbols),
    };
    return {
      language: p.language,
      sentiment: {
        score: round3((sm[POS] - sm[NEG]) / zz),
        label: SENTIMENT_LABELS[sentIdx] as SentimentLabel,
        confidence: round3(sm[sentIdx] / zz),
        headLabel: SENTIMENT_LABELS[head] as SentimentLabel,
      },
      intent: { label: INTENT_LABELS[intentIdx] as IntentLabel, confidence: round3(intentConf / zz), probs },
      why,
      modelVersion: this.modelVersion,
    };
  }

  analyzeBatch(inputs: readonly AnalysisInput[]): Analysis[] {
    return inputs.map((i) => this.analyze(i));
  }
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
function round4(v: number): number {
  return Math.round(v * 10000) / 10000;
}
