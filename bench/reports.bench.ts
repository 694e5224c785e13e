/**
 * Reports on a year of data: p50/p95 of every report endpoint over a 90-day range (with the
 * previous 90 days alongside), on a database seeded with `--items` (default 10,000,000) items over
 * the past 365 days, and the forecast's backtest (MAPE of a held-out week) on that history.
 *
 *   npm run bench:reports -- [--items 10000000] [--runs 20] [--reseed] [--drop] [--db otklik_bench_reports] [--json]
 *
 * The database is `otklik_bench_reports` on DATABASE_URL's server. It is kept between runs (seeding
 * is the slow part) and reseeded when `--reseed` is given or its size differs; `--drop` drops it
 * at the end.
 *
 * How it is seeded (set-based SQL, one statement per fortnight of hours):
 * - an hourly load curve with a daily and weekly pattern (Europe/Moscow), a trend (+30 % over the
 *   year) and ±10 % noise, scaled to `--items`; 12 sources (VK, Telegram, YouTube), 30 agents;
 * - conversations (one per 10 items) and items with language, sentiment, intent, needs_response,
 *   10 % outbound. The rollup triggers fire on every INSERT statement exactly as they fire for
 *   ingest's COPY (statement triggers with transition tables), and report_fold() runs after each
 *   statement as the fold job would;
 * - one SLA cycle per conversation (INSERT into report_sla_cycles: its statement triggers build the
 *   hourly SLA and agent rollups), 8 % breached, lognormal response times;
 * - tags on 20 % of conversations (conversation_tags: its trigger builds the tag rollup);
 * - hourly backlog snapshots (with their totals), agent-load snapshots and per-day term counts are written directly (the
 *   snapshot job can only see the present, and the term worker tokenises in TypeScript: counting
 *   10 M texts is a rebuild, not a report).
 *
 * Timings are HTTP round trips to the real app (ROLE=api) on this machine, sequential, after two
 * warm-up calls per report. The machine is shared: the load average is printed with the figures.
 * Target: every report p95 ≤ 200 ms.
 */
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap';
import { databaseOptions } from '../src/database/database.options';
import { testConfig } from '../test/support/app';
import { withDatabase } from '../test/support/urls';
import { REPORTS, reportRange } from './reports-list';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const ITEMS = arg('items', 10_000_000);
const RUNS = arg('runs', 20);
const JSON_OUT = process.argv.includes('--json');
const RESEED = process.argv.includes('--reseed');
const DROP = process.argv.includes('--drop');
const DB = (() => {
  const i = process.argv.indexOf('--db');
  return i > 0 ? process.argv[i + 1] : 'otklik_bench_reports';
})();
const SOURCES = 12;
const AGENTS = 30;
const TAGS = 20;
const TERMS = 3000;
const ADMIN = { email: 'admin@otklik.test', password: 'admin-password-123' };

const log = (...a: unknown[]) => {
  if (!JSON_OUT) console.log(...a);
};

