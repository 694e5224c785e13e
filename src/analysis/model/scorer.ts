/**
 * Inference-time scoring of both classifiers in one pass over a FeatureWalk. The two weight
 * matrices are interleaved into one Int16 table (row = 3 sentiment + 6 intent weights), so each
 * hashed feature costs one cache-line visit instead of two, and the whole table (~1.2 MB) stays
 * far closer to the CPU than two Float32 matrices (~2.4 MB). Hashed features of a group share
 * one value, so raw integer weights are summed per group and scaled once at the end.
 */
import { DENSE_SIZE, type FeatureWalk } from './features';
import type { LogReg } from './logreg';

export const S_CLASSES = 3;
export const I_CLASSES = 6;
const STRIDE = S_CLASSES + I_CLASSES;
/** table rows interleaved per slice of FusedScorer.build (a few milliseconds each) */
const SLICE = 8192;

interface Built {
  table: Int16Array;
  scaleS: number;
  scaleI: number;
  dense: Float64Array;
  biasS: Float64Array;
  biasI: Float64Array;
}

/**
 * Symmetric Int16 quantisation with the scale LogReg.serialize uses (max over all weights), so a
 * model read from disk (already Int16 × scale) maps back to the same integers.
 */
function quantise(w: Float32Array, rows: number, C: number): { q: Int16Array; scale: number } {
  let max = 0;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]));
  const scale = max > 0 ? max / 32767 : 1;
  const q = new Int16Array(rows * C);
  for (let i = 0; i < rows * C; i++) q[i] = Math.round(w[i] / scale);
  return { q, scale };
}

export class FusedScorer {
  private readonly table: Int16Array;
  private readonly scaleS: number;
  private readonly scaleI: number;
  /** dense block in float (few non-zeros per post), row-major like the table */
  private readonly dense: Float64Array;
  private readonly biasS: Float64Array;
  private readonly biasI: Float64Array;
  private readonly acc = new Float64Array(2 * STRIDE);

  constructor(sentiment: LogReg, intent: LogReg, hashBits: number) {
    const { it, out } = FusedScorer.steps(sentiment, intent, hashBits);
    for (let r = it.next(); !r.done; r = it.next());
    const built = out.built!;
    this.table = built.table;
    this.scaleS = built.scaleS;
    this.scaleI = built.scaleI;
    this.dense = built.dense;
    this.biasS = built.biasS;
    this.biasI = built.biasI;
  }

  /**
   * The same scorer built in slices that each take a few milliseconds, yielding to the event
   * loop in between: a model swapped in on a serving instance must not stall ingest.
   */
  static async build(sentiment: LogReg, intent: LogReg, hashBits: number): Promise<FusedScorer> {
    const { it, out } = FusedScorer.steps(sentiment, intent, hashBits);
    for (let r = it.next(); !r.done; r = it.next()) await new Promise((ok) => setImmediate(ok));
    return Object.assign(Object.create(FusedScorer.prototype) as FusedScorer, out.built!, {
      acc: new Float64Array(2 * STRIDE),
    });
  }

  private static steps(sentiment: LogReg, intent: LogReg, hashBits: number) {
    if (sentiment.classes.length !== S_CLASSES || intent.classes.length !== I_CLASSES)
      throw new Error('FusedScorer expects 3 sentiment and 6 intent classes');
    const rows = 1 << hashBits;
    if (sentiment.dim !== rows + DENSE_SIZE || intent.dim !== rows + DENSE_SIZE)
      throw new Error('model dimension does not match the feature configuration');
    const out: { built?: Built } = {};
    function* gen(): Generator<void, void, void> {
      const s = sentiment.quantised ?? quantise(sentiment.w, rows, S_CLASSES);
      yield;
      const i = intent.quantised ?? quantise(intent.w, rows, I_CLASSES);
      yield;
      const table = new Int16Array(rows * STRIDE);
      for (let r0 = 0; r0 < rows; r0 += SLICE) {
        const end = Math.min(rows, r0 + SLICE);
        for (let r = r0; r < end; r++) {
          for (let c = 0; c < S_CLASSES; c++) table[r * STRIDE + c] = s.q[r * S_CLASSES + c];
          for (let c = 0; c < I_CLASSES; c++) table[r * STRIDE + S_CLASSES + c] = i.q[r * I_CLASSES + c];
        }
        yield;
      }
      // a model read from disk has only its Int16 weights at hand (LogReg.deserialize)
      const wS = (j: number): number => (sentiment.quantised ? sentiment.quantised.q[j] * sentiment.quantised.scale : sentiment.w[j]); // prettier-ignore
      const wI = (j: number): number => (intent.quantised ? intent.quantised.q[j] * intent.quantised.scale : intent.w[j]); // prettier-ignore
      const dense = new Float64Array(DENSE_SIZE * STRIDE);
      for (let k = 0; k < DENSE_SIZE; k++) {
        for (let c = 0; c < S_CLASSES; c++) dense[k * STRIDE + c] = wS((rows + k) * S_CLASSES + c);
        for (let c = 0; c < I_CLASSES; c++)
          dense[k * STRIDE + S_CLASSES + c] = wI((rows + k) * I_CLASSES + c);
      }
      out.built = {
        table,
        scaleS: s.scale,
        scaleI: i.scale,
        dense,
        biasS: Float64Array.from(sentiment.bias),
        biasI: Float64Array.from(intent.bias),
      };
    }
    return { it: gen(), out };
  }

