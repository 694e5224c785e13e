/**
 * The negative-spike detector on synthetic traffic (issue 14): false alarms per simulated month on
 * ordinary weeks, and the detection delay of a 3× spike, at several traffic volumes. Pure replay of
 * the detector the service runs (`src/alerts/detection/`), evaluated every minute like the service.
 *
 *   npx ts-node --transpile-only bench/alerts-detector.bench.ts [--json] [--seeds 8] [--spikes 40]
 *       [--peaks 60,120,240] [--step 1] [--factor 3]
 *
 * Ordinary traffic: a daily cycle (quiet nights, busy evenings), weekends at 60 %, each day's level
 * and each hour's level wobbling (log-normal σ 0.12 each), Poisson counts, 25 % negative. "Peak" is
 * inbound items per hour at a weekday's busiest hour (a day then has about 14 × peak items).
 * Weeks 1–4 are history; weeks 5–8 are judged with the hour-of-week baseline ("weekly"); the
 * warm-up row judges weeks 1–4 themselves (daily and recent fallbacks while history is short).
 * Spikes: the negatives' rate × factor for two hours, starting at a random minute between 09:00
 * and 21:00 on a random day of week 6. Delay = minutes from the spike's start to the alert, in
 * windows (the default window is 60 minutes).
 */
import { DEFAULT_SPIKE_PARAMS } from '../src/alerts/detection/spike';
import { seededRandom } from '../src/common/seeded-random';
import {
  ORDINARY_TRAFFIC,
  ordinaryTraffic,
  SimSource,
  simulate,
  withSpike,
} from '../src/alerts/detection/synthetic';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const json = process.argv.includes('--json');
const SEEDS = Number(arg('seeds', '8'));
const SPIKES = Number(arg('spikes', '40'));
const PEAKS = arg('peaks', '60,120,240').split(',').map(Number);
const STEP = Number(arg('step', '1'));
const FACTOR = Number(arg('factor', '3'));
const params = { ...DEFAULT_SPIKE_PARAMS };
const W = params.windowMinutes;
const COOLDOWN = 60;
const WEEK = 7 * 1440;
const MONTH = 30 * 1440;

