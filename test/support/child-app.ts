/**
 * The real entry point (`src/main.ts` under ts-node) as a child process, so what only a real
 * process shows is observable: an exit (unhandled rejection, crash) and kill -9. The emulators
 * stay in the test process and outlive the app; the child reaches them over HTTP on 127.0.0.1.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { ADMIN, Client } from '../auth/client';

const ROOT = path.resolve(__dirname, '..', '..');

export interface ChildApp {
  child: ChildProcess;
  url: string;
  admin: Client;
  /** Everything the process wrote (JSON logs on stdout, anything else on stderr). */
  output(): string;
  /** Set once the process is gone. */
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM and wait (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
  /** kill -9, and wait until the process is gone. */
  kill9(): Promise<void>;
}

export const CHILD_METRICS_TOKEN = 'child-metrics-token-0123456789';

/** `nodeArgs`: options for node itself, e.g. `--cpu-prof` (not allowed in NODE_OPTIONS). */
export async function spawnApp(
  databaseUrl: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<ChildApp> {
  // OTKLIK_CHILD_BUILT=1: the built app (`npm run build` first). Otherwise the sources, transpiled
  // once and cached on disk by content (the suite spawns the app many times; ts-node would
  // transpile all of src again at every start).
  const entry =
    process.env.OTKLIK_CHILD_BUILT === '1'
      ? ['dist/src/main.js']
      : ['-r', './test/support/ts-cache.js', 'src/main.ts'];
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DEMO: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SECRETS_KEY: '0'.repeat(64),
      METRICS_TOKEN: CHILD_METRICS_TOKEN,
      PORT: '0',
      HOST: '127.0.0.1',
      SHUTDOWN_TIMEOUT_MS: '5000',
      ...env,
      DATABASE_URL: databaseUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const app: Partial<ChildApp> & { child: ChildProcess } = { child };
  app.exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      app.exit = { code, signal };
      resolve(app.exit);
    }),
  );
  const until = Date.now() + 120_000; // a cold ts-node start on a loaded machine takes 30-50 s
  for (;;) {
    const m = out.match(/the inbox at http:\/\/localhost:(\d+)\//);
    if (m) {
      app.url = `http://127.0.0.1:${m[1]}`;
      break;
    }
    if (app.exit) throw new Error(`app exited early (${JSON.stringify(app.exit)}):\n${out}`);
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`app not ready in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const admin = new Client(app.url);
  const login = await admin.login(ADMIN.email, ADMIN.password);
  if (login.status !== 200) throw new Error(`admin login: ${login.status}`);
  return Object.assign(app, {
    admin,
    output: () => out,
    stop: async (graceMs = 10_000) => {
      if (app.exit) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.kill('SIGTERM');
      await app.exited;
      clearTimeout(timer);
    },
    kill9: async () => {
      if (app.exit) return;
      child.kill('SIGKILL');
      await app.exited;
    },
  }) as ChildApp;
}

/** The child's Prometheus exposition (METRICS_TOKEN). */
export async function childMetrics(app: ChildApp): Promise<string> {
  const res = await fetch(`${app.url}/metrics`, {
    headers: { authorization: `Bearer ${CHILD_METRICS_TOKEN}` },
  });
  if (res.status !== 200) throw new Error(`GET /metrics: ${res.status}`);
  return res.text();
}

/** One sample of a metric by name and exact label set text (e.g. `{kind="connector"}`), 0 if absent. */
export function metricValue(exposition: string, name: string, labels = ''): number {
  const line = exposition.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  app?: ChildApp,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (app?.exit)
      throw new Error(
        `the app exited (${JSON.stringify(app.exit)}) while waiting for ${what}; its last output:\n` +
          app.output().slice(-3000),
      );
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