  /**
   * Why the decided classes won: each feature's weight for the decided class minus its weight for
   * the runner-up, summed per owner (a word, a bigram, an emoji: FeatureWalk.owner) into byOwnerS/I
   * and per dense feature into denseS/I. A positive sum pushed toward the decision.
   */
  explain(
    f: FeatureWalk,
    sent: { won: number; alt: number },
    intent: { won: number; alt: number },
    byOwnerS: Float64Array,
    byOwnerI: Float64Array,
    denseS: Float64Array,
    denseI: Float64Array,
  ): void {
    const T = this.table;
    const { idx, owner } = f;
    const sw = sent.won;
    const sa = sent.alt;
    const iw = S_CLASSES + intent.won;
    const ia = S_CLASSES + intent.alt;
    const wv = f.nWord > 0 ? Math.fround(1 / Math.sqrt(f.nWord)) : 0;
    const cv = f.nChar > 0 ? Math.fround(1 / Math.sqrt(f.nChar)) : 0;
    // word features share one value and character features another: one multiplier per group
    let ks = wv * this.scaleS;
    let ki = wv * this.scaleI;
    const n = f.nWord + f.nChar;
    for (let j = 0; j < n; j++) {
      if (j === f.nWord) {
        ks = cv * this.scaleS;
        ki = cv * this.scaleI;
      }
      const o = idx[j] * STRIDE;
      const w = owner[j];
      byOwnerS[w] += (T[o + sw] - T[o + sa]) * ks;
      byOwnerI[w] += (T[o + iw] - T[o + ia]) * ki;
    }
    const D = this.dense;
    for (let k = 0; k < DENSE_SIZE; k++) {
      const v = f.dense[k];
      if (v === 0) continue;
      const o = k * STRIDE;
      denseS[k] = (D[o + sw] - D[o + sa]) * v;
      denseI[k] = (D[o + iw] - D[o + ia]) * v;
    }
  }

  /** Sentiment logits into outS (3), intent logits into outI (6). */
  score(f: FeatureWalk, outS: Float64Array, outI: Float64Array): void {
    const T = this.table;
    const acc = this.acc.fill(0);
    const idx = f.idx;
    // word group into acc[0..9), character group into acc[9..18)
    let g = 0;
    let end = f.nWord;
    for (let j = 0; j < f.nWord + f.nChar; j++) {
      if (j === end) {
        g = STRIDE;
        end = f.nWord + f.nChar;
      }
      const o = idx[j] * STRIDE;
      acc[g] += T[o];
      acc[g + 1] += T[o + 1];
      acc[g + 2] += T[o + 2];
      acc[g + 3] += T[o + 3];
      acc[g + 4] += T[o + 4];
      acc[g + 5] += T[o + 5];
      acc[g + 6] += T[o + 6];
      acc[g + 7] += T[o + 7];
      acc[g + 8] += T[o + 8];
    }
    // same value rounding as the training vectors (Float32)
    const wv = f.nWord > 0 ? Math.fround(1 / Math.sqrt(f.nWord)) : 0;
    const cv = f.nChar > 0 ? Math.fround(1 / Math.sqrt(f.nChar)) : 0;
    for (let c = 0; c < S_CLASSES; c++)
      outS[c] = this.biasS[c] + this.scaleS * (wv * acc[c] + cv * acc[STRIDE + c]);
    for (let c = 0; c < I_CLASSES; c++)
      outI[c] = this.biasI[c] + this.scaleI * (wv * acc[S_CLASSES + c] + cv * acc[STRIDE + S_CLASSES + c]);
    const D = this.dense;
    const dense = f.dense;
    for (let k = 0; k < DENSE_SIZE; k++) {
      const v = dense[k];
      if (v === 0) continue;
      const o = k * STRIDE;
      for (let c = 0; c < S_CLASSES; c++) outS[c] += D[o + c] * v;
      for (let c = 0; c < I_CLASSES; c++) outI[c] += D[o + S_CLASSES + c] * v;
    }
  }
}
