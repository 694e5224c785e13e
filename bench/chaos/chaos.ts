/**
 * `npm run chaos [-- options]`: Otklik's own chaos run (see run.ts and bench/README.md).
 *
 *   --items 10000 --replies 1000 --duration 150   load: items injected evenly over the seconds
 *   --fault-rate 0.2                               share of emulator requests faulted
 *   --kill-every 5 [--kill-until S]                mean seconds between worker SIGKILLs (0: none),
 *                                                  until S seconds into the load (default: its end)
 *   --pg-restart-at 60 --pg-down-ms 3000           PostgreSQL restart (seconds into the load; -1: none)
 *   --quiesce-timeout 600 --stall 150              waiting for quiescence afterwards
 *   --seed 8 --embedded --keep-db --log-level info --json
 *
 * PostgreSQL: its own embedded server in .data/chaos (restarted for real), or with DATABASE_URL
 * set, a dedicated database on that server, "restarted" by terminating its backends (--embedded
 * forces the embedded server). Exit code 0 only when the targets are met: 0 lost, 0 duplicated,
 * 0 sent twice, 0 process exits the harness did not cause, and everything settled (every item
 * stored, every reply delivered, unknown or failed). `npm run -s chaos -- --json` for clean JSON.
 */
import { FULL_RUN, runChaos, type ChaosOptions } from './run';
import { formatReport } from './report';

function args(): ChaosOptions & { json: boolean } {
  const argv = process.argv.slice(2);
  const num = (name: string, d: number) => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return d;
    const v = Number(argv[i + 1]);
    if (!Number.isFinite(v)) throw new Error(`--${name} needs a number`);
    return v;
  };
  const str = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i < 0 ? undefined : argv[i + 1];
  };
  const json = argv.includes('--json');
  return {
    items: num('items', FULL_RUN.items),
    replies: num('replies', FULL_RUN.replies),
    durationSec: num('duration', FULL_RUN.durationSec),
    faultRate: num('fault-rate', FULL_RUN.faultRate),
    killEverySec: num('kill-every', FULL_RUN.killEverySec),
    killUntilSec: argv.includes('--kill-until') ? num('kill-until', 0) : undefined,
    pgRestartAtSec: num('pg-restart-at', FULL_RUN.pgRestartAtSec),
    pgDownMs: num('pg-down-ms', FULL_RUN.pgDownMs),
    quiesceTimeoutSec: num('quiesce-timeout', FULL_RUN.quiesceTimeoutSec),
    stallSec: num('stall', FULL_RUN.stallSec),
    seed: num('seed', FULL_RUN.seed),
    serverUrl: argv.includes('--embedded') ? undefined : process.env.DATABASE_URL || undefined,
    dataDir: str('data-dir') ?? './.data/chaos',
    keepDatabase: argv.includes('--keep-db'),
    logLevel: str('log-level') ?? 'info',
    json,
    log: (line) => process.stderr.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`),
  };
}

async function main() {
  const { json, ...opts } = args();
  const report = await runChaos(opts);
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  process.exit(report.targets.met ? 0 : 1);
}

main().catch((err) => {
  process.stderr.write(`chaos run failed: ${err?.stack ?? err}\n`);
  process.exit(2);
});
