/**
 * Multinomial logistic regression over sparse vectors, trained with AdaGrad SGD and L2.
 * Weights are feature-major (w[f * C + c]) so one feature's class weights sit together.
 */
import type { SparseVector } from './features';
import { seededRandom } from '../../common/seeded-random';

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** per-class loss weights (e.g. to favour recall of sales questions) */
  classWeights?: number[];
  /**
   * Warm start: training begins at these weights, and L2 pulls towards them rather than towards
   * zero (`l2 × (w − prior)`), so what the prior learned from data not seen now (features this
   * data never has keep its weights exactly) is kept unless this data says otherwise.
   */
  prior?: { w: Float32Array; bias: Float64Array };
}
export const DEFAULT_TRAIN: TrainOptions = { epochs: 12, learningRate: 0.3, l2: 1e-6, seed: 7 };

export interface SerializedLogReg {
  classes: string[];
  dim: number;
  scale: number;
  /** base64 of Int16 weights (dim × classes), then classes biases as float */
  weights: string;
  bias: number[];
}

/** Seeded, so training is reproducible. */
export const mulberry32 = seededRandom;

export class LogReg {
  readonly w: Float32Array;
  readonly bias: Float64Array;
  /** the Int16 weights and scale a model was read with (deserialize), if it was read */
  readonly quantised?: { q: Int16Array; scale: number };

  constructor(
    readonly classes: string[],
    readonly dim: number,
    w?: Float32Array,
    bias?: Float64Array,
  ) {
    this.w = w ?? new Float32Array(dim * classes.length);
    this.bias = bias ?? new Float64Array(classes.length);
  }

  /** Raw class scores (logits) into out. */
  logits(x: SparseVector, out: Float64Array): Float64Array {
    const C = this.classes.length;
    for (let c = 0; c < C; c++) out[c] = this.bias[c];
    const { idx, val } = x;
    for (let j = 0; j < idx.length; j++) {
      const off = idx[j] * C;
      const v = val[j];
      for (let c = 0; c < C; c++) out[c] += this.w[off + c] * v;
    }
    return out;
  }

  /** Softmax probabilities. */
  predictProba(x: SparseVector, out = new Float64Array(this.classes.length)): Float64Array {
    this.logits(x, out);
    softmaxInPlace(out);
    return out;
  }

  static train(
    classes: string[],
    dim: number,
    xs: SparseVector[],
    ys: number[],
    opts: TrainOptions = DEFAULT_TRAIN,
  ): LogReg {
    const C = classes.length;
    const prior = opts.prior;
    if (prior && (prior.w.length !== dim * C || prior.bias.length !== C))
      throw new Error('prior weights do not match dim × classes');
    const model = prior
      ? new LogReg(classes, dim, Float32Array.from(prior.w), Float64Array.from(prior.bias))
      : new LogReg(classes, dim);
    const w0 = prior?.w;
    const g2 = new Float32Array(dim * C).fill(1e-2);
    const bg2 = new Float64Array(C).fill(1e-2);
    const rand = mulberry32(opts.seed);
    const order = xs.map((_, i) => i);
    const p = new Float64Array(C);
    const cw = opts.classWeights ?? new Array<number>(C).fill(1);
    // the shipped weights are the mean over the second half of the epochs (less SGD-order noise)
    const avgFrom = Math.floor(opts.epochs / 2);
    const sumW = new Float64Array(dim * C);
    const sumB = new Float64Array(C);
    let taken = 0;
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (const i of order) {
        const x = xs[i];
        model.predictProba(x, p);
        const weight = cw[ys[i]];
        for (let c = 0; c < C; c++) {
          const grad = (p[c] - (c === ys[i] ? 1 : 0)) * weight;
          bg2[c] += grad * grad;
          model.bias[c] -= (opts.learningRate * grad) / Math.sqrt(bg2[c]);
          if (grad === 0) continue;
          for (let j = 0; j < x.idx.length; j++) {
            const k = x.idx[j] * C + c;
            const gk = grad * x.val[j] + opts.l2 * (w0 ? model.w[k] - w0[k] : model.w[k]);
            g2[k] += gk * gk;
            model.w[k] -= (opts.learningRate * gk) / Math.sqrt(g2[k]);
          }
        }
      }
      if (epoch >= avgFrom) {
        for (let k = 0; k < sumW.length; k++) sumW[k] += model.w[k];
        for (let c = 0; c < C; c++) sumB[c] += model.bias[c];
        taken++;
      }
    }
    if (taken > 1) {
      for (let k = 0; k < sumW.length; k++) model.w[k] = sumW[k] / taken;
      for (let c = 0; c < C; c++) model.bias[c] = sumB[c] / taken;
    }
    return model;
  }

  /** Int16-quantised, base64: keeps a 65k × 9 model around a megabyte of JSON. */
  serialize(): SerializedLogReg {
    let max = 0;
    for (let i = 0; i < this.w.length; i++) max = Math.max(max, Math.abs(this.w[i]));
    const scale = max > 0 ? max / 32767 : 1;
    const q = new Int16Array(this.w.length);
    for (let i = 0; i < this.w.length; i++) q[i] = Math.round(this.w[i] / scale);
    return {
      classes: this.classes,
      dim: this.dim,
      scale,
      weights: Buffer.from(q.buffer, q.byteOffset, q.byteLength).toString('base64'),
      bias: Array.from(this.bias),
    };
  }

  /**
   * A model read from disk. The Int16 weights are kept as read (`quantised`: the scorer needs
   * nothing else), and the float weights are made only when asked for (training, explanations of
   * dense features read a few), so loading a model on a serving instance is a base64 decode.
   */
  static deserialize(s: SerializedLogReg): LogReg {
    const buf = Buffer.from(s.weights, 'base64');
    const q = new Int16Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    if (q.length !== s.dim * s.classes.length) throw new Error('model weights do not match dim × classes');
    const m = Object.create(LogReg.prototype) as LogReg;
    let w: Float32Array | undefined;
    Object.defineProperties(m, {
      classes: { value: s.classes, enumerable: true },
      dim: { value: s.dim, enumerable: true },
      bias: { value: Float64Array.from(s.bias), enumerable: true },
      quantised: { value: { q, scale: s.scale }, enumerable: true },
      w: {
        enumerable: true,
        get: () => {
          if (!w) {
            w = new Float32Array(q.length);
            for (let i = 0; i < q.length; i++) w[i] = q[i] * s.scale;
          }
          return w;
        },
      },
    });
    return m;
  }
}

export function softmaxInPlace(z: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) if (z[c] > max) max = z[c];
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp(z[c] - max);
    sum += z[c];
  }
  for (let c = 0; c < z.length; c++) z[c] /= sum;
}
