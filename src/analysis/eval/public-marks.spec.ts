import { publicMarks } from './public-marks';

describe('publicMarks', () => {
  it('compares each figure with its baseline + 0.05, in thousandths', () => {
    const rows = publicMarks({
      ru_sentirueval2016_telecom: { accuracy: 0.6682, macroF1: 0.5623 },
      en_uci_amazon_yelp: { accuracy: 0.909, macroF1: 0.8506 },
    });
    expect(rows).toEqual([
      { corpus: 'ru_sentirueval2016_telecom', metric: 'accuracy', baseline: 0.632, mark: 0.682, now: 0.6682, met: false },
      { corpus: 'ru_sentirueval2016_telecom', metric: 'macroF1', baseline: 0.514, mark: 0.564, now: 0.5623, met: false },
      { corpus: 'en_uci_amazon_yelp', metric: 'accuracy', baseline: 0.859, mark: 0.909, now: 0.909, met: true },
      { corpus: 'en_uci_amazon_yelp', metric: 'macroF1', baseline: 0.572, mark: 0.622, now: 0.8506, met: true },
    ]); // prettier-ignore
  });

  it('leaves out corpora the issue gave no baseline for', () => {
    expect(publicMarks({ en_complaints_twitter: { accuracy: 0.7, macroF1: 0.66 } })).toEqual([]);
  });
});
