/**
 * Otklik's own chaos run (issue 8, point 11). Two API and two worker processes (ROLE=api /
 * ROLE=worker, the real entry point) under a supervisor that restarts them; the VK and Telegram
 * emulators in a process of their own with `faultRate` of their requests faulted (every kind);
 * customer items injected through the emulators' control APIs and replies requested through the
 * API as a signed-in agent; a worker SIGKILLed every few seconds and PostgreSQL restarted once.
 * Then it waits for quiescence and counts, from the emulators and the database, what was lost,
 * duplicated or sent twice, and which process exits the harness did not cause.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Pool } from 'pg';
import { seededRandom } from '../../src/common/seeded-random';
import { configSchema } from '../../src/config/config.schema';
import { freePort } from '../../src/database/embedded-postgres';
import { ApiPool, type ApiStats } from './api';
import { openChaosDatabase } from './database';
import { GROUP_ID, startEmulatorProcess, type EmulatorProcess } from './emulators';
import { tgFaultRules, vkFaultRules, vkLongPollRules } from './faults';
import { Injector, Replier } from './load';
import { repoRoot, Supervisor, type ExitRecord } from './processes';
import { tallyItems, tallyReplies, type ItemFigures, type ReplyFigures } from './tally';

export interface ChaosOptions {
  items: number;
  replies: number;
  /** Length of the load phase (items are injected evenly over it). */
  durationSec: number;
  /** Share of emulator requests that get a fault. */
  faultRate: number;
  /** Mean pause between SIGKILLs of a worker (0: none). */
  killEverySec: number;
  /** SIGKILLs stop this many seconds into the load phase (default: when the injection ends). */
  killUntilSec?: number;
  /** When PostgreSQL is restarted, from the start of the load phase (negative: never). */
  pgRestartAtSec: number;
  pgDownMs: number;
  /** How long to wait for quiescence after the load phase. */
  quiesceTimeoutSec: number;
  /** Stop waiting when nothing moved (items stored, replies settled) for this long. */
  stallSec: number;
  seed: number;
  /** Create the run's database on this server (terminate-backends "restart"); default embedded. */
  serverUrl?: string;
  /** Embedded PostgreSQL's folder, and logs/. */
  dataDir: string;
  /** The processes' LOG_LEVEL (their logs go to files; info says what each one did). */
  logLevel?: string;
  /** Keep the run's database afterwards (for a look at it). */
  keepDatabase?: boolean;
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
}

export const FULL_RUN: Omit<ChaosOptions, 'dataDir'> = {
  items: 10_000,
  replies: 1_000,
  durationSec: 150,
  faultRate: 0.2,
  killEverySec: 5,
  pgRestartAtSec: 60,
  pgDownMs: 3000,
  quiesceTimeoutSec: 600,
  stallSec: 150,
  seed: 8,
};

export interface ChaosReport {
  options: Omit<ChaosOptions, 'log'>;
  runId: string;
  durationsMs: { setup: number; load: number; quiesce: number; total: number };
  quiescent: boolean;
  items: ItemFigures & { injectFailures: number };
  replies: ReplyFigures;
  processes: {
    /** Exits the harness did not cause (target 0), with each process's last output lines. */
    selfInflicted: ExitRecord[];
    harnessKills: number;
    /** Processes that gave up starting while the harness had PostgreSQL down (restarted; not a target). */
    startFailuresDuringOutage: ExitRecord[];
    /** Non-zero exits after the final SIGTERM (a graceful stop that was not). */
    uncleanStops: ExitRecord[];
    starts: Record<string, number>;
    startupMsMedian: number;
    emulatorExit?: { code: number | null; signal: string | null };
  };
  database: { kind: string; restarts: number; downMs: number[]; terminated?: number };
  faults: { fired: number; byKind: Record<string, number> };
  api: ApiStats;
  targets: {
    lost: boolean;
    duplicated: boolean;
    sentTwice: boolean;
    selfInflictedExits: boolean;
    /** Every item stored and every reply requested and settled (delivered, unknown or failed). */
    settled: boolean;
    met: boolean;
  };
}

const VK_API_TIMEOUT_MS = 2000;
const TG_SEND_TIMEOUT_MS = 15_000; // TelegramConnector's default sendTimeoutMs
const ADMIN = { email: 'admin@chaos.test', password: 'chaos-admin-password-1' };
const AGENT = { email: 'agent@chaos.test', password: 'chaos-agent-password-1' };

