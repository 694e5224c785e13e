import { readJsonl } from '../training/dataset';
import { TRAIN_FILE } from '../training/own-data';
import { prepare } from '../text/tokenize';
import { readBundle, defaultModelDir } from './bundle';
import { extractFeatures, walkFeatures } from './features';
import { FusedScorer } from './scorer';
import * as path from 'node:path';

describe('FusedScorer', () => {
  const model = readBundle(path.join(defaultModelDir(), 'active.json'));
  const scorer = new FusedScorer(model.sentiment, model.intent, model.features.hashBits);
  const texts = [
    '',
    '👍',
    'Сколько стоит безлимитный тариф?',
    'Ну спасибо, опять отключили интернет в день экзамена 👍',
    'My order never arrived and support is silent!!!',
    'spasibo, vse prishlo vovremya',
    ...readJsonl(TRAIN_FILE)
      .slice(0, 300)
      .map((p) => p.text),
  ];

  it('gives the same logits as the two LogRegs over the materialised sparse vector', () => {
    const s = new Float64Array(3);
    const i = new Float64Array(6);
    const s2 = new Float64Array(3);
    const i2 = new Float64Array(6);
    let worst = 0;
    for (const text of texts) {
      const p = prepare(text);
      const { x } = extractFeatures(p, { text, platform: 'vk_wall_comment' }, model.features);
      model.sentiment.logits(x, s2);
      model.intent.logits(x, i2);
      scorer.score(walkFeatures(p, { text, platform: 'vk_wall_comment' }, model.features), s, i);
      for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(s[c] - s2[c]));
      for (let c = 0; c < 6; c++) worst = Math.max(worst, Math.abs(i[c] - i2[c]));
    }
    expect(worst).toBeLessThan(1e-4);
  });

  it('refuses a model whose dimension does not fit the hash size', () => {
    expect(() => new FusedScorer(model.sentiment, model.intent, model.features.hashBits - 1)).toThrow(
      /dimension/,
    );
  });

  it('builds the same scorer in slices that yield to the event loop', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const sliced = await FusedScorer.build(model.sentiment, model.intent, model.features.hashBits);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    const a = [new Float64Array(3), new Float64Array(6)] as const;
    const b = [new Float64Array(3), new Float64Array(6)] as const;
    for (const text of texts.slice(0, 50)) {
      const p = prepare(text);
      scorer.score(walkFeatures(p, { text }, model.features), a[0], a[1]);
      sliced.score(walkFeatures(p, { text }, model.features), b[0], b[1]);
      expect([...b[0], ...b[1]]).toEqual([...a[0], ...a[1]]);
    }
  });
});
