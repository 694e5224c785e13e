/**
 * Analysis + triage mapping of 100,000 mixed items on one core vs wink-sentiment alone on the same
 * items in the same run. Runs alternate (and swap which side goes first) so load from other
 * processes hits both sides alike; medians of 7 runs, and the median of the per-pair time ratios.
 * Wall-clock and process CPU time are both reported (CPU time is steadier on a shared machine).
 * `npx ts-node --transpile-only bench/analysis.bench.ts [--json]`   (BENCH_ITEMS, BENCH_RUNS)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../src/analysis/analyzer';
import { readJsonl } from '../src/analysis/training/dataset';
import { evalDir } from '../src/analysis/training/experiments';
import { TRAIN_FILE } from '../src/analysis/training/own-data';
import { winkSentiment } from '../src/analysis/text/vendor';
import { deadlineMinutesFor } from '../src/sla/triage';

const N = Number(process.env.BENCH_ITEMS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const json = process.argv.includes('--json');

const pool = readJsonl(TRAIN_FILE).map((p) => ({ text: p.text, platform: p.platform }));
const dev = path.join(evalDir(), 'devset.jsonl');
if (fs.existsSync(dev)) pool.push(...readJsonl(dev).map((p) => ({ text: p.text, platform: p.platform })));
const items = Array.from({ length: N }, (_, i) => pool[(i * 7919) % pool.length]);

const analyzer = Analyzer.load();
let sink = 0;
interface Timing {
  wall: number;
  cpu: number;
}
function timed(body: () => void): Timing {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  body();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e6 };
}
function runOurs(): Timing {
  return timed(() => {
    for (const it of items) {
      const a = analyzer.analyze(it);
      sink += a.sentiment.score + (deadlineMinutesFor(a.intent.label) ?? 0);
    }
  });
}
function runWink(): Timing {
  return timed(() => {
    for (const it of items) sink += winkSentiment(it.text).score;
  });
}
const median = (a: number[]): number => {
  const s = [...a].sort((x, y) => x - y);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const r2 = (v: number): number => Math.round(v * 100) / 100;

// warm-up both paths so the JIT has seen them
for (let i = 0; i < 20_000; i++) {
  analyzer.analyze(items[i % items.length]);
  winkSentiment(items[i % items.length].text);
}
const ours: Timing[] = [];
const wink: Timing[] = [];
for (let r = 0; r < RUNS; r++) {
  if (r % 2 === 0) {
    ours.push(runOurs());
    wink.push(runWink());
  } else {
    wink.push(runWink());
    ours.push(runOurs());
  }
}
const perSec = (t: Timing[], k: keyof Timing): number => Math.round(N / median(t.map((x) => x[k])));
const pairRatio = (k: keyof Timing): number => r2(median(ours.map((o, i) => o[k] / wink[i][k])));
const result = {
  items: N,
  runs: RUNS,
  modelVersion: analyzer.modelVersion,
  analysisItemsPerSecond: perSec(ours, 'wall'),
  winkItemsPerSecond: perSec(wink, 'wall'),
  /** median analysis time per item ÷ median wink time per item (wall clock) */
  timePerItemRatio: r2(median(ours.map((t) => t.wall)) / median(wink.map((t) => t.wall))),
  /** median over runs of (analysis time ÷ wink time of the adjacent run) */
  pairedRatio: pairRatio('wall'),
  cpu: {
    analysisItemsPerSecond: perSec(ours, 'cpu'),
    winkItemsPerSecond: perSec(wink, 'cpu'),
    pairedRatio: pairRatio('cpu'),
  },
  microsPerItem: {
    analysis: r2((median(ours.map((t) => t.wall)) / N) * 1e6),
    wink: r2((median(wink.map((t) => t.wall)) / N) * 1e6),
  },
  targets: { itemsPerSecond: 20000, maxRatio: 2 },
  allRuns: {
    analysis: ours.map((t) => Math.round(N / t.wall)),
    wink: wink.map((t) => Math.round(N / t.wall)),
  },
};
if (json) console.log(JSON.stringify(result));
else {
  console.log(
    `analysis + triage: ${result.analysisItemsPerSecond} items/s, ${result.microsPerItem.analysis} µs/item (median of ${RUNS} × ${N})`,
  );
  console.log(
    `wink-sentiment:    ${result.winkItemsPerSecond} items/s, ${result.microsPerItem.wink} µs/item`,
  );
  console.log(
    `time per item, analysis / wink: ${result.timePerItemRatio}× (paired ${result.pairedRatio}×, CPU time ${result.cpu.pairedRatio}×; target ≤ 2×)`,
  );
}
if (sink === 42) console.log('');