export async function runChaos(opts: ChaosOptions): Promise<ChaosReport> {
  const log = opts.log ?? (() => undefined);
  const t0 = Date.now();
  const runId = randomBytes(3).toString('hex');
  const rng = seededRandom(opts.seed);
  const logDir = path.resolve(
    opts.dataDir,
    'logs',
    `${new Date().toISOString().replace(/[:.]/g, '-')}-${runId}`,
  );
  const db = await openChaosDatabase({ serverUrl: opts.serverUrl, dataDir: opts.dataDir });
  log(`database ready (${db.restartKind}); logs in ${path.relative(repoRoot(), logDir)}`);
  const pool = new Pool({ connectionString: db.url, max: 3 });
  pool.on('error', () => undefined); // lost idle connections (the restart): the next query reconnects
  let emu: EmulatorProcess | undefined;
  let sup: Supervisor | undefined;
  try {
    emu = await startEmulatorProcess({ seed: opts.seed, maxHoldMs: 1000 });
    sup = new Supervisor({ logDir, env: appEnv(db.url, opts.logLevel ?? 'info'), onEvent: log });
    const apiPorts: number[] = [];
    for (const [name, role] of [
      ['api-1', 'api'],
      ['api-2', 'api'],
      ['worker-1', 'worker'],
      ['worker-2', 'worker'],
    ] as const) {
      const port = await freePort();
      if (role === 'api') apiPorts.push(port);
      sup.add({ name, port, env: { ROLE: role } });
    }
    await Promise.all(sup.names().map((n) => sup!.waitReady(n, 180_000)));
    log('2 API and 2 worker processes ready');

    const api = new ApiPool(apiPorts.map((p) => `http://127.0.0.1:${p}`));
    await api.login(ADMIN.email, ADMIN.password);
    const agent = await api.post('/api/users', {
      email: AGENT.email,
      name: 'Chaos Agent',
      role: 'agent',
      password: AGENT.password,
      locale: 'en',
    });
    if (agent.status !== 201)
      throw new Error(`creating the agent: ${agent.status} ${JSON.stringify(agent.body)}`);
    const posts = await seedPosts(emu, Math.max(5, Math.ceil(opts.items / 500)));
    const sources = await createSources(api, emu);
    await api.login(AGENT.email, AGENT.password); // from here on, everything is the agent's doing
    await waitForReceivers(emu);
    await installFaults(emu, opts);
    log(`sources receiving; faults on (${Math.round(opts.faultRate * 100)} %)`);
    const setupMs = Date.now() - t0;

    // ---- load phase: items, replies, SIGKILLs, one PostgreSQL restart ----
    const injector = new Injector(emu, sources, {
      seed: opts.seed,
      posts,
      authors: Math.max(50, Math.round(opts.items / 12)),
    });
    const replier = new Replier(api, pool, { runId, concurrency: 4 });
    const every = Math.max(1, Math.floor(opts.items / Math.max(1, opts.replies)));
    const tLoad = Date.now();
    let loading = true;
    const dbEvents: { downMs: number[]; terminated: number } = { downMs: [], terminated: 0 };
    let kills = 0;

    const injecting = (async () => {
      let done = 0;
      while (done < opts.items) {
        const due = Math.min(
          opts.items,
          Math.ceil(((Date.now() - tLoad) / (opts.durationSec * 1000)) * opts.items),
        );
        if (due > done) {
          const before = injector.injected.length;
          await injector.inject(done, due);
          for (const item of injector.injected.slice(before)) {
            if (item.n % every === every - 1 && replier.requests.length < opts.replies)
              replier.want(replier.requests.length, item);
          }
          done = due;
        } else await sleep(50);
      }
      log(`${injector.injected.length} items injected`);
    })();
    // Replies are requested as their items get stored, through the load and the quiescence.
    let replyingDone = false;
    const replying = (async () => {
      while (!replyingDone) {
        await replier.tick();
        await sleep(300);
      }
    })();
    const killing = (async () => {
      if (!opts.killEverySec) return;
      const until = tLoad + (opts.killUntilSec ?? opts.durationSec) * 1000;
      const killing = () => loading && Date.now() < until;
      while (killing()) {
        await sleep(opts.killEverySec * 1000 * (0.5 + rng()));
        if (!killing()) break;
        const live = sup!.names().filter((n) => n.startsWith('worker') && sup!.isReady(n));
        if (!live.length) continue;
        const victim = live[Math.floor(rng() * live.length)];
        if (sup!.kill(victim, 'SIGKILL')) kills++;
      }
    })();
    const restarting = (async () => {
      if (opts.pgRestartAtSec < 0) return;
      await sleep(opts.pgRestartAtSec * 1000);
      if (!loading) return;
      log('restarting PostgreSQL');
      sup!.outage(true);
      const r = await db.restart(opts.pgDownMs).finally(() => sup!.outage(false));
      dbEvents.downMs.push(r.downMs);
      dbEvents.terminated += r.terminated ?? 0;
      log(`PostgreSQL back after ${r.downMs} ms`);
    })();

    // The load phase (and the SIGKILLs) last as long as the injection.
    await injecting;
    loading = false;
    await Promise.all([killing, restarting]);
    const loadMs = Date.now() - tLoad;
    log(`load phase over after ${Math.round(loadMs / 1000)} s: ${kills} SIGKILLs; waiting for quiescence`);

    // ---- quiescence: every item stored, every reply settled ----
    const tQuiet = Date.now();
    const quiescent = await waitQuiet(
      pool,
      injector.injected.length,
      () => replier.unrequested(),
      Date.now() + opts.quiesceTimeoutSec * 1000,
      opts.stallSec * 1000,
      log,
    );
    replyingDone = true;
    await replying;
    const quiesceMs = Date.now() - tQuiet;

    const items = await tallyItems(pool, emu, injector.injected);
    const replies = await tallyReplies(pool, emu, replier.requests);
    const faults = await firedFaults(emu);
    const emulatorExit = emu.exited();
    await sup.stopAll(15_000);
    const selfInflicted = sup.exits.filter((e) => e.cause === 'self');
    const uncleanStops = sup.exits.filter((e) => e.cause === 'harness-stop' && (e.code !== 0 || e.signal));
    const report: ChaosReport = {
      options: { ...opts, log: undefined } as ChaosReport['options'],
      runId,
      durationsMs: { setup: setupMs, load: loadMs, quiesce: quiesceMs, total: Date.now() - t0 },
      quiescent,
      items: { ...items, injectFailures: injector.failures.length },
      replies,
      processes: {
        selfInflicted,
        harnessKills: sup.exits.filter((e) => e.cause === 'harness-kill').length,
        startFailuresDuringOutage: sup.exits.filter((e) => e.cause === 'harness-outage'),
        uncleanStops,
        starts: Object.fromEntries(sup.names().map((n) => [n, sup!.starts(n)])),
        startupMsMedian: median(sup.startupMs),
        ...(emulatorExit ? { emulatorExit } : {}),
      },
      database: {
        kind: db.restartKind,
        restarts: dbEvents.downMs.length,
        downMs: dbEvents.downMs,
        ...(db.restartKind === 'terminate-backends' ? { terminated: dbEvents.terminated } : {}),
      },
      faults,
      api: api.stats,
      targets: {
        lost: items.lost === 0,
        duplicated: items.duplicated === 0,
        sentTwice: replies.sentTwice === 0,
        selfInflictedExits: selfInflicted.length === 0 && !emulatorExit,
        settled: quiescent && replies.pending === 0 && replies.accepted === replies.requested,
        met: false,
      },
    };
    const t = report.targets;
    t.met = t.lost && t.duplicated && t.sentTwice && t.selfInflictedExits && t.settled;
    return report;
  } finally {
    await sup?.stopAll(15_000);
    await emu?.stop();
    await pool.end().catch(() => undefined);
    await db.close(opts.keepDatabase);
  }
}

