import type { LabeledPost } from '../analysis.types';
import { DEFAULT_FEATURES, DENSE_FEATURE_NAMES, SENTIMENT_ONLY_DENSE } from '../model/features';
import { trainBundle } from './trainer';

describe('sentiment-only dense features ("…, but" contrast)', () => {
  // every post has a contrast: the sentiment classifier learns from it, the intent one never sees it
  const posts: LabeledPost[] = [
    { id: '1', text: 'Спасибо, но деньги так и не вернули', sentiment: 'negative', intent: 'complaint' },
    { id: '2', text: 'Долго ждал, но всё починили, отлично', sentiment: 'positive', intent: 'praise' },
    { id: '3', text: 'Great app but it crashes every day', sentiment: 'negative', intent: 'complaint' },
    { id: '4', text: 'Slow at first but support was great', sentiment: 'positive', intent: 'praise' },
  ];
  const model = trainBundle({ posts, features: DEFAULT_FEATURES, epochs: 4 });
  const base = 1 << DEFAULT_FEATURES.hashBits;
  const weights = (m: typeof model.sentiment, k: number): number[] => {
    const C = m.classes.length;
    return Array.from(m.w.subarray((base + k) * C, (base + k + 1) * C));
  };

  it('names the three contrast features', () => {
    expect(SENTIMENT_ONLY_DENSE.map((k) => DENSE_FEATURE_NAMES[k])).toEqual([
      'contrast_pos_then_neg',
      'contrast_neg_then_pos',
      'contrast_after_balance',
    ]);
  });
  it('trains them in the sentiment classifier and leaves them at zero in the intent classifier', () => {
    for (const k of SENTIMENT_ONLY_DENSE) expect(weights(model.intent, k).every((v) => v === 0)).toBe(true);
    const learned = SENTIMENT_ONLY_DENSE.filter((k) => weights(model.sentiment, k).some((v) => v !== 0));
    expect(learned.length).toBeGreaterThanOrEqual(2);
    // a problem after "but" pushes towards negative
    const [neg, , pos] = weights(model.sentiment, SENTIMENT_ONLY_DENSE[0]);
    expect(neg).toBeGreaterThan(pos);
  });
});
