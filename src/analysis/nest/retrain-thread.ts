/**
 * The retrain off the event loop: `retrain` (seconds of CPU: three models trained and scored)
 * runs in a worker thread (node:worker_threads), so ingest, jobs and HTTP on this instance keep
 * running meanwhile. The thread reads the shipped training data and model itself; only the corrections go
 * in and the outcome (with the model artifact) comes back, as structured-clone copies.
 */

import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { LabeledPost } from '../analysis.types';
import { ownTrainInput, shippedModel } from '../training/own-data';
import { retrain, type RetrainOptions, type RetrainOutcome } from './retrain';

export interface RetrainThreadInput {
  corrections: LabeledPost[];
  devset: LabeledPost[];
  /** start from the shipped model (read in the thread, like the training data) */
  warmStart: boolean;
  /** everything but inspectCandidate (a function cannot cross threads) */
  options: Omit<RetrainOptions, 'inspectCandidate'>;
}

type Reply = { ok: true; outcome: RetrainOutcome } | { ok: false; message: string; stack?: string };

/** Runs one retrain in a fresh worker thread and resolves with its outcome. */
export function retrainInThread(input: RetrainThreadInput): Promise<RetrainOutcome> {
  const ts = __filename.endsWith('.ts');
  const worker = new Worker(__filename, {
    workerData: input,
    // under ts-node (tests, `npm run start:dev`) the thread compiles this file the same way
    execArgv: ts ? ['-r', 'ts-node/register/transpile-only'] : [],
    env: ts ? { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' } : process.env,
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.once('message', (m: Reply) => {
      settled = true;
      if (m.ok) resolve(m.outcome);
      else reject(Object.assign(new Error(m.message), { stack: m.stack }));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`retrain thread exited with code ${code} before answering`));
    });
  });
}

function runHere(input: RetrainThreadInput): RetrainOutcome {
  const own = ownTrainInput();
  const prior = input.warmStart ? shippedModel() : undefined;
  return retrain({ own, prior, corrections: input.corrections, devset: input.devset }, input.options);
}

if (!isMainThread && parentPort && (workerData as { corrections?: unknown })?.corrections) {
  const port = parentPort;
  // On Linux, setpriority(0) names the calling thread: this thread yields the CPU to the
  // instance's event loop (and everything else) whenever both want it. Elsewhere it is a no-op.
  if (process.platform === 'linux') {
    try {
      os.setPriority(0, os.constants.priority.PRIORITY_LOW);
    } catch {
      // not allowed in this container: train at normal priority
    }
  }
  let reply: Reply;
  try {
    reply = { ok: true, outcome: runHere(workerData as RetrainThreadInput) };
  } catch (err) {
    const e = err as Error;
    reply = { ok: false, message: e.message, stack: e.stack };
  }
  port.postMessage(reply);
}
