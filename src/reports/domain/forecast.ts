/**
 * Load forecast: items needing an answer per hour of a coming week, from the hour-of-week profile
 * of past weeks and the trend of their weekly totals. Plain TypeScript.
 *
 * - weekly totals T[0..W-1] get a least-squares line; the target week's total is the line
 *   `ahead` weeks after the last one (never below 0, never above twice the busiest week);
 * - the profile is each hour-of-week's share of all W weeks (pooled, so a quiet hour with a
 *   burst in one week does not dominate);
 * - expected[h] = total × share[h].
 * The backtest holds out the last week, forecasts it from the weeks before, and reports MAPE over
 * the hours that had items (and WAPE, which small hours cannot blow up).
 */
import { DateTime } from 'luxon';
import { wallClock } from './zone-offsets';

export const HOURS_PER_WEEK = 168;

export interface WeekForecast {
  expected: number[];
  /** the forecast week's total and the trend of weekly totals (items per week, per week) */
  total: number;
  trendPerWeek: number;
  weeksUsed: number;
}

export function forecastWeek(history: readonly number[][], ahead = 1): WeekForecast {
  const w = history.length;
  if (w === 0)
    return { expected: new Array(HOURS_PER_WEEK).fill(0), total: 0, trendPerWeek: 0, weeksUsed: 0 };
  const totals = history.map(sum);
  const all = sum(totals);
  const { slope, intercept } = w >= 3 ? linearFit(totals) : { slope: 0, intercept: all / w };
  const projected = intercept + slope * (w - 1 + ahead);
  const total = Math.min(Math.max(projected, 0), 2 * Math.max(...totals));
  const expected = new Array<number>(HOURS_PER_WEEK).fill(0);
  if (all > 0)
    for (let h = 0; h < HOURS_PER_WEEK; h++) {
      let s = 0;
      for (const week of history) s += week[h] ?? 0;
      expected[h] = round((total * s) / all);
    }
  return { expected, total: round(total), trendPerWeek: round(slope), weeksUsed: w };
}

export interface Backtest {
  /** mean absolute percentage error over hours with at least one item (0.12 = 12 %) */
  mape: number | null;
  /** weighted: Σ|forecast − actual| / Σ actual */
  wape: number | null;
  hours: number;
  actualTotal: number;
  forecastTotal: number;
}

/** Forecasts the last week of `history` from the weeks before it (at least 2 of them). */
export function backtest(history: readonly number[][]): Backtest | null {
  if (history.length < 3) return null;
  const actual = history[history.length - 1];
  const f = forecastWeek(history.slice(0, -1), 1).expected;
  let ape = 0;
  let hours = 0;
  let absErr = 0;
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    const a = actual[h] ?? 0;
    absErr += Math.abs(f[h] - a);
    if (a > 0) {
      ape += Math.abs(f[h] - a) / a;
      hours++;
    }
  }
  const actualTotal = sum(actual);
  return {
    mape: hours ? round(ape / hours) : null,
    wape: actualTotal ? round(absErr / actualTotal) : null,
    hours,
    actualTotal,
    forecastTotal: round(sum(f)),
  };
}

/** The local hour of the week (Monday 00:00 = 0) of an instant. */
export function hourOfWeek(t: Date | number, zone: string): number {
  // the wall clock from the cached offsets (luxon per hour was most of the forecast's time)
  const d = new Date(wallClock(zone, typeof t === 'number' ? t : t.getTime()));
  return ((d.getUTCDay() + 6) % 7) * 24 + d.getUTCHours();
}

/**
 * Hourly counts → one 168-slot array per local week, oldest first. `weekStarts` are local Monday
 * midnights (ms). Across a DST change a local hour that happens twice sums both, one that is
 * skipped stays 0.
 */
export function toWeeks(
  points: readonly { t: number; n: number }[],
  weekStarts: readonly number[],
  zone: string,
): number[][] {
  const weeks = weekStarts.map(() => new Array<number>(HOURS_PER_WEEK).fill(0));
  const ends = weekStarts.map((w) => DateTime.fromMillis(w, { zone }).plus({ weeks: 1 }).toMillis());
  for (const p of points) {
    let i = weekStarts.length - 1;
    while (i >= 0 && weekStarts[i] > p.t) i--;
    if (i < 0) continue;
    if (p.t >= ends[i]) continue;
    weeks[i][hourOfWeek(p.t, zone)] += p.n;
  }
  return weeks;
}

function linearFit(y: readonly number[]): { slope: number; intercept: number } {
  const n = y.length;
  const mx = (n - 1) / 2;
  const my = sum(y) / n;
  let num = 0;
  let den = 0;
  for (let x = 0; x < n; x++) {
    num += (x - mx) * (y[x] - my);
    den += (x - mx) ** 2;
  }
  const slope = den === 0 ? 0 : num / den;
  return { slope, intercept: my - slope * mx };
}

function sum(a: readonly number[]): number {
  let s = 0;
  for (const v of a) s += v ?? 0;
  return s;
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
