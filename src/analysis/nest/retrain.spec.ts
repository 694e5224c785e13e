import { refusal, type SetScore } from './retrain';

const score = (n: number, headline: number): SetScore => ({
  n,
  headline,
  'sentiment.accuracy': headline,
  'intent.macroF1': headline,
  'deadline.accuracy': headline,
  salesMissRate: 0,
  needsResponseMissRate: 0,
});
const sets = (h: [number, number], d: [number, number]) => ({
  holdout: { candidate: score(200, h[0]), reference: score(200, h[1]) },
  devset: { candidate: score(400, d[0]), reference: score(400, d[1]) },
});

describe('retrain promotion rule', () => {
  it('promotes a candidate no worse anywhere', () => {
    expect(refusal(sets([0.9, 0.9], [0.85, 0.84]))).toBeNull();
  });
  it('absorbs a training-noise dip on one set when the whole is better', () => {
    expect(refusal(sets([0.953, 0.956], [0.848, 0.838]))).toBeNull();
  });
  it('refuses a real regression on one set even when the whole is better', () => {
    expect(refusal(sets([0.93, 0.956], [0.9, 0.838]))).toMatch(/^worse on holdout/);
  });
  it('refuses a candidate worse overall', () => {
    expect(refusal(sets([0.95, 0.955], [0.84, 0.845]))).toMatch(/^worse overall/);
  });
});
