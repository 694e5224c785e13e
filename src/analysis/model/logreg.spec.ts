import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Analyzer } from '../analyzer';
import { trainBundle } from '../training/trainer';
import { bundleToJson, readBundle, writeBundle } from './bundle';
import { LogReg } from './logreg';

describe('LogReg', () => {
  // three classes, each owning one feature: separable
  const xs = [0, 1, 2].flatMap((c) => Array.from({ length: 20 }, () => ({ idx: [c, 3], val: [1, 1] })));
  const ys = [0, 1, 2].flatMap((c) => new Array<number>(20).fill(c));

  it('learns a tiny separable set', () => {
    const m = LogReg.train(['a', 'b', 'c'], 4, xs, ys, { epochs: 10, learningRate: 0.5, l2: 0, seed: 1 });
    for (let c = 0; c < 3; c++) {
      const p = m.predictProba({ idx: [c, 3], val: [1, 1] });
      expect(p.indexOf(Math.max(...p))).toBe(c);
      expect(p[c]).toBeGreaterThan(0.8);
    }
  });

  describe('warm start from a prior', () => {
    const opts = { epochs: 10, learningRate: 0.5, seed: 1 };
    // the prior knows feature 0 → a, 1 → b, 2 → c; the new data never has feature 0 and swaps b and c
    const prior = LogReg.train(['a', 'b', 'c'], 4, xs, ys, { ...opts, l2: 0 });
    const newXs = [1, 2].flatMap((f) => Array.from({ length: 20 }, () => ({ idx: [f, 3], val: [1, 1] })));
    const newYs = [2, 1].flatMap((c) => new Array<number>(20).fill(c));

    it('keeps the weights of features the new data never has, and learns what it says', () => {
      const m = LogReg.train(['a', 'b', 'c'], 4, newXs, newYs, { ...opts, l2: 0.1, prior });
      expect(Array.from(m.w.slice(0, 3))).toEqual(Array.from(prior.w.slice(0, 3))); // feature 0's row
      const top = (x: number): number => {
        const p = m.predictProba({ idx: [x, 3], val: [1, 1] });
        return p.indexOf(Math.max(...p));
      };
      expect([top(0), top(1), top(2)]).toEqual([0, 2, 1]);
      // a cold start on the same data has forgotten class a
      const cold = LogReg.train(['a', 'b', 'c'], 4, newXs, newYs, { ...opts, l2: 0.1 });
      const p = cold.predictProba({ idx: [0, 3], val: [1, 1] });
      expect(p.indexOf(Math.max(...p))).not.toBe(0);
    });

    it('pulls towards the prior, not towards zero: a strong L2 keeps the prior where the data disagrees', () => {
      const drift = (l2: number): number => {
        const m = LogReg.train(['a', 'b', 'c'], 4, newXs, newYs, { ...opts, l2, prior });
        let d = 0;
        for (let k = 0; k < m.w.length; k++) d += Math.abs(m.w[k] - prior.w[k]);
        return d;
      };
      expect(drift(10)).toBeLessThan(drift(0.1) / 4);
      expect(drift(0.1)).toBeLessThan(drift(0));
    });

    it('refuses a prior of another shape', () => {
      expect(() => LogReg.train(['a', 'b'], 4, [], [], { ...opts, l2: 0, prior })).toThrow(/prior/);
    });
  });

  it('survives int16 serialisation with nearly the same probabilities', () => {
    const m = LogReg.train(['a', 'b', 'c'], 4, xs, ys, { epochs: 5, learningRate: 0.5, l2: 0, seed: 1 });
    const back = LogReg.deserialize(JSON.parse(JSON.stringify(m.serialize())));
    const x = { idx: [1, 3], val: [1, 1] };
    const a = m.predictProba(x);
    const b = back.predictProba(x);
    for (let c = 0; c < 3; c++) expect(b[c]).toBeCloseTo(a[c], 3);
  });
});

describe('model bundle', () => {
  it('saves and loads a trained bundle; the analyzer reports its version', () => {
    const posts = [
      { id: '1', text: 'Ужасно, третий день нет связи', sentiment: 'negative', intent: 'complaint' },
      { id: '2', text: 'Сколько стоит тариф?', sentiment: 'neutral', intent: 'sales_question' },
      { id: '3', text: 'Спасибо, всё супер!', sentiment: 'positive', intent: 'praise' },
    ] as const;
    const bundle = trainBundle({ posts: posts.map((p) => ({ ...p })), epochs: 3, version: 'test-v1' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-model-'));
    writeBundle(path.join(dir, 'active.json'), bundleToJson(bundle, { rows: 3, sources: {} }));
    const loaded = readBundle(path.join(dir, 'active.json'));
    expect(loaded.version).toBe('test-v1');
    const a = Analyzer.load(dir).analyze({ text: 'Сколько стоит тариф?' });
    const b = new Analyzer(bundle).analyze({ text: 'Сколько стоит тариф?' });
    expect(a.modelVersion).toBe('test-v1');
    expect(a.intent.label).toBe(b.intent.label);
    expect(a.sentiment.score).toBeCloseTo(b.sentiment.score, 2);
    fs.rmSync(dir, { recursive: true });
  });
});
