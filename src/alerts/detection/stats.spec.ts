import { lnGamma, median, sampleVariance, upperTail } from './stats';

describe('count statistics', () => {
  it('lnGamma matches factorials and Γ(½)', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 10);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(lnGamma(21)).toBeCloseTo(Math.log(2432902008176640000), 8);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
  });

  it('Poisson upper tail when variance = mean', () => {
    // P(X ≥ 5 | λ = 1) = 1 − e⁻¹(1 + 1 + 1/2 + 1/6 + 1/24)
    const exact = 1 - Math.exp(-1) * (1 + 1 + 0.5 + 1 / 6 + 1 / 24);
    expect(upperTail(5, 1, 1)).toBeCloseTo(exact, 12);
    expect(upperTail(0, 3, 3)).toBe(1);
    // far tail keeps its precision: P(X ≥ 30 | 5) ≈ 6.2e-13 (dominated by the first term)
    const first = Math.exp(-5 + 30 * Math.log(5) - lnGamma(31));
    expect(upperTail(30, 5, 5)).toBeGreaterThan(first);
    expect(upperTail(30, 5, 5)).toBeLessThan(first * 1.3);
  });

  it('negative binomial: heavier tail than Poisson for the same mean, and sums to 1', () => {
    expect(upperTail(25, 10, 20)).toBeGreaterThan(upperTail(25, 10, 10) * 10);
    // P(X ≥ 1) = 1 − P(0) = 1 − p^r
    const [m, v] = [4, 8];
    const r = (m * m) / (v - m);
    expect(upperTail(1, m, v)).toBeCloseTo(1 - (m / v) ** r, 10);
  });

  it('is monotone in x', () => {
    let last = 1;
    for (let x = 0; x < 60; x++) {
      const p = upperTail(x, 12, 30);
      expect(p).toBeLessThanOrEqual(last);
      last = p;
    }
  });

  it('median and sample variance', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(sampleVariance([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(32 / 7, 12);
  });
});
