/**
 * Count statistics for the detectors (plain TypeScript): the negative-binomial upper tail for
 * "how surprising is this many negatives when we expected μ with variance v", with Poisson as the
 * limit when there is no overdispersion.
 */

/** ln Γ(x) for x > 0 (Lanczos, g = 7; ~15 significant digits). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * P(X ≥ x) for a count with mean `mean` and variance `variance`: negative binomial when
 * variance > mean (r = μ²/(v−μ), p = μ/v), else Poisson. Summed upward from x, so tiny tails keep
 * their precision.
 */
export function upperTail(x: number, mean: number, variance: number): number {
  if (x <= 0) return 1;
  if (!(mean > 0)) return 0;
  const k0 = Math.ceil(x);
  const nb = variance > mean * (1 + 1e-9);
  let logPmf: number;
  let step: (k: number) => number; // pmf(k+1) / pmf(k)
  if (nb) {
    const r = (mean * mean) / (variance - mean);
    const p = mean / variance;
    logPmf = lnGamma(k0 + r) - lnGamma(r) - lnGamma(k0 + 1) + r * Math.log(p) + k0 * Math.log1p(-p);
    step = (k) => ((k + r) / (k + 1)) * (1 - p);
  } else {
    logPmf = -mean + k0 * Math.log(mean) - lnGamma(k0 + 1);
    step = (k) => mean / (k + 1);
  }
  let term = Math.exp(logPmf);
  if (term === 0 && k0 > mean) return 0;
  let sum = 0;
  const limit = k0 + 100_000;
  for (let k = k0; k < limit; k++) {
    sum += term;
    term *= step(k);
    // Past the mode the terms only shrink (geometrically): stop when they stop counting.
    if (k > mean && term < sum * 1e-12) break;
  }
  return Math.min(1, sum);
}

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample variance (n − 1); 0 for fewer than two values. */
export function sampleVariance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return s / (xs.length - 1);
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
