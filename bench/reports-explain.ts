/**
 * Diagnostic for bench/reports.bench.ts: runs every report once against the seeded database and
 * prints, per report, each SQL statement's EXPLAIN (ANALYZE, BUFFERS) execution time and the
 * request's own time; full plans go to `--out` (default /tmp/reports-explain.txt).
 *
 *   npx ts-node --transpile-only bench/reports-explain.ts [--db otklik_bench_reports] [--only terms] [--out file]
 *     [--path '/api/reports/items?…']   (one request of your own instead of the list)
 *
 * Every statement runs twice (EXPLAIN ANALYZE, then for real), so request times here are not the
 * benchmark's; the statement times are what the plans cost.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap';
import { testConfig } from '../test/support/app';
import { withDatabase } from '../test/support/urls';
import { REPORTS, reportRange } from './reports-list';

const opt = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : d;
};

async function main() {
  const url = withDatabase(process.env.DATABASE_URL!, opt('db', 'otklik_bench_reports'));
  const only = opt('only', '');
  const running = await createApp(testConfig({ ROLE: 'api' }, url), { logger: false });
  await running.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${running.app.getHttpServer().address().port}`;
  const ds = running.app.get(DataSource);
  const plain = ds.query.bind(ds);
  let capture: { sql: string; ms: number; plan: string }[] | null = null;
  (ds as any).query = async (sql: string, params?: unknown[], qr?: any) => {
    if (capture && /^\s*(WITH|SELECT)/i.test(sql) && /report_|\bitems\b/.test(sql)) {
      const rows: { 'QUERY PLAN': string }[] = await plain(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      const ms = Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? NaN);
      capture.push({ sql: sql.replace(/\s+/g, ' ').slice(0, 160), ms, plan: `${sql}\n${plan}` });
    }
    return plain(sql, params, qr);
  };
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@otklik.test', password: 'admin-password-123' }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((x) => x.split(';')[0])
    .join('; ');
  const full: string[] = [];
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' / ')}`,
  );
  try {
    const own = opt('path', '');
    const list: [string, string][] = own ? [[own.split('?')[0], own]] : REPORTS(reportRange());
    for (const [name, path] of list) {
      if (only && !name.includes(only)) continue;
      await fetch(base + path, { headers: { cookie } }); // warm
      capture = [];
      const t = performance.now();
      const r = await fetch(base + path, { headers: { cookie } });
      const body = await r.text();
      const ms = performance.now() - t;
      const statements = capture;
      capture = null;
      const db = statements.reduce((a, s) => a + s.ms, 0);
      console.log(
        `${name.padEnd(32)} ${r.status} ${(body.length / 1024).toFixed(0).padStart(6)} kB  request ${ms.toFixed(0).padStart(6)} ms  SQL ${db.toFixed(1).padStart(8)} ms in ${statements.length}`,
      );
      for (const s of statements) console.log(`    ${s.ms.toFixed(1).padStart(8)} ms  ${s.sql}`);
      full.push(`==== ${name} (${path})`, ...statements.map((s) => s.plan));
    }
  } finally {
    writeFileSync(opt('out', '/tmp/reports-explain.txt'), full.join('\n\n'));
    await running.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