async function main() {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('DATABASE_URL must point at a PostgreSQL server');
  const admin = new Client({ connectionString: server });
  await admin.connect();
  const url = withDatabase(server, DB);
  let fresh = RESEED || !(await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DB])).rowCount;
  if (!fresh) {
    // a seed that did not finish left no bench_meta row: start over
    const probe = new Client({ connectionString: url });
    await probe.connect();
    fresh = !(
      await probe.query(
        `SELECT to_regclass('bench_meta') IS NOT NULL AND EXISTS (SELECT 1 FROM bench_meta) AS ok`,
      )
    ).rows[0].ok;
    await probe.end();
  }
  if (fresh) {
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DB}`);
  }
  await admin.end();

  const ds = new DataSource(databaseOptions(url, 2));
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();

  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query(
    `CREATE TABLE IF NOT EXISTS bench_meta (items bigint, seeded_at timestamptz, seconds float8)`,
  );
  const meta = (await c.query(`SELECT items, seeded_at, seconds FROM bench_meta`)).rows[0];
  let seedSeconds: number | null = meta?.seconds ?? null;
  if (!meta || Number(meta.items) !== ITEMS) {
    if (meta) throw new Error(`${DB} holds ${meta.items} items; run with --reseed for ${ITEMS}`);
    seedSeconds = await seed(c);
  } else log(`reusing ${DB}: ${meta.items} items seeded at ${meta.seeded_at.toISOString()}`);
  const sizes = (
    await c.query(
      `SELECT relname AS table, n_live_tup::bigint AS rows FROM pg_stat_user_tables
        WHERE relname IN ('items', 'conversations', 'report_item_hours', 'report_sla_hours', 'report_sla_cycles',
                          'report_agent_hours', 'report_backlog', 'report_agent_load', 'report_term_days', 'report_tag_hours')
        ORDER BY relname`,
    )
  ).rows;
  await c.end();

  const results = await timeReports(url);
  const out = {
    items: ITEMS,
    seedSeconds,
    sizes: Object.fromEntries(sizes.map((r) => [r.table, Number(r.rows)])),
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    runs: RUNS,
    ...results,
  };
  if (JSON_OUT) console.log(JSON.stringify(out, null, 2));
  else {
    log(`\nrows: ${sizes.map((r) => `${r.table} ${Number(r.rows).toLocaleString('en')}`).join(', ')}`);
    log(`load average before: ${results.loadBefore.join(' / ')}, after: ${out.loadAverage.join(' / ')}`);
    log(`\n90-day range, previous period alongside, ${RUNS} runs each (ms):`);
    log('report'.padEnd(34), 'p50'.padStart(8), 'p95'.padStart(8), 'max'.padStart(8), '  ≤ 200 ms p95');
    for (const r of results.reports)
      log(
        r.name.padEnd(34),
        String(r.p50).padStart(8),
        String(r.p95).padStart(8),
        String(r.max).padStart(8),
        r.name.startsWith('baseline') ? '' : r.p95 <= 200 ? '  ✔' : '  ✘',
      );
    const f = results.forecast;
    log(
      `\nforecast backtest (week ${f.week} held out, ${f.weeks} weeks of history before it): ` +
        `MAPE ${pct(f.mape)}, WAPE ${pct(f.wape)} over ${f.hours} hours; actual ${f.actualTotal}, forecast ${f.forecastTotal}`,
    );
  }
  if (DROP) {
    const a = new Client({ connectionString: server });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await a.end();
  }
}

const urlOf = (c: Client) => withDatabase(process.env.DATABASE_URL!, c.database!);
const pct = (x: number | null) => (x == null ? '—' : `${(x * 100).toFixed(1)} %`);

/** Seeds the whole year; returns the seconds it took. */
async function seed(c: Client): Promise<number> {
  const t0 = Date.now();
  const step = (what: string) => log(`  ${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s  ${what}`);
  log(`seeding ${ITEMS.toLocaleString('en')} items over a year into ${DB} …`);
  // the app's first start creates the admin the timings sign in as (only while there are no users)
  await (await createApp(testConfig({ ROLE: 'api' }, urlOf(c)), { logger: false })).stop();
  await c.query(`SELECT setseed(0.42)`);
  await c.query(`INSERT INTO sources (platform, name)
    SELECT (ARRAY['vk', 'telegram', 'youtube'])[1 + i % 3], 'Источник ' || i FROM generate_series(0, ${SOURCES - 1}) i`);
  await c.query(`CREATE TEMP TABLE bench_sources AS
    SELECT row_number() OVER (ORDER BY name) - 1 AS i, id, platform FROM sources`);
  await c.query(`INSERT INTO users (email, name, role, password_hash, max_open_conversations)
    SELECT 'agent' || i || '@bench.test', 'Агент ' || i, 'agent', 'x', 6 + i % 3 FROM generate_series(0, ${AGENTS - 1}) i`);
  await c.query(`CREATE TEMP TABLE bench_agents AS
    SELECT row_number() OVER (ORDER BY email) - 1 AS i, id FROM users WHERE email LIKE '%@bench.test'`);
  await c.query(`INSERT INTO tags (name) SELECT 'тег-' || i FROM generate_series(0, ${TAGS - 1}) i`);
  await c.query(
    `CREATE TEMP TABLE bench_tags AS SELECT row_number() OVER (ORDER BY name) - 1 AS i, id FROM tags`,
  );

  // the hourly load curve: daily and weekly pattern in Moscow, +30 % over the year, ±10 % noise
  await c.query(`CREATE TEMP TABLE bench_hours AS
    WITH h AS (
      SELECT g AS h, date_trunc('hour', now(), 'UTC') - interval '365 days' + g * interval '1 hour' AS hour
        FROM generate_series(0, 365 * 24 - 1) g),
    w AS (
      SELECT h, hour,
             (0.15 + GREATEST(0, sin(pi() * (extract(hour FROM hour AT TIME ZONE 'Europe/Moscow') - 7) / 16)))
             * CASE WHEN extract(isodow FROM hour AT TIME ZONE 'Europe/Moscow') >= 6 THEN 0.7 ELSE 1 END
             * (1 + 0.3 * h / (365 * 24)) * (0.9 + 0.2 * random()) AS w
        FROM h)
    SELECT h, hour, round(w * ${ITEMS} / sum(w) OVER ())::int AS n FROM w`);
  await c.query(`ALTER TABLE bench_hours ADD COLUMN off bigint`);
  await c.query(`UPDATE bench_hours b SET off = x.off FROM
    (SELECT h, COALESCE(sum(n) OVER (ORDER BY h ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS off FROM bench_hours) x
    WHERE x.h = b.h`);
  await c.query(`ANALYZE bench_hours`);
  step('load curve');

  const words = [
    'интернет',
    'пропал',
    'роутер',
    'тариф',
    'оплата',
    'списали',
    'деньги',
    'поддержка',
    'скорость',
    'медленно',
    'спасибо',
    'отлично',
    'быстро',
    'помогли',
    'подключение',
    'мастер',
    'договор',
    'счёт',
    'приложение',
    'ошибка',
    'internet',
    'down',
    'router',
    'billing',
    'refund',
    'thanks',
    'great',
    'slow',
    'support',
    'outage',
  ];
  const W = `ARRAY[${words.map((w) => `'${w}'`).join(', ')}]`;
  const CHUNK = 24 * 14;
  for (let h0 = 0; h0 < 365 * 24; h0 += CHUNK) {
    const h1 = h0 + CHUNK;
    const rows = `FROM bench_hours bh, generate_series(0, bh.n - 1) k WHERE bh.h >= ${h0} AND bh.h < ${h1}`;
    // a conversation starts at every 10th item; the item's time is the conversation's first message
    await c.query(`INSERT INTO conversations (id, source_id, platform, thread_key, status, intent, first_message_at,
                     last_message_at, created_at, assignee_id, resolved_at)
      SELECT md5('c' || cn)::uuid, s.id, s.platform, 'b' || cn,
             (CASE WHEN hour > now() - interval '2 days' THEN 'open' ELSE 'resolved' END)::conversation_status,
             (ARRAY['complaint', 'question', 'praise', 'sales', 'spam', 'other'])[1 + cn % 6],
             hour, hour, hour, a.id, CASE WHEN hour <= now() - interval '2 days' THEN hour + interval '3 hours' END
        FROM (SELECT bh.hour, (bh.off + k) / 10 AS cn ${rows} AND (bh.off + k) % 10 = 0) x
        JOIN bench_sources s ON s.i = cn % ${SOURCES}
        JOIN bench_agents a ON a.i = cn % ${AGENTS}`);
    await c.query(`INSERT INTO items (source_id, platform, kind, external_id, conversation_id, direction, text,
                     created_at_platform, received_at, language, sentiment_label, sentiment_score, intent, needs_response,
                     analyzed_at, model_version)
      SELECT s.id, s.platform, 'comment', 'b' || (bh.off + k), md5('c' || ((bh.off + k) / 10))::uuid,
             CASE WHEN (bh.off + k) % 10 = 5 THEN 'outbound' ELSE 'inbound' END,
             (${W})[1 + (r1 * 30)::int % 30] || ' ' || (${W})[1 + (r2 * 30)::int % 30] || ' ' || (${W})[1 + ((r1 + r2) * 97)::int % 30],
             bh.hour + r1 * interval '1 hour', bh.hour + r1 * interval '1 hour' + interval '2 seconds',
             CASE WHEN r2 < 0.8 THEN 'ru' WHEN r2 < 0.95 THEN 'en' ELSE 'mixed' END,
             CASE WHEN r3 < 0.3 THEN 'negative' WHEN r3 < 0.8 THEN 'neutral' ELSE 'positive' END,
             r3 * 2 - 1,
             (ARRAY['complaint', 'question', 'praise', 'sales', 'spam', 'other'])[1 + ((bh.off + k) / 10) % 6],
             r3 < 0.6, bh.hour, 'bench'
        FROM (SELECT bh.*, k, random() AS r1, random() AS r2, random() AS r3
                ${rows}) bh
        JOIN bench_sources s ON s.i = ((bh.off + k) / 10) % ${SOURCES}`);
    // one SLA cycle per conversation: 1 h deadline, lognormal response (median ~12 min), 8 % breached
    await c.query(`INSERT INTO report_sla_cycles (conversation_id, started_at, source_id, platform, intent, due_at,
                     responded_at, response_seconds, breached_at, agent_id)
      SELECT id, first_message_at, source_id, platform, intent, first_message_at + interval '1 hour',
             CASE WHEN b THEN CASE WHEN random() < 0.5 THEN first_message_at + (3600 + secs) * interval '1 second' END
                  ELSE first_message_at + secs * interval '1 second' END,
             CASE WHEN b THEN NULL ELSE secs END,
             CASE WHEN b THEN first_message_at + interval '1 hour' END, assignee_id
        FROM (SELECT c.*, random() < 0.08 AS b,
                     LEAST(3599, round(exp(6.6 + 0.9 * sqrt(-2 * ln(random() + 1e-9)) * cos(2 * pi() * random()))))::int AS secs
                FROM conversations c
               WHERE c.first_message_at >= (SELECT min(hour) FROM bench_hours WHERE h >= ${h0} AND h < ${h1})
                 AND c.first_message_at < (SELECT max(hour) + interval '1 hour' FROM bench_hours WHERE h >= ${h0} AND h < ${h1})) x`);
    await c.query(`INSERT INTO conversation_tags (conversation_id, tag_id)
      SELECT c.id, t.id FROM conversations c JOIN bench_tags t ON t.i = abs(hashtext(c.id::text)) % ${TAGS}
       WHERE c.first_message_at >= (SELECT min(hour) FROM bench_hours WHERE h >= ${h0} AND h < ${h1})
         AND c.first_message_at < (SELECT max(hour) + interval '1 hour' FROM bench_hours WHERE h >= ${h0} AND h < ${h1})
         AND abs(hashtext(c.id::text || 't')) % 5 = 0`);
    await c.query(`SELECT report_fold()`);
    step(`hours ${h0}–${Math.min(h1, 365 * 24)}`);
  }
  // hourly snapshots of the open queue (per source and intent) and of each agent's load
  await c.query(`INSERT INTO report_backlog (at, source_id, intent, open, pending, snoozed, unassigned, overdue)
    SELECT bh.hour, s.id, i.intent, (bh.n / 40.0 * (0.5 + random()))::int, (random() * 5)::int, (random() * 2)::int,
           (random() * 4)::int, (random() * 3)::int
      FROM bench_hours bh CROSS JOIN bench_sources s
      CROSS JOIN unnest(ARRAY['complaint', 'question', 'praise', 'sales', 'spam', 'other']) i(intent)`);
  await c.query(`INSERT INTO report_backlog_totals
    SELECT at, sum(open), sum(pending), sum(snoozed), sum(unassigned), sum(overdue) FROM report_backlog GROUP BY at`);
  await c.query(`INSERT INTO report_agent_load (at, user_id, open, pending, capacity)
    SELECT bh.hour, a.id, (random() * 8)::int, (random() * 3)::int, 6 FROM bench_hours bh CROSS JOIN bench_agents a`);
  step('backlog and agent-load snapshots');
  // per-day term counts in the company's zone: a Zipf-like vocabulary, the head every day
  await c.query(`INSERT INTO report_term_days (polarity, day, term, items, surface, samples)
    SELECT p, d::date, 'term' || r, GREATEST(1, (2000.0 / r * (0.5 + random()))::int), 'слово ' || r,
           ARRAY[(random() * ${ITEMS})::bigint, (random() * ${ITEMS})::bigint]
      FROM generate_series((now() AT TIME ZONE 'Europe/Moscow')::date - 365, (now() AT TIME ZONE 'Europe/Moscow')::date, '1 day') d
      CROSS JOIN unnest(ARRAY['negative', 'positive']) p
      CROSS JOIN generate_series(1, ${TERMS}) r
     WHERE r <= 500 OR random() < 0.2`);
  // the week tier, as the term worker writes it with the days
  await c.query(`INSERT INTO report_term_weeks
    SELECT polarity, date_trunc('week', day::timestamp)::date, term, sum(items) FROM report_term_days GROUP BY 1, 2, 3`);
  await c.query(`UPDATE report_term_state SET time_zone = 'Europe/Moscow', built_at = now()`);
  await c.query(`DELETE FROM report_term_queue`);
  step('term days');
  await c.query(`VACUUM ANALYZE`);
  step('vacuum analyze');
  const seconds = Math.round((Date.now() - t0) / 100) / 10;
  await c.query(`INSERT INTO bench_meta VALUES ($1, now(), $2)`, [ITEMS, seconds]);
  return seconds;
}

interface Timed {
  name: string;
  p50: number;
  p95: number;
  max: number;
}

async function timeReports(url: string) {
  const loadBefore = loadavg().map((x) => Math.round(x * 100) / 100);
  const config = testConfig({ ROLE: 'api' }, url);
  const running = await createApp(config, { logger: false });
  await running.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${running.app.getHttpServer().address().port}`;
  try {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (res.status !== 200) throw new Error(`login: ${res.status}`);
    const cookie = res.headers
      .getSetCookie()
      .map((x) => x.split(';')[0])
      .join('; ');
    const get = async (path: string) => {
      const r = await fetch(base + path, { headers: { cookie } });
      if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return (await r.json()) as any;
    };
    const reports = REPORTS(reportRange());
    const out: Timed[] = [];
    for (const [name, path] of reports) {
      try {
        await get(path);
        await get(path);
      } catch (err) {
        log(`${name}: ${(err as Error).message.slice(0, 200)} (skipped)`);
        continue;
      }
      const ms: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await get(path);
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      const q = (p: number) =>
        Math.round(ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)] * 10) / 10;
      out.push({ name, p50: q(0.5), p95: q(0.95), max: q(1) });
    }
    const fc = await get(`/api/reports/forecast?tz=Europe/Moscow&weeks=8`);
    return {
      loadBefore,
      reports: out,
      forecast: { weeks: fc.historyWeeks - 1, ...fc.backtest },
    };
  } finally {
    await running.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
