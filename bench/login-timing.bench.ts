/**
 * Login timing: an unknown e-mail must cost about what a wrong password costs (the dummy argon2
 * verify), or response times would tell which accounts exist. Prints medians and their ratio.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx ts-node --transpile-only bench/login-timing.bench.ts [--json] [--n 40]
 *
 * Uses a throwaway database on that server; without DATABASE_URL the app starts embedded PostgreSQL.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/config';

const json = process.argv.includes('--json');
const nArg = process.argv.indexOf('--n');
const N = nArg > 0 ? Number(process.argv[nArg + 1]) : 40;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main() {
  const server = process.env.DATABASE_URL;
  let dbUrl: string | undefined;
  let dbName: string | undefined;
  if (server) {
    dbName = `otklik_bench_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(server);
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();
  }
  const config = loadConfig(
    {
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DEMO: 'false',
      ROLE: 'api',
      ADMIN_EMAIL: 'admin@otklik.bench',
      ADMIN_PASSWORD: 'admin-password-123',
      LOGIN_MAX_ATTEMPTS: '1000000',
      SECRETS_KEY: '0'.repeat(64),
      DATA_DIR: './.data/bench',
      ...(dbUrl ? { DATABASE_URL: dbUrl } : {}),
    },
    '/nonexistent',
  );
  const running = await createApp(config, { logger: false });
  await running.app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${running.app.getHttpServer().address().port}/api/auth/login`;
  const attempt = async (email: string, i: number) => {
    const started = process.hrtime.bigint();
    const res = await fetch(url, {
      method: 'POST',
      // A fresh address per attempt keeps the per-IP limit out of the measurement.
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.1.${i >> 8}.${i & 255}` },
      body: JSON.stringify({ email, password: 'wrong-password-123' }),
    });
    await res.text();
    if (res.status !== 401) throw new Error(`expected 401, got ${res.status}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const wrong: number[] = [];
  const unknown: number[] = [];
  try {
    for (let i = 0; i < 5; i++) await attempt('admin@otklik.bench', i); // warm-up
    for (let i = 0; i < N; i++) {
      // Interleaved, with a different unknown e-mail each time (no per-e-mail lockout).
      wrong.push(await attempt('admin@otklik.bench', 1000 + i));
      unknown.push(await attempt(`nobody${i}@otklik.bench`, 2000 + i));
    }
  } finally {
    await running.stop();
    if (server && dbName) {
      const admin = new Client({ connectionString: server });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
  const result = {
    n: N,
    wrongPasswordMedianMs: +median(wrong).toFixed(1),
    unknownEmailMedianMs: +median(unknown).toFixed(1),
    ratioUnknownToWrong: +(median(unknown) / median(wrong)).toFixed(3),
  };
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(`login 401, ${N} interleaved attempts each`);
    console.log(`  wrong password  median ${result.wrongPasswordMedianMs} ms   (baseline)`);
    console.log(
      `  unknown e-mail  median ${result.unknownEmailMedianMs} ms   ratio ${result.ratioUnknownToWrong}`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
