import { DateTime } from 'luxon';
import { seededRandom } from '../../common/seeded-random';
import { backtest, forecastWeek, HOURS_PER_WEEK, hourOfWeek, toWeeks } from './forecast';

/** A care-like week: quiet nights, busy weekday afternoons, calmer weekends. */
function profile(): number[] {
  return Array.from({ length: HOURS_PER_WEEK }, (_, h) => {
    const day = Math.floor(h / 24);
    const hour = h % 24;
    const daily = hour < 7 ? 0.15 : hour < 10 ? 0.7 : hour < 19 ? 1 : 0.5;
    return daily * (day >= 5 ? 0.6 : 1);
  });
}

/** Poisson counts by Knuth's method (means here are small enough). */
function poisson(mean: number, rnd: () => number): number {
  if (mean <= 0) return 0;
  if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss(rnd)));
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rnd();
  } while (p > l);
  return k - 1;
}
function gauss(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(rnd() || 1e-12)) * Math.cos(2 * Math.PI * rnd());
}

function series(weeks: number, base: number, growth: number, noise: boolean, seed = 13): number[][] {
  const p = profile();
  const rnd = seededRandom(seed);
  return Array.from({ length: weeks }, (_, w) =>
    p.map((s) => {
      const mean = base * s * (1 + growth * w);
      return noise ? poisson(mean, rnd) : mean;
    }),
  );
}

describe('load forecast', () => {
  it('recovers a noiseless seasonal pattern with a linear trend exactly', () => {
    const history = series(8, 20, 0.05, false);
    const next = series(9, 20, 0.05, false)[8];
    const f = forecastWeek(history);
    for (let h = 0; h < HOURS_PER_WEEK; h++) expect(f.expected[h]).toBeCloseTo(next[h], 2);
    expect(f.trendPerWeek).toBeGreaterThan(0);
    expect(backtest(series(9, 20, 0.05, false))!.mape).toBeCloseTo(0, 3);
  });

  it('forecasts a held-out week of noisy traffic nearly as well as the true rates; prints MAPE', () => {
    const report = (peak: number) => {
      const history = series(9, peak, 0.03, true, 7);
      const b = backtest(history)!;
      // the oracle knows the true hourly means of the held-out week: its error is Poisson noise alone
      const truth = series(9, peak, 0.03, false)[8];
      const actual = history[8];
      const hours = actual.map((a, h) => [a, truth[h]]).filter(([a]) => a > 0);
      const oracle = hours.reduce((s, [a, m]) => s + Math.abs(m - a) / a, 0) / hours.length;
      return { ...b, oracle };
    };
    const busy = report(40);
    const quiet = report(4);
    const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
    console.log(
      `forecast backtest on synthetic Poisson traffic (8 weeks → the held-out 9th): ` +
        `peak ~40/h: MAPE ${pct(busy.mape!)} (true rates: ${pct(busy.oracle)}), WAPE ${pct(busy.wape!)}; ` +
        `peak ~4/h: MAPE ${pct(quiet.mape!)} (true rates: ${pct(quiet.oracle)}), WAPE ${pct(quiet.wape!)}`,
    );
    expect(busy.mape!).toBeLessThan(busy.oracle * 1.25 + 0.02);
    expect(quiet.mape!).toBeLessThan(quiet.oracle * 1.25 + 0.02);
    expect(busy.wape!).toBeLessThan(0.2);
    expect(Math.abs(busy.forecastTotal - busy.actualTotal) / busy.actualTotal).toBeLessThan(0.05);
  });

  it('handles no history, a flat history and too little for a backtest', () => {
    expect(forecastWeek([]).expected.every((v) => v === 0)).toBe(true);
    const flat = forecastWeek(series(2, 10, 0, false));
    expect(flat.trendPerWeek).toBe(0);
    expect(backtest(series(2, 10, 0, false))).toBeNull();
    // a falling series never forecasts below zero
    const falling = series(4, 10, -0.3, false);
    expect(forecastWeek(falling, 4).total).toBe(0);
  });

  it('maps hours onto local weeks (Monday 00:00 first); a DST night sums or skips an hour', () => {
    const z = 'Europe/Berlin';
    expect(hourOfWeek(DateTime.fromISO('2025-03-24T00:30', { zone: z }).toJSDate(), z)).toBe(0);
    expect(hourOfWeek(DateTime.fromISO('2025-03-30T23:00', { zone: z }).toJSDate(), z)).toBe(167);
    const monday = DateTime.fromISO('2025-10-20T00:00', { zone: z });
    const weekStarts = [monday.toMillis(), monday.plus({ weeks: 1 }).toMillis()];
    // 26 October 2025: 02:00–03:00 happens twice in Berlin
    const t1 = Date.parse('2025-10-26T00:00:00Z'); // 02:00 CEST
    const t2 = Date.parse('2025-10-26T01:00:00Z'); // 02:00 CET
    const weeks = toWeeks(
      [
        { t: t1, n: 3 },
        { t: t2, n: 4 },
        { t: weekStarts[1], n: 5 },
        { t: monday.minus({ hours: 1 }).toMillis(), n: 9 }, // before the first week: ignored
      ],
      weekStarts,
      z,
    );
    expect(weeks[0][6 * 24 + 2]).toBe(7);
    expect(weeks[1][0]).toBe(5);
    expect(weeks.flat().reduce((a, b) => a + b, 0)).toBe(12);
  });
});
