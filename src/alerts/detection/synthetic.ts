/**
 * Synthetic traffic and a replay of the spike detector over it (plain TypeScript), for the unit
 * tests and `bench/alerts-detector.bench.ts`: ordinary weeks with a daily and a weekly cycle and
 * noise (Poisson counts around a rate that also wobbles day to day and hour to hour), spikes laid
 * on top, and the detector run every few minutes exactly as the service runs it.
 */
import { DateTime } from 'luxon';
import { seededRandom } from '../../common/seeded-random';
import { WindowCount } from './baseline';
import { MemoryEpisodeBook } from './episodes';
import { planSpikes, readScopes, ScopeReading, SourceSeries, SpikeParams, spikeWindows } from './spike';

const MINUTE = 60_000;

export interface TrafficShape {
  /** inbound items per hour at a weekday's busiest hour */
  peakPerHour: number;
  negativeShare: number;
  /** share of a weekday's traffic on Saturday and Sunday */
  weekendFactor: number;
  /** log-normal sigma of the whole day's level (busy and quiet days) */
  dayNoise: number;
  /** log-normal sigma of each hour's level */
  hourNoise: number;
}

export const ORDINARY_TRAFFIC: TrafficShape = {
  peakPerHour: 120,
  negativeShare: 0.25,
  weekendFactor: 0.6,
  dayNoise: 0.12,
  hourNoise: 0.12,
};

/** Share of the peak by hour of day (local time): quiet nights, a lunch dip, a busy evening. */
export const HOUR_OF_DAY = [
  0.12, 0.08, 0.06, 0.05, 0.05, 0.08, 0.15, 0.3, 0.5, 0.7, 0.8, 0.85, 0.8, 0.78, 0.82, 0.85, 0.88, 0.9, 0.95,
  1.0, 0.95, 0.75, 0.45, 0.25,
];

export interface MinuteSeries {
  /** a Monday 00:00 UTC */
  start: Date;
  total: Int32Array;
  negative: Int32Array;
  /** the rate the negatives were drawn from (to size a spike) */
  negativeRate: Float64Array;
}

