/**
 * The short chaos run (issue 8, point 11): `npm run chaos` itself, as a process of its own, with
 * small numbers — two API and two worker processes under the supervisor, the emulators in their
 * own process with 20 % faults of every kind, a worker SIGKILLed every few seconds, its own
 * embedded PostgreSQL stopped and started again once — and its targets asserted: 0 items lost,
 * 0 duplicated, 0 replies sent twice, 0 process exits the harness did not cause, all settled.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { crashSummary, formatReport } from '../../bench/chaos/report';
import type { ChaosReport } from '../../bench/chaos/run';

const ROOT = path.resolve(__dirname, '..', '..');

function runChaosCli(args: string[]): Promise<{ report?: ChaosReport; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', './test/support/ts-cache.js', 'bench/chaos/chaos.ts', ...args, '--json'],
      // Its own embedded server, whatever DATABASE_URL says: a real stop and start is cheap there.
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      let report: ChaosReport | undefined;
      try {
        report = JSON.parse(stdout);
      } catch {
        /* no report: the run itself failed (stderr says why) */
      }
      resolve({ report, code, stderr });
    });
  });
}

describe('chaos run (short)', () => {
  let report: ChaosReport;
  let seconds = 0;

  beforeAll(async () => {
    const started = Date.now();
    const run = await runChaosCli([
      ...['--items', '400', '--replies', '40', '--duration', '22'],
      // SIGKILLs in the first 16 s, so recovering the last one overlaps the rest of the load.
      ...['--fault-rate', '0.2', '--kill-every', '5', '--kill-until', '16'],
      ...['--pg-restart-at', '7', '--pg-down-ms', '1500'],
      ...['--quiesce-timeout', '100', '--stall', '100', '--seed', '11'],
      ...['--embedded', '--data-dir', './.data/chaos-test'],
    ]);
    seconds = Math.round((Date.now() - started) / 1000);
    if (!run.report) throw new Error(`the chaos run produced no report (exit ${run.code}):\n${run.stderr}`);
    report = run.report;
    // The run's own progress lines too: where the time went, which process exited when.
    process.stdout.write(`${run.stderr}${formatReport(report)}short chaos run: ${seconds} s\n`);
  }, 300_000);

  it('loses and duplicates no item', () => {
    expect(report.items.injectFailures).toBe(0);
    expect(report.items.held).toBe(report.items.injected);
    expect(report.items.lostSamples).toEqual([]);
    expect(report.items.duplicatedSamples).toEqual([]);
    expect(report.items.unexpected).toBe(0);
    expect(report.items.stored).toBe(report.items.injected);
  });

  it('sends no reply twice, settles every reply, and each outcome is true', () => {
    expect(report.replies.sentTwiceSamples).toEqual([]);
    expect(report.replies.rejectedSamples).toEqual([]);
    expect(report.replies.accepted).toBe(report.replies.requested);
    expect(report.replies.pending).toBe(0);
    expect(report.replies.deliveredNotPosted).toBe(0);
    expect(report.replies.failedButPosted).toBe(0);
    expect(report.replies.delivered + report.replies.unknown + report.replies.failed).toBe(
      report.replies.accepted,
    );
  });

  it('has no process exit the harness did not cause, and did kill, restart and fault', () => {
    const exits = report.processes.selfInflicted.map(
      (e) => `${e.slot} code ${e.code} signal ${e.signal}\n${crashSummary(e.tail ?? []).join('\n')}`,
    );
    expect(exits).toEqual([]);
    expect(report.processes.emulatorExit).toBeUndefined();
    expect(report.processes.harnessKills).toBeGreaterThanOrEqual(2);
    expect(report.database).toMatchObject({ kind: 'embedded-stop-start', restarts: 1 });
    expect(report.faults.fired).toBeGreaterThan(0);
  });

  it('reached quiescence and met the targets', () => {
    expect(report.quiescent).toBe(true);
    expect(report.targets.met).toBe(true);
  });
});