/** The processes' environment: the parent's, minus every Otklik setting, plus the run's. */
function appEnv(databaseUrl: string, logLevel: string): Record<string, string> {
  const env: Record<string, string> = {};
  const ours = new Set(Object.keys(configSchema.shape));
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !ours.has(k)) env[k] = v;
  return {
    ...env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LOG_LEVEL: logLevel,
    DEMO: 'false',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '5',
    SECRETS_KEY: 'c'.repeat(64),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SHUTDOWN_TIMEOUT_MS: '10000',
    // The platforms are the emulators on loopback, not api.vk.ru / api.telegram.org.
    ALLOW_CUSTOM_API_URLS: 'true',
  };
}

/** Wall posts by the community (not items themselves) for customers to comment on. */
async function seedPosts(emu: EmulatorProcess, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = await emu.vkControl('POST', 'post', {
      ownerId: -GROUP_ID,
      text: `Новости Acme, выпуск ${i + 1}`,
    });
    ids.push(p.id);
  }
  return ids;
}

async function createSources(api: ApiPool, emu: EmulatorProcess): Promise<{ vk: string; tg: string }> {
  const vk = await api.post('/api/sources', {
    platform: 'vk',
    name: 'Acme во ВКонтакте',
    settings: {
      groupId: GROUP_ID,
      apiBaseUrl: emu.vk.apiBaseUrl,
      apiTimeoutMs: VK_API_TIMEOUT_MS,
      apiWaitMs: 100,
      callDeadlineMs: 20_000,
      pollingWaitMs: 1000,
      reconcileIntervalMs: 30_000,
      serviceApiLimit: 20,
      backfillDays: 1,
    },
    credentials: { groupToken: emu.vk.groupToken, serviceToken: emu.vk.serviceToken },
  });
  if (vk.status !== 201) throw new Error(`VK source: ${vk.status} ${JSON.stringify(vk.body)}`);
  const tg = await api.post('/api/sources', {
    platform: 'telegram',
    name: 'Acme в Telegram',
    settings: { apiRoot: emu.tg.apiRoot, pollTimeoutSec: 1 },
    credentials: { botToken: emu.tg.botToken },
  });
  if (tg.status !== 201) throw new Error(`Telegram source: ${tg.status} ${JSON.stringify(tg.body)}`);
  return { vk: vk.body.id, tg: tg.body.id };
}

