/**
 * Analysis + triage mapping of 100,000 mixed items on one core vs wink-sentiment alone on the same
 * items in the same run. 5 runs, medians. `npx ts-node --transpile-only bench/analysis.bench.ts [--json]`
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
const RUNS = 5;
const json = process.argv.includes('--json');

const pool = readJsonl(TRAIN_FILE).map((p) => ({ text: p.text, platform: p.platform }));
const dev = path.join(evalDir(), 'devset.jsonl');
if (fs.existsSync(dev)) pool.push(...readJsonl(dev).map((p) => ({ text: p.text, platform: p.platform })));
const items = Array.from({ length: N }, (_, i) => pool[(i * 7919) % pool.length]);

const analyzer = Analyzer.load();
let sink = 0;
function runOurs(): number {
  const t0 = process.hrtime.bigint();
  for (const it of items) {
    const a = analyzer.analyze(it);
    sink += a.sentiment.score + (deadlineMinutesFor(a.intent.label) ?? 0);
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}
function runWink(): number {
  const t0 = process.hrtime.bigint();
  for (const it of items) sink += winkSentiment(it.text).score;
  return Number(process.hrtime.bigint() - t0) / 1e9;
}
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

// warm-up both paths so the JIT has seen them
for (let i = 0; i < 5000; i++) {
  analyzer.analyze(items[i % items.length]);
  winkSentiment(items[i % items.length].text);
}
const ours: number[] = [];
const wink: number[] = [];
for (let r = 0; r < RUNS; r++) {
  ours.push(N / runOurs());
  wink.push(N / runWink());
}
const o = median(ours);
const w = median(wink);
const result = {
  items: N,
  runs: RUNS,
  modelVersion: analyzer.modelVersion,
  analysisItemsPerSecond: Math.round(o),
  winkItemsPerSecond: Math.round(w),
  timePerItemRatio: Math.round((w / o) * 100) / 100,
  targets: { itemsPerSecond: 20000, maxRatio: 2 },
  allRuns: { analysis: ours.map(Math.round), wink: wink.map(Math.round) },
};
if (json) console.log(JSON.stringify(result));
else {
  console.log(`analysis + triage: ${result.analysisItemsPerSecond} items/s (median of ${RUNS} × ${N})`);
  console.log(`wink-sentiment:    ${result.winkItemsPerSecond} items/s`);
  console.log(`time per item, analysis / wink: ${result.timePerItemRatio}× (target ≤ 2×)`);
}
if (sink === 42) console.log('');
