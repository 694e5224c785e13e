/**
 * Issue 16: the longest event-loop stall while a retrain runs — in a worker thread (as the app
 * does) against the old in-process run in the same process and the same run, with the same
 * recipe: the shipped training data (train.jsonl, warm-started from the shipped model), no
 * corrections, no dev set. The thread's side includes what stays on the main thread: taking the outcome back and
 * loading the new model (parse, quantise) as ActiveModel does after a promotion.
 * `npx ts-node --transpile-only bench/retrain-stall.bench.ts [--json] [--runs 3] [--small]`
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Analyzer } from '../src/analysis/analyzer';
import { bundleFromJson } from '../src/analysis/model/bundle';
import { retrain, type RetrainOptions } from '../src/analysis/nest/retrain';
import { retrainInThread } from '../src/analysis/nest/retrain-thread';
import { ownTrainInput, shippedModel } from '../src/analysis/training/own-data';

const args = process.argv.slice(2);
const json = args.includes('--json');
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const options: RetrainOptions = args.includes('--small')
  ? { limit: 1000, epochs: 6, force: true }
  : { force: true };

interface Stall {
  maxGapMs: number;
  p99Ms: number;
  seconds: number;
}

/** Longest gap between 1 ms ticks while `body` runs (or the delay histogram's max), its p99, in ms. */
async function stallDuring(body: () => Promise<void>): Promise<Stall> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  let last = performance.now();
  let maxGap = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 1);
  const t0 = performance.now();
  await body();
  const seconds = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 5));
  clearInterval(tick);
  h.disable();
  const r1 = (v: number): number => Math.round(v * 10) / 10;
  return {
    maxGapMs: r1(Math.max(maxGap, h.max / 1e6)),
    p99Ms: r1(h.percentile(99) / 1e6),
    seconds: r1(seconds),
  };
}

async function threaded(): Promise<void> {
  const outcome = await retrainInThread({ corrections: [], devset: [], warmStart: true, options });
  if (outcome.artifact) await Analyzer.create(bundleFromJson(outcome.artifact));
}
async function inProcess(): Promise<void> {
  const data = { own: ownTrainInput(), prior: shippedModel(), corrections: [], devset: [] };
  const outcome = retrain(data, options);
  if (outcome.artifact) await Analyzer.create(bundleFromJson(outcome.artifact));
}

const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const summary = (a: Stall[]) => ({
  longestStallMs: median(a.map((t) => t.maxGapMs)),
  p99Ms: median(a.map((t) => t.p99Ms)),
  seconds: median(a.map((t) => t.seconds)),
  all: a,
});

async function main(): Promise<void> {
  const thread: Stall[] = [];
  const inproc: Stall[] = [];
  const idle: Stall[] = [];
  for (let r = 0; r < runs; r++) {
    const t = await stallDuring(threaded);
    thread.push(t);
    // the machine's own noise floor: an idle loop for as long as the threaded retrain took
    idle.push(await stallDuring(() => new Promise((ok) => setTimeout(ok, t.seconds * 1000))));
    inproc.push(await stallDuring(inProcess));
  }
  const result = {
    runs,
    recipe: args.includes('--small') ? 'small (1000 rows, 6 epochs)' : 'full (shipped data)',
    workerThread: summary(thread),
    idleBaseline: summary(idle),
    inProcess: summary(inproc),
    targetMs: 50,
  };
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(`retrain, ${result.recipe}, median of ${runs}:`);
    const line = (name: string, x: ReturnType<typeof summary>, extra = ''): void =>
      console.log(
        `  ${name.padEnd(14)} longest event-loop stall ${x.longestStallMs} ms, p99 ${x.p99Ms} ms (${x.seconds} s)${extra}`,
      );
    line('worker thread:', result.workerThread, '; target ≤ 50 ms');
    line('idle loop:', result.idleBaseline, ' — the machine’s noise floor, same length');
    line('in-process:', result.inProcess);
  }
}

void main();
