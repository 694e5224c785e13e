import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The real entry point, zero-config (DATABASE_URL unset → embedded PostgreSQL in DATA_DIR):
 * SIGTERM exits 0 and leaves no PostgreSQL behind; a restart keeps the data.
 */
describe('SIGTERM on the real app with the embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-shutdown-'));
  afterAll(() => {
    for (const pid of postgresPids(dataDir)) process.kill(pid, 'SIGKILL'); // only if the test failed
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops cleanly, leaves no process, and keeps data across a restart', async () => {
    const first = await startApp(dataDir);
    expect(postgresPids(dataDir).length).toBeGreaterThan(0);
    const db = await embeddedClient(dataDir);
    await db.query(`INSERT INTO sources (platform, name) VALUES ('webhook', 'kept across restarts')`);
    await db.end();

    expect(await stop(first.child)).toBe(0);
    expect(postgresPids(dataDir)).toEqual([]);
    // Our graceful path ran to the end; nothing pulled the database out from under the pools.
    expect(first.output()).toContain('"msg":"stopped"');
    expect(first.output()).not.toContain('terminating connection due to administrator command');

    const second = await startApp(dataDir);
    const again = await embeddedClient(dataDir);
    const { rows } = await again.query(`SELECT name FROM sources WHERE name = 'kept across restarts'`);
    await again.end();
    expect(rows).toHaveLength(1);
    expect(await stop(second.child)).toBe(0);
    expect(postgresPids(dataDir)).toEqual([]);
  }, 300000);
});

async function startApp(
  dataDir: string,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    DEMO: 'false',
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    SHUTDOWN_TIMEOUT_MS: '20000',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['-r', './test/support/ts-cache.js', 'src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const until = Date.now() + 120000;
  for (;;) {
    const m = out.match(/the inbox at http:\/\/localhost:(\d+)\//);
    if (m) {
      const url = `http://127.0.0.1:${m[1]}`;
      const res = await fetch(`${url}/health/ready`);
      if (res.status === 200) return { child, url, output: () => out };
    }
    if (child.exitCode !== null) throw new Error(`app exited early (${child.exitCode}):\n${out}`);
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`app not ready in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 25000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}

/** The embedded server's port is in its postmaster.pid (4th line). */
async function embeddedClient(dataDir: string): Promise<Client> {
  const pid = fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
  const client = new Client({
    connectionString: `postgres://postgres:otklik-local@127.0.0.1:${pid[3].trim()}/otklik`,
  });
  await client.connect();
  return client;
}

function postgresPids(dataDir: string): number[] {
  const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return ps
    .split('\n')
    .filter((l) => l.includes(path.join(dataDir, 'pg')) && /postgres/.test(l))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}