const quantile = (xs: number[], q: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const r2 = (v: number) => Math.round(v * 100) / 100;
const log = (s: string) => {
  if (!json) console.log(s);
};

interface PeakResult {
  peakPerHour: number;
  falseAlarmsPerMonth: number;
  falseAlarmsPerMonthMaxSeed: number;
  warmupFalseAlarmsPerMonth: number;
  companyAlertsPerMonth: number;
  spikes: number;
  delayWindowsMedian: number;
  delayWindowsP90: number;
  delayWindowsMax: number;
  missed: number;
  moreThanOneAlert: number;
  allClearMinutesAfterEndMedian: number;
}

const results: PeakResult[] = [];
const t0 = Date.now();
for (const peak of PEAKS) {
  const shape = { ...ORDINARY_TRAFFIC, peakPerHour: peak };
  // ---- ordinary weeks: one source, every scope ----
  let fires = 0;
  let warm = 0;
  let maxSeed = 0;
  let companyFires = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const series = ordinaryTraffic(8, shape, seed * 7919);
    const one: SimSource[] = [{ id: 'a', platform: 'vk', series }];
    const judged = simulate(one, {
      params,
      cooldownMinutes: COOLDOWN,
      fromMinute: 4 * WEEK,
      toMinute: 8 * WEEK - 1,
      stepMinutes: STEP,
    });
    const f = judged.filter((e) => e.action === 'fire').length;
    fires += f;
    maxSeed = Math.max(maxSeed, f);
    const warmup = simulate(one, {
      params,
      cooldownMinutes: COOLDOWN,
      fromMinute: 60,
      toMinute: 4 * WEEK - 1,
      stepMinutes: STEP,
    });
    warm += warmup.filter((e) => e.action === 'fire').length;
    // a company: two VK communities and a Telegram channel of different sizes, every scope
    if (seed <= Math.ceil(SEEDS / 2)) {
      const company: SimSource[] = [
        { id: 'vk-a', platform: 'vk', series },
        {
          id: 'vk-b',
          platform: 'vk',
          series: ordinaryTraffic(8, { ...shape, peakPerHour: peak / 2 }, seed * 104729),
        },
        {
          id: 'tg',
          platform: 'telegram',
          series: ordinaryTraffic(8, { ...shape, peakPerHour: peak / 3 }, seed * 1299709),
        },
      ];
      const c = simulate(company, {
        params,
        cooldownMinutes: COOLDOWN,
        fromMinute: 4 * WEEK,
        toMinute: 8 * WEEK - 1,
        stepMinutes: STEP,
      });
      companyFires += c.filter((e) => e.action === 'fire').length;
    }
  }
  const months = (SEEDS * 4 * WEEK) / MONTH;
  const companyMonths = (Math.ceil(SEEDS / 2) * 4 * WEEK) / MONTH;

  // ---- spikes ----
  const rand = seededRandom(peak * 31 + 7);
  const delays: number[] = [];
  const clearAfter: number[] = [];
  let missed = 0;
  let multi = 0;
  for (let i = 0; i < SPIKES; i++) {
    const series = ordinaryTraffic(6, shape, 1000 + i);
    const start = 5 * WEEK + Math.floor(rand() * 7) * 1440 + 9 * 60 + Math.floor(rand() * 12 * 60);
    const spiked = withSpike(series, { startMinute: start, minutes: 120, factor: FACTOR }, 5000 + i);
    const ev = simulate([{ id: 'a', platform: 'vk', series: spiked }], {
      params,
      cooldownMinutes: COOLDOWN,
      fromMinute: start - 3 * 60,
      toMinute: start + 6 * 60,
      stepMinutes: 1,
    });
    const during = ev.filter(
      (e) => e.action === 'fire' && e.minute > start && e.minute <= start + 120 + 2 * W,
    );
    if (!during.length) {
      missed++;
      continue;
    }
    if (during.length > 1) multi++;
    delays.push((during[0].minute - start) / W);
    const clear = ev.find((e) => e.action === 'clear' && e.minute > during[0].minute);
    if (clear) clearAfter.push(clear.minute - (start + 120));
  }
  const r: PeakResult = {
    peakPerHour: peak,
    falseAlarmsPerMonth: r2(fires / months),
    falseAlarmsPerMonthMaxSeed: r2(maxSeed / ((4 * WEEK) / MONTH)),
    warmupFalseAlarmsPerMonth: r2(warm / months),
    companyAlertsPerMonth: r2(companyFires / companyMonths),
    spikes: SPIKES,
    delayWindowsMedian: r2(quantile(delays, 0.5)),
    delayWindowsP90: r2(quantile(delays, 0.9)),
    delayWindowsMax: r2(Math.max(...delays)),
    missed,
    moreThanOneAlert: multi,
    allClearMinutesAfterEndMedian: quantile(clearAfter, 0.5),
  };
  results.push(r);
  log(
    `peak ${peak} items/h: false alarms ${r.falseAlarmsPerMonth}/month (worst seed ${r.falseAlarmsPerMonthMaxSeed}; ` +
      `warm-up ${r.warmupFalseAlarmsPerMonth}; company of 3 sources, all scopes ${r.companyAlertsPerMonth}) | ` +
      `${FACTOR}× spike delay median ${r.delayWindowsMedian} windows, p90 ${r.delayWindowsP90}, max ${r.delayWindowsMax}; ` +
      `missed ${missed}/${SPIKES}, >1 alert ${multi}; all-clear ${r.allClearMinutesAfterEndMedian} min after the end (median)`,
  );
}
const summary = {
  windowMinutes: W,
  sensitivity: params.sensitivity,
  seeds: SEEDS,
  simulatedMonthsPerPeak: r2((SEEDS * 4 * WEEK) / MONTH),
  factor: FACTOR,
  seconds: r2((Date.now() - t0) / 1000),
  results,
};
if (json) console.log(JSON.stringify(summary, null, 2));
else
  log(
    `(${summary.simulatedMonthsPerPeak} simulated months per volume, window ${W} min, ${summary.seconds} s)`,
  );
