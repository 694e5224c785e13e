import type { Analysis, LabeledPost, SentimentLabel } from '../analysis.types';
import { calibrateNeutralBias } from './experiments';
import { shippedModel } from './own-data';
import { trainBundle } from './trainer';

/** A held-out prediction whose sentiment label follows a rule of the shift tried. */
function pred(label: SentimentLabel, language: Analysis['language']): Analysis {
  return {
    language,
    sentiment: { label, score: label === 'positive' ? 0.5 : label === 'negative' ? -0.5 : 0, confidence: 1, headLabel: label },
    intent: { label: 'other', confidence: 1, probs: [0, 0, 0, 0, 0, 1] },
    why: { sentiment: [], intent: [] },
    modelVersion: 't',
  }; // prettier-ignore
}

describe('calibrateNeutralBias', () => {
  // Russian: weakly negative posts that are really neutral turn neutral from a shift of 1 on;
  // English: every shift above 0 turns true negatives neutral, so no shift is the best.
  const dev: LabeledPost[] = [
    { id: '1', text: 'Банк поменял условия', sentiment: 'neutral', intent: 'other' },
    { id: '2', text: 'Всё сломалось опять', sentiment: 'negative', intent: 'complaint' },
    { id: '3', text: 'The app crashed again', sentiment: 'negative', intent: 'complaint' },
  ];
  const pub = [
    { text: 'Сегодня в городе открыли новый парк', sentiment: 'neutral' as const, corpus: 'ru_c' },
  ];
  const heldOut = (bias: { ru?: number; en?: number }): { dev: Analysis[]; pub: Analysis[] } => ({
    dev: [
      pred((bias.ru ?? 0) >= 1 ? 'neutral' : 'negative', 'ru'),
      pred((bias.ru ?? 0) >= 3 ? 'neutral' : 'negative', 'ru'),
      pred((bias.en ?? 0) > 0 ? 'neutral' : 'negative', 'en'),
    ],
    pub: [pred((bias.ru ?? 0) >= 1 ? 'neutral' : 'negative', 'ru')],
  });

  it('picks per language the smallest shift with the best held-out accuracy', () => {
    expect(calibrateNeutralBias(dev, pub, heldOut, [-1, 0, 0.5, 1, 2, 3])).toEqual({ ru: 1, en: 0 });
  });
});

describe('the neutral calibration in a warm-start retrain', () => {
  it("keeps the shipped model's calibration unless it is given another", () => {
    const prior = { ...shippedModel(), neutralBias: { ru: 0.75, en: -0.25 } };
    const posts: LabeledPost[] = [
      { id: 'a', text: 'Спасибо, всё пришло вовремя', sentiment: 'positive', intent: 'praise' },
      { id: 'b', text: 'Где мой заказ?', sentiment: 'neutral', intent: 'support_question' },
    ];
    expect(trainBundle({ posts, prior, epochs: 1 }).neutralBias).toEqual({ ru: 0.75, en: -0.25 });
    expect(trainBundle({ posts, prior, epochs: 1, neutralBias: { ru: 0 } }).neutralBias).toEqual({ ru: 0 });
  });
});
