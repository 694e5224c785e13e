import { compare, netSentiment, shareNegative } from './measures';

describe('sentiment measures', () => {
  const c = (negative: number, neutral: number, positive: number) => ({
    items: negative + neutral + positive + 1, // one item without a sentiment does not count
    negative,
    neutral,
    positive,
    needsResponse: 0,
  });

  it('net sentiment and share negative over the items that have a sentiment', () => {
    expect(netSentiment(c(3, 5, 2))).toBe(-0.1);
    expect(shareNegative(c(3, 5, 2))).toBe(0.3);
    expect(netSentiment(c(0, 0, 4))).toBe(1);
    expect(netSentiment(c(0, 0, 0))).toBeNull();
    expect(shareNegative(c(0, 0, 0))).toBeNull();
  });

  it('compares with the previous period; no ratio from zero', () => {
    expect(compare(15, 10)).toEqual({ current: 15, previous: 10, change: 5, changeRatio: 0.5 });
    expect(compare(-0.2, -0.1)).toEqual({ current: -0.2, previous: -0.1, change: -0.1, changeRatio: -1 });
    expect(compare(3, 0)).toEqual({ current: 3, previous: 0, change: 3, changeRatio: null });
    expect(compare(null, 0.5)).toEqual({ current: null, previous: 0.5, change: null, changeRatio: null });
  });
});
