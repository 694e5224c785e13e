/** The chaos report as text for people (the CLI's default; `--json` prints the object itself). */
import type { ChaosReport } from './run';

export function formatReport(r: ChaosReport): string {
  const o = r.options;
  const mark = (ok: boolean) => (ok ? '✔' : '✘');
  const s = (ms: number) => `${Math.round(ms / 1000)} s`;
  const lines = [
    '',
    `Otklik chaos run ${r.runId}: ${o.items} items, ${o.replies} replies over ${o.durationSec} s; ` +
      `${Math.round(o.faultRate * 100)} % faults; worker SIGKILL every ~${o.killEverySec} s` +
      `${o.killUntilSec !== undefined ? ` for ${o.killUntilSec} s` : ''}; seed ${o.seed}`,
    `  took ${s(r.durationsMs.total)} (setup ${s(r.durationsMs.setup)}, load ${s(r.durationsMs.load)}, ` +
      `quiescence ${s(r.durationsMs.quiesce)}${r.quiescent ? '' : ', NOT quiescent'})`,
    '',
    'Items',
    `  injected ${r.items.injected}   held by the emulators ${r.items.held}   stored ${r.items.stored}`,
    `  lost ${r.items.lost} ${mark(r.targets.lost)}   duplicated ${r.items.duplicated} ${mark(r.targets.duplicated)}   ` +
      `stored but not held ${r.items.unexpected}   injection failures ${r.items.injectFailures}`,
    ...Object.entries(r.items.byKind).map(
      ([k, v]) => `    ${k.padEnd(11)} injected ${v.injected}, stored ${v.stored}, lost ${v.lost}`,
    ),
    ...sample('lost', r.items.lostSamples),
    ...sample('duplicated', r.items.duplicatedSamples),
    '',
    'Replies',
    `  requested ${r.replies.requested}   accepted by the API ${r.replies.accepted}   ` +
      `item never stored ${r.replies.itemNeverStored}   refused ${r.replies.rejected}`,
    `  delivered ${r.replies.delivered}   unknown ${r.replies.unknown} (posted after all: ${r.replies.unknownPosted})   ` +
      `failed ${r.replies.failed}   still pending ${r.replies.pending} ${mark(r.targets.settled)}`,
    `  sent twice ${r.replies.sentTwice} ${mark(r.targets.sentTwice)}   delivered but not posted ${r.replies.deliveredNotPosted}   ` +
      `failed but posted ${r.replies.failedButPosted}`,
    ...Object.entries(r.replies.byPlatform).map(
      ([p, v]) =>
        `    ${p.padEnd(9)} accepted ${v.accepted}, delivered ${v.delivered}, unknown ${v.unknown}, failed ${v.failed}`,
    ),
    ...Object.entries(r.replies.failedReasons).map(([why, n]) => `    failed ×${n}: ${why}`),
    ...sample('sent twice', r.replies.sentTwiceSamples),
    ...sample('refused', r.replies.rejectedSamples),
    '',
    'Processes',
    `  exits not caused by the harness ${r.processes.selfInflicted.length} ${mark(r.targets.selfInflictedExits)}   ` +
      `SIGKILLs by the harness ${r.processes.harnessKills}   unclean stops on SIGTERM ${r.processes.uncleanStops.length}`,
    `  starts ${Object.entries(r.processes.starts)
      .map(([n, c]) => `${n} ${c}`)
      .join(', ')}; start to ready median ${r.processes.startupMsMedian} ms`,
    ...(r.processes.emulatorExit
      ? [`  the emulator process exited: ${JSON.stringify(r.processes.emulatorExit)}`]
      : []),
    ...r.processes.selfInflicted.flatMap((e) => [
      `  ${e.slot} pid ${e.pid}: code ${e.code} signal ${e.signal} after ${s(e.uptimeMs)} (at ${s(e.atMs)})`,
      ...crashSummary(e.tail ?? []).map((l) => `      | ${l}`),
    ]),
    ...(r.processes.startFailuresDuringOutage.length
      ? [
          `  gave up starting while PostgreSQL was down (the harness's doing; started again): ` +
            r.processes.startFailuresDuringOutage.map((e) => `${e.slot} code ${e.code}`).join(', '),
        ]
      : []),
    ...r.processes.uncleanStops.map((e) => `  unclean stop: ${e.slot} code ${e.code} signal ${e.signal}`),
    '',
    `PostgreSQL: ${r.database.restarts} restart(s) (${r.database.kind}), down ${r.database.downMs.join(', ')} ms` +
      (r.database.terminated !== undefined ? `, ${r.database.terminated} backends terminated` : ''),
    `Faults fired: ${r.faults.fired} (${Object.entries(r.faults.byKind)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ')})`,
    `API: ${r.api.requests} requests, ${r.api.retried} retried, ${r.api.serverErrors} × 5xx, ${r.api.networkErrors} network errors`,
    ...sample('5xx', r.api.serverErrorSamples),
    '',
    `Targets (0 lost, 0 duplicated, 0 sent twice, 0 self-inflicted exits, all settled): ${r.targets.met ? 'MET' : 'NOT MET'}`,
    '',
  ];
  return lines.join('\n');
}

/**
 * Why a process died, from its last output: the fatal log entry (the unhandled-rejection guard
 * logs one) with the top of its stack, else the plain lines Node printed, else the last lines.
 */
export function crashSummary(tail: string[]): string[] {
  const parsed = tail.map((line) => {
    try {
      return JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string; stack?: string } };
    } catch {
      return undefined;
    }
  });
  const fatal = parsed.filter((p) => p && (p.level ?? 0) >= 60).pop();
  if (fatal) {
    const stack = (fatal.err?.stack ?? '').split('\n').slice(0, 6);
    return [`${fatal.msg}: ${fatal.err?.message ?? ''}`, ...stack.slice(1)].map((l) => l.slice(0, 300));
  }
  const plain = tail.filter((_, i) => !parsed[i]);
  return (plain.length ? plain.slice(-14) : tail.slice(-6)).map((l) => l.slice(0, 300));
}

function sample(what: string, xs: string[]): string[] {
  return xs.length ? [`    ${what}, e.g.:`, ...xs.slice(0, 8).map((x) => `      ${x}`)] : [];
}