export function poisson(rand: () => number, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 40) {
    // normal approximation (Box–Muller), plenty for counts this large
    const u = Math.max(rand(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
  }
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  for (;;) {
    p *= rand();
    if (p <= l) return k;
    k++;
  }
}

function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/**
 * `weeks` of ordinary minutes from `start`. The cycle follows the wall clock of `timeZone` (people
 * wake by their local clock, so after a DST change the busy hours move by an hour in UTC).
 */
export function ordinaryTraffic(
  weeks: number,
  shape: TrafficShape = ORDINARY_TRAFFIC,
  seed = 1,
  start = new Date('2030-01-07T00:00:00Z'),
  timeZone = 'UTC',
): MinuteSeries {
  const rand = seededRandom(seed);
  const n = weeks * 7 * 24 * 60;
  const total = new Int32Array(n);
  const negative = new Int32Array(n);
  const negativeRate = new Float64Array(n);
  let dayLevel = 1;
  let hourLevel = 1;
  let hour = 0;
  let day = 0; // 0 = Monday
  for (let m = 0; m < n; m++) {
    if (m % 60 === 0) {
      const local = DateTime.fromMillis(start.getTime() + m * MINUTE, { zone: timeZone });
      const newDay = local.weekday - 1;
      if (m === 0 || newDay !== day) dayLevel = Math.exp(shape.dayNoise * normal(rand));
      hour = local.hour;
      day = newDay;
      hourLevel = Math.exp(shape.hourNoise * normal(rand));
    }
    const perMinute =
      (shape.peakPerHour / 60) *
      HOUR_OF_DAY[hour] *
      (day >= 5 ? shape.weekendFactor : 1) *
      dayLevel *
      hourLevel;
    const neg = perMinute * shape.negativeShare;
    negativeRate[m] = neg;
    negative[m] = poisson(rand, neg);
    total[m] = negative[m] + poisson(rand, perMinute - neg);
  }
  return { start, total, negative, negativeRate };
}

export interface SpikeSpec {
  startMinute: number;
  minutes: number;
  /** negatives run at this multiple of their usual rate (3 = a 3× spike) */
  factor: number;
}

/** Adds the spike's extra negatives (as new items) on top of a copy of the series. */
export function withSpike(s: MinuteSeries, spike: SpikeSpec, seed = 99): MinuteSeries {
  const rand = seededRandom(seed);
  const total = s.total.slice();
  const negative = s.negative.slice();
  const end = Math.min(s.total.length, spike.startMinute + spike.minutes);
  for (let m = spike.startMinute; m < end; m++) {
    const extra = poisson(rand, (spike.factor - 1) * s.negativeRate[m]);
    negative[m] += extra;
    total[m] += extra;
  }
  return { start: s.start, total, negative, negativeRate: s.negativeRate };
}

export interface SimSource {
  id: string;
  platform: string;
  series: MinuteSeries;
  /** minutes from the series start where this source's history begins */
  historyStartMinute?: number;
}

export interface SimEvent {
  action: 'fire' | 'clear' | 'widen';
  scope: string;
  minute: number;
  reading?: ScopeReading;
}

export interface SimOptions {
  params: SpikeParams;
  cooldownMinutes: number;
  fromMinute: number;
  toMinute: number;
  /** evaluate every this many minutes (the service: every minute) */
  stepMinutes?: number;
  /** the rule's time zone (its hour of week) */
  timeZone?: string;
}

/** Replays the detector over minute series (all sources share one clock and start). */
export function simulate(sources: readonly SimSource[], o: SimOptions): SimEvent[] {
  const start = sources[0].series.start.getTime();
  const prefix = sources.map((s) => ({
    total: prefixSums(s.series.total),
    negative: prefixSums(s.series.negative),
  }));
  const count = (i: number, fromMs: number, toMs: number): WindowCount => {
    const n = sources[i].series.total.length;
    const a = clamp(Math.round((fromMs - start) / MINUTE), 0, n);
    const b = clamp(Math.round((toMs - start) / MINUTE), 0, n);
    return {
      total: prefix[i].total[b] - prefix[i].total[a],
      negative: prefix[i].negative[b] - prefix[i].negative[a],
    };
  };
  const book = new MemoryEpisodeBook();
  const events: SimEvent[] = [];
  const step = o.stepMinutes ?? 1;
  for (let minute = o.fromMinute; minute <= o.toMinute; minute += step) {
    const now = new Date(start + minute * MINUTE);
    const windows = spikeWindows(now, o.params, o.timeZone);
    const series: SourceSeries[] = sources.map((s, i) => ({
      sourceId: s.id,
      platform: s.platform,
      historyStart: new Date(start + (s.historyStartMinute ?? 0) * MINUTE),
      counts: windows.map((w) => count(i, w.from.getTime(), w.to.getTime())),
    }));
    const plan = planSpikes(readScopes(windows, series, o.params), book, now, {
      cooldownMinutes: o.cooldownMinutes,
      windowMinutes: o.params.windowMinutes,
    });
    for (const c of plan.clear) {
      book.apply(c.scope, 'clear', now);
      events.push({ action: 'clear', scope: c.scope, minute, reading: c.reading });
    }
    for (const f of plan.fire) {
      book.apply(f.scope, 'fire', now, f.covers);
      events.push({ action: 'fire', scope: f.scope, minute, reading: f });
    }
    for (const w of plan.widen) {
      book.widen(w.scope, w.covers);
      events.push({ action: 'widen', scope: w.scope, minute });
    }
  }
  return events;
}

function prefixSums(xs: Int32Array): Float64Array {
  const out = new Float64Array(xs.length + 1);
  for (let i = 0; i < xs.length; i++) out[i + 1] = out[i] + xs[i];
  return out;
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));