/** Both receivers run somewhere: a Long Poll check on VK, a getUpdates on Telegram. */
async function waitForReceivers(emu: EmulatorProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const lp = await emu.vkControl('GET', 'requests?method=lp.a_check');
    const gu = await emu.tgControl('GET', 'requests?method=getUpdates');
    if (lp.length && gu.length) return;
    if (Date.now() > deadline) throw new Error('the receivers did not start within 60 s');
    await sleep(250);
  }
}

async function installFaults(emu: EmulatorProcess, opts: ChaosOptions): Promise<void> {
  const plan = {
    rate: opts.faultRate,
    seed: opts.seed,
    vkApiTimeoutMs: VK_API_TIMEOUT_MS,
    tgSendTimeoutMs: TG_SEND_TIMEOUT_MS,
  };
  if (opts.faultRate <= 0) return;
  for (const rule of [...vkFaultRules(plan), ...vkLongPollRules(plan)])
    await emu.vkControl('POST', 'faults', rule);
  for (const rule of tgFaultRules(plan)) await emu.tgControl('POST', 'faults', rule);
}

async function firedFaults(emu: EmulatorProcess): Promise<ChaosReport['faults']> {
  const byKind: Record<string, number> = {};
  let fired = 0;
  for (const [platform, rules] of [
    ['vk', await emu.vkControl('GET', 'faults')],
    ['tg', await emu.tgControl('GET', 'faults')],
  ] as const) {
    for (const r of rules as Array<{ fired: number; action: Record<string, unknown> }>) {
      const { type, ...rest } = r.action;
      const detail = rest.code ?? rest.status ?? rest.ms ?? '';
      const key = `${platform} ${type}${detail !== '' ? ` ${detail}` : ''}`;
      byKind[key] = (byKind[key] ?? 0) + r.fired;
      fired += r.fired;
    }
  }
  return { fired, byKind };
}

/**
 * Until every injected item is stored, every reply requested and none queued or sending; gives up
 * at the deadline, or when nothing moved for `stallMs` (what is missing then stays missing: a
 * loss, not a delay).
 */
async function waitQuiet(
  pool: Pool,
  injected: number,
  unrequested: () => number,
  deadline: number,
  stallMs: number,
  log: (l: string) => void,
): Promise<boolean> {
  let last = '';
  let movedAt = Date.now();
  for (;;) {
    try {
      const { rows } = await pool.query<{ stored: number; pending: number }>(
        `SELECT (SELECT count(*)::int FROM items WHERE direction = 'inbound') AS stored,
                (SELECT count(*)::int FROM replies WHERE status IN ('queued', 'sending')) AS pending`,
      );
      const { stored, pending } = rows[0];
      const waiting = unrequested();
      const line = `stored ${stored}/${injected}, replies pending ${pending}, not yet requested ${waiting}`;
      if (line !== last) {
        log(line);
        movedAt = Date.now();
      }
      last = line;
      if (stored >= injected && pending === 0 && waiting === 0) return true;
      if (Date.now() - movedAt > stallMs) {
        log(`nothing moved for ${stallMs / 1000} s: counting as it is`);
        return false;
      }
    } catch {
      /* the database is away for a moment */
    }
    if (Date.now() > deadline) return false;
    await sleep(2000);
  }
}

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
