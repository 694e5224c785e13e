/**
 * The inbox queue at a million conversations (issue 11): 50 concurrent connections (autocannon)
 * against the real app (ROLE=api, a child process: `src/main.ts`) on the default view, filter
 * combinations, a full-text search, the All tab, a deep keyset page and the saved views' live
 * counts, and the default view while the queue is written 10 times a second (each write moves the
 * queue's version, so the API's page cache is rebuilt that often); p50/p95/p99 and requests/s of each, the median of `--runs` runs, next to the app's own
 * floor (GET /health/live in the same run) as a ratio.
 *
 *   npm run bench:queue -- [--conversations 1000000] [--duration 10] [--runs 3] [--connections 50]
 *                          [--reseed] [--seed-only] [--db otklik_bench_queue] [--only name,name] [--json]
 *                          [--app-node-options "--cpu-prof --cpu-prof-dir=/tmp/prof"]
 *
 * The database (`otklik_bench_queue` on DATABASE_URL's server, default 127.0.0.1:5432) is kept
 * between runs: seeding is the slow part. It is seeded when empty, when its size differs, or with
 * `--reseed`; pending migrations run first either way.
 *
 * Seeded set-based (INSERT … SELECT over generate_series, triggers off, secondary indexes built
 * after the rows): 12 sources (VK, Telegram, YouTube, skewed), 30 agents in 3 teams, 200,000
 * customers, `--conversations` conversations with 5 items each — 5 % open (50,000 at a million),
 * 1 % pending, 0.5 % snoozed, the rest resolved over the past year; intents (support 35 %,
 * complaint 20 %, sales 15 %, praise 10 %, spam 8 %, other), sentiment (negative 25 %, positive
 * 20 %), languages (ru 78 %, en 15 %, mixed 5 %, other 2 %); open ones written in the last 6 hours
 * with 1 h / 3 h deadlines (so some at risk, some breached); 20 % of conversations tagged (20
 * tags, skewed); texts from a Zipf-skewed vocabulary of inflected Russian and English words, 3 %
 * with an order number. The preview columns are written as ConversationsRepository would.
 *
 * The machine is shared: the load average is printed with the figures. Targets (issue 11): p95 ≤
 * 50 ms and ≥ 1,000 requests/s for the default view and the filters, p95 ≤ 150 ms for search.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { hashPassword } from '../src/auth/password';
import { databaseOptions } from '../src/database/database.options';
import { spawnApp, type ChildApp } from '../test/support/child-app';
import { withDatabase } from '../test/support/urls';

const argv = process.argv;
const opt = (name: string, d: string) => {
  const i = argv.indexOf(`--${name}`);
  return i > 0 ? argv[i + 1] : d;
};
const N = Number(opt('conversations', '1000000'));
const DURATION = Number(opt('duration', '10'));
const RUNS = Number(opt('runs', '3'));
const CONNECTIONS = Number(opt('connections', '50'));
const DB = opt('db', 'otklik_bench_queue');
const ONLY = opt('only', '').split(',').filter(Boolean);
const JSON_OUT = argv.includes('--json');
const RESEED = argv.includes('--reseed');
const SEED_ONLY = argv.includes('--seed-only');
/** Node options for the app child, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (a profile of the API). */
const APP_NODE_OPTIONS = opt('app-node-options', '');
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SEARCH_WORD = 'скидку';
/** A rare word: put into RARE_ITEMS customer messages after seeding (fixtures()), not in the vocabulary. */
const RARE_WORD = 'термопаста';
const RARE_ITEMS = 60;
const log = (...a: unknown[]) => {
  if (!JSON_OUT) console.log(...a);
};

const RU_WORDS =
  `интернет интернета интернетом интернету роутер роутера роутером оплата оплаты оплатил оплатила
  заказ заказа заказом заказы доставка доставки доставку курьер курьера курьером деньги денег верните
  вернуть спасибо пожалуйста почему когда где опять снова третий день неделю связь связи связью
  тариф тарифа тарифом скорость скорости скоростью мастер мастера мастером приехал приедет пришёл
  пришла пришло ждать жду ждём отвечаете ответьте поддержка поддержки поддержку приложение приложения
  приложении ошибка ошибки ошибку карта карты картой счёт счета списали списание телефон телефона
  номер номера подключение подключения подключить отключили отключение договор договора менеджер
  менеджера магазин магазина товар товара товаром качество качества хорошо плохо ужасно отлично
  быстро медленно нормально работает работают сломался сломалась возврат возврата акция акции скидка
  скидку цена цены стоимость сколько стоит купить куплю хочу можно нужно сегодня вчера завтра утром
  вечером квартира квартиры дом дома адрес адреса кабель кабеля провод сигнал сигнала вайфай`
    .split(/\s+/)
    .filter(Boolean);
const EN_WORDS = `internet router routers payment payments paid pay order orders ordered ordering delivery
  delivered deliver courier money refund refunds refunded thanks please why when where again third day
  week connection connections speed technician came coming wait waiting waited support app application
  error errors card charged charge charges phone number account plan plans cable signal wifi price
  prices discount discounts buy bought want need today yesterday tomorrow broken works working worked
  slow fast great terrible awful good bad service services store product products quality return
  returned returns address contract manager help helped issue issues problem problems still`
  .split(/\s+/)
  .filter(Boolean);
const BRAND = [
  'Здравствуйте! Проверили, всё исправили.',
  'Спасибо за обращение, передали мастеру.',
  'Hello! We have fixed it, sorry for the wait.',
  'Извините за ожидание, возврат оформлен.',
];
const NAMES = `Ирина Анна Мария Ольга Елена Наталья Татьяна Светлана Дмитрий Алексей Сергей Андрей Иван
  Михаил Николай Павел Константин Юлия Екатерина Виктор John Emma Oliver Sophie`
  .split(/\s+/)
  .filter(Boolean);
const SURNAMES = `Иванов Смирнова Кузнецов Попова Соколов Лебедева Козлов Новикова Морозов Петрова Волков
  Смит Браун Fedorov Orlova`
  .split(/\s+/)
  .filter(Boolean);
const sqlArray = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`;

async function q(c: Client, sql: string, params: unknown[] = []) {
  return c.query(sql, params);
}

async function ensureDatabase(): Promise<string> {
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DB])).rowCount;
  if (exists && RESEED) await admin.query(`DROP DATABASE ${DB} WITH (FORCE)`);
  if (!exists || RESEED) await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
  const url = withDatabase(SERVER, DB);
  const ds = new DataSource(databaseOptions(url, 2));
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();
  return url;
}

async function seeded(c: Client): Promise<number> {
  const r = await q(c, `SELECT count(*)::int AS n FROM conversations WHERE thread_key LIKE 'bench:%'`);
  return r.rows[0].n;
}

/** Everything a queue query reads, set-based; secondary indexes are dropped first and rebuilt. */
async function seed(c: Client) {
  const t0 = Date.now();
  const step = async (what: string, sql: string, params: unknown[] = []) => {
    const s = Date.now();
    await q(c, sql, params);
    log(`  ${what}: ${((Date.now() - s) / 1000).toFixed(1)} s`);
  };
  log(`seeding ${N.toLocaleString('en')} conversations, ${(5 * N).toLocaleString('en')} items…`);
  if ((await seeded(c)) > 0) throw new Error(`${DB} holds another size; run with --reseed`);
  await q(c, `SET session_replication_role = replica`); // no rollup or FK triggers while seeding
  await q(c, `SET maintenance_work_mem = '512MB'`);
  await q(c, `SET synchronous_commit = off`);
  const defs = (
    await q(
      c,
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
         FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
        WHERE t.relname IN ('items', 'conversations', 'conversation_tags') AND NOT i.indisprimary
          AND NOT i.indisunique`,
    )
  ).rows as { name: string; def: string }[];
  for (const d of defs) await q(c, `DROP INDEX ${d.name}`);

  await q(
    c,
    `CREATE OR REPLACE FUNCTION bench_u(seed bigint, j int) RETURNS float8 LANGUAGE sql IMMUTABLE AS
    $$ SELECT (hashint8(seed * 64 + j) & 2147483647)::float8 / 2147483648 $$`,
  );
  // n Zipf-skewed words of the conversation's language; 3 % carry an order number
  await q(
    c,
    `CREATE OR REPLACE FUNCTION bench_text(seed bigint, lang text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT string_agg(CASE WHEN lang = 'en' OR (lang = 'mixed' AND j % 2 = 0) THEN en[1 + floor(power(bench_u(seed, j), 2.2) * ${EN_WORDS.length})::int]
                      ELSE ru[1 + floor(power(bench_u(seed, j), 2.2) * ${RU_WORDS.length})::int] END, ' ')
           || CASE WHEN bench_u(seed, 40) < 0.03 THEN ' заказ A-' || (1000000 + floor(bench_u(seed, 41) * 8999999)::int) ELSE '' END
      FROM generate_series(1, 5 + floor(bench_u(seed, 0) * 8)::int) j,
           (SELECT ${sqlArray(RU_WORDS)} AS ru, ${sqlArray(EN_WORDS)} AS en) v $$`,
  );

  await step(
    'sources, agents, teams, tags',
    `WITH s AS (
       INSERT INTO sources (platform, name)
       SELECT CASE WHEN g <= 6 THEN 'vk' WHEN g <= 10 THEN 'telegram' ELSE 'youtube' END, 'bench-' || lpad(g::text, 2, '0')
         FROM generate_series(1, 12) g RETURNING id)
     INSERT INTO users (email, name, password_hash, role)
     SELECT 'agent' || g || '@bench.test', 'Agent ' || g, 'x', 'agent' FROM generate_series(1, 30) g`,
  );
  // the admin the bench signs in as (the app creates one only on a database without users)
  await q(
    c,
    `INSERT INTO users (email, name, password_hash, role) VALUES ('admin@otklik.test', 'Admin', $1, 'admin')`,
    [await hashPassword('admin-password-123')],
  );
  await q(c, `INSERT INTO teams (name) SELECT 'bench-team-' || g FROM generate_series(1, 3) g`);
  await q(
    c,
    `INSERT INTO team_members (team_id, user_id)
     SELECT t.id, u.id FROM (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE email LIKE '%@bench.test') u
       JOIN (SELECT id, row_number() OVER (ORDER BY name) AS n FROM teams WHERE name LIKE 'bench-team-%') t ON t.n = 1 + u.n % 3`,
  );
  await q(
    c,
    `INSERT INTO tags (name) SELECT 'bench-tag-' || lpad(g::text, 2, '0') FROM generate_series(1, 20) g`,
  );
  await step(
    'customers and contacts (200,000)',
    `WITH cu AS (
       INSERT INTO customers (display_name) SELECT 'b' || g FROM generate_series(1, 200000) g RETURNING id, display_name)
     INSERT INTO contacts (platform, external_id, customer_id, display_name, username)
     SELECT 'vk', cu.display_name, cu.id,
            (${sqlArray(NAMES)})[1 + floor(bench_u(n, 1) * ${NAMES.length})::int] || ' ' ||
            (${sqlArray(SURNAMES)})[1 + floor(bench_u(n, 2) * ${SURNAMES.length})::int],
            CASE WHEN bench_u(n, 3) < 0.4 THEN 'user_' || n END
       FROM cu, LATERAL (SELECT substr(cu.display_name, 2)::int AS n) x`,
  );

  const CHUNK = 100_000;
  for (let lo = 1; lo <= N; lo += CHUNK) {
    const hi = Math.min(N, lo + CHUNK - 1);
    await step(
      `conversations ${lo.toLocaleString('en')}–${hi.toLocaleString('en')}`,
      `WITH src AS (SELECT array_agg(id ORDER BY name) AS ids, array_agg(platform ORDER BY name) AS pl FROM sources WHERE name LIKE 'bench-%'),
            ag AS (SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE email LIKE '%@bench.test'),
            tm AS (SELECT array_agg(id ORDER BY name) AS ids FROM teams WHERE name LIKE 'bench-team-%'),
            g AS (
              SELECT g, CASE WHEN g % 20 = 0 THEN 'open' WHEN g % 100 = 1 THEN 'pending' WHEN g % 200 = 3 THEN 'snoozed'
                             ELSE 'resolved' END AS status,
                     1 + floor(power(bench_u(g, 1), 1.6) * 12)::int AS s,
                     CASE WHEN bench_u(g, 2) < 0.35 THEN 'support_question' WHEN bench_u(g, 2) < 0.55 THEN 'complaint'
                          WHEN bench_u(g, 2) < 0.70 THEN 'sales_question' WHEN bench_u(g, 2) < 0.80 THEN 'praise'
                          WHEN bench_u(g, 2) < 0.88 THEN 'spam' ELSE 'other' END AS intent,
                     CASE WHEN bench_u(g, 3) < 0.25 THEN 'negative' WHEN bench_u(g, 3) < 0.45 THEN 'positive' ELSE 'neutral' END AS sentiment,
                     CASE WHEN bench_u(g, 4) < 0.78 THEN 'ru' WHEN bench_u(g, 4) < 0.93 THEN 'en' WHEN bench_u(g, 4) < 0.98 THEN 'mixed'
                          ELSE 'other' END AS lang,
                     bench_u(g, 5) AS u5, bench_u(g, 6) AS u6, bench_u(g, 7) AS u7, bench_u(g, 8) AS u8
                FROM generate_series(${lo}, ${hi}) g),
            t AS (
              SELECT g.*, CASE WHEN status = 'resolved' THEN now() - interval '3 days' - u5 * interval '362 days'
                               ELSE now() - u5 * interval '6 hours' END AS first_at,
                     intent IN ('complaint', 'sales_question', 'support_question', 'praise') AS needs
                FROM g)
       INSERT INTO conversations (source_id, platform, thread_key, contact_id, customer_id, status, assignee_id, team_id,
         priority, intent, sentiment_label, needs_response, first_message_at, last_message_at, last_customer_message_at,
         sla_started_at, due_at, sla_warned_80_at, sla_breached_at, resolved_at, last_text, last_direction, language)
       SELECT src.ids[t.s], src.pl[t.s], 'bench:' || t.g, ct.id, ct.customer_id, t.status::conversation_status,
              CASE WHEN t.status = 'resolved' AND t.u6 < 0.95 OR t.status <> 'resolved' AND t.u6 < 0.5
                   THEN ag.ids[1 + floor(t.u7 * 30)::int] END,
              CASE WHEN t.u8 < 0.7 THEN tm.ids[1 + floor(t.u8 / 0.7 * 3)::int] END,
              floor(power(t.u7, 3) * 4)::int, t.intent, t.sentiment, t.needs AND t.status <> 'resolved',
              t.first_at, t.first_at + t.u6 * interval '2 hours', t.first_at + t.u6 * interval '2 hours' * 0.9,
              CASE WHEN t.needs AND t.status <> 'resolved' THEN t.first_at END,
              d.due, CASE WHEN d.due > now() AND now() >= t.first_at + (d.due - t.first_at) * 0.8 THEN now() END,
              CASE WHEN d.due <= now() THEN d.due END,
              CASE WHEN t.status = 'resolved' THEN t.first_at + interval '3 hours' END,
              left(CASE WHEN t.status = 'resolved' THEN (${sqlArray(BRAND)})[1 + t.g % ${BRAND.length}]
                        ELSE bench_text(t.g * 5 + 5, t.lang) END, 500),
              CASE WHEN t.status = 'resolved' THEN 'outbound' ELSE 'inbound' END, t.lang
         FROM t CROSS JOIN src CROSS JOIN ag CROSS JOIN tm
         JOIN contacts ct ON ct.platform = 'vk' AND ct.external_id = 'b' || (1 + (t.g::bigint * 7919) % 200000)
         CROSS JOIN LATERAL (SELECT CASE WHEN t.needs AND t.status <> 'resolved'
                               THEN t.first_at + CASE WHEN t.intent = 'sales_question' THEN interval '1 hour' ELSE interval '3 hours' END
                             END AS due) d`,
    );
  }

  for (let lo = 1; lo <= N; lo += 2 * CHUNK) {
    const hi = Math.min(N, lo + 2 * CHUNK - 1);
    await step(
      `items of conversations ${lo.toLocaleString('en')}–${hi.toLocaleString('en')}`,
      `INSERT INTO items (source_id, platform, kind, external_id, thread_external_id, conversation_id, contact_id,
         direction, author_external_id, author_name, text, created_at_platform, received_at, language, sentiment_label,
         intent, needs_response, analyzed_at)
       SELECT c.source_id, c.platform, 'message', 'b' || x.g || ':' || k, c.thread_key, c.id,
              CASE WHEN o.outbound THEN NULL ELSE c.contact_id END,
              CASE WHEN o.outbound THEN 'outbound' ELSE 'inbound' END,
              CASE WHEN o.outbound THEN 'brand' ELSE 'b' || x.g END,
              CASE WHEN o.outbound THEN 'Бренд' ELSE 'Клиент' END,
              CASE WHEN o.outbound THEN (${sqlArray(BRAND)})[1 + (x.g + k) % ${BRAND.length}] ELSE bench_text(x.g * 5 + k, c.language) END,
              c.first_message_at + (c.last_message_at - c.first_message_at) * (k - 1) / 4.0,
              c.first_message_at + (c.last_message_at - c.first_message_at) * (k - 1) / 4.0,
              CASE WHEN o.outbound THEN NULL ELSE c.language END,
              CASE WHEN o.outbound THEN NULL ELSE c.sentiment_label END,
              CASE WHEN o.outbound THEN NULL ELSE c.intent END,
              CASE WHEN o.outbound THEN NULL ELSE c.needs_response END, now()
         FROM conversations c
         CROSS JOIN LATERAL (SELECT substr(c.thread_key, 7)::int AS g) x
         CROSS JOIN generate_series(1, 5) k
         CROSS JOIN LATERAL (SELECT k IN (2, 4) OR (k = 5 AND c.status = 'resolved') AS outbound) o
        WHERE c.thread_key LIKE 'bench:%' AND substr(c.thread_key, 7)::int BETWEEN ${lo} AND ${hi}`,
    );
  }
  await step(
    'tags on 20 % of conversations',
    `WITH tg AS (SELECT array_agg(id ORDER BY name) AS ids FROM tags WHERE name LIKE 'bench-tag-%')
     INSERT INTO conversation_tags (conversation_id, tag_id)
     SELECT c.id, tg.ids[1 + floor(power(bench_u(hashtext(c.thread_key), 9), 2) * 20)::int]
       FROM conversations c, tg WHERE c.thread_key LIKE 'bench:%' AND bench_u(hashtext(c.thread_key), 10) < 0.2`,
  );
  // what the triggers keep (they are off while seeding): tags and words on the conversation
  await step(
    'tag ids on conversations',
    `UPDATE conversations c SET tag_ids = t.ids
       FROM (SELECT conversation_id, array_agg(tag_id ORDER BY tag_id) AS ids FROM conversation_tags GROUP BY 1) t
      WHERE c.id = t.conversation_id`,
  );
  await step(
    'search documents of conversations',
    `UPDATE conversations c SET search_doc = d.doc
       FROM (SELECT conversation_id, strip(otklik_tsvector_agg(search_tsv)) AS doc FROM items
              WHERE conversation_id IS NOT NULL GROUP BY 1) d
      WHERE c.id = d.conversation_id`,
  );
  await q(c, `SET session_replication_role = origin`);
  for (const d of defs) await step(`index ${d.name}`, d.def);
  await step('VACUUM ANALYZE', `VACUUM ANALYZE conversations, items, contacts, conversation_tags`);
  log(`seeded in ${((Date.now() - t0) / 60_000).toFixed(1)} min`);
}

interface Scenario {
  name: string;
  path: string;
  target?: { p95: number; rps?: number };
  /** Writes per second to the queue while measuring (each one moves the version: the cache is rebuilt). */
  writes?: number;
}

interface Figures {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  requests: number;
  non2xx: number;
  rows: number;
  /**
   * The app's CPU time (user + system, /proc) per request answered: what the API itself spends,
   * which a loaded machine changes far less than latency or throughput.
   */
  apiCpuMs: number;
}

/** CPU time a process has used so far, ms (/proc/<pid>/stat: utime + stime, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const pct = (sorted: number[], p: number) =>
  sorted.length
    ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10
    : NaN;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One autocannon run; latencies from every response (autocannon's own table has no p95). */
async function measure(url: string, cookie: string, seconds: number, appPid: number): Promise<Figures> {
  const times: number[] = [];
  const cpu0 = cpuMs(appPid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections: CONNECTIONS, duration: seconds, headers: { cookie } },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
  const cpu = cpuMs(appPid) - cpu0;
  times.sort((a, b) => a - b);
  return {
    apiCpuMs: Math.round((cpu / Math.max(1, result.requests.total)) * 100) / 100,
    p50: pct(times, 50),
    p95: pct(times, 95),
    p99: pct(times, 99),
    rps: result.requests.total / seconds,
    requests: result.requests.total,
    non2xx: result.non2xx + result.errors + result.timeouts,
    rows: 0,
  };
}

/**
 * Idempotent additions to a seeded database: a rare word (in RARE_ITEMS inbound items spread over
 * the conversations; the vocabulary's words are all in 1 % or more of the messages).
 */
async function fixtures(c: Client) {
  const has = await q(
    c,
    `SELECT count(*)::int AS n FROM items WHERE search_tsv @@ (websearch_to_tsquery('russian', $1)
       || websearch_to_tsquery('english', $1) || websearch_to_tsquery('simple', $1))`,
    [RARE_WORD],
  );
  if (has.rows[0].n >= RARE_ITEMS) return;
  const s = Date.now();
  await q(
    c,
    `UPDATE items SET text = text || ' нужна ' || $1
      WHERE id IN (SELECT i.id FROM conversations c JOIN items i ON i.conversation_id = c.id AND i.direction = 'inbound'
                    WHERE c.thread_key IN (SELECT 'bench:' || (1 + (g * 16661) % $2) FROM generate_series(1, $3) g)
                      AND i.external_id LIKE '%:1')`,
    [RARE_WORD, N, RARE_ITEMS],
  );
  log(`  fixture: "${RARE_WORD}" in ${RARE_ITEMS} items: ${((Date.now() - s) / 1000).toFixed(1)} s`);
}

async function main() {
  const url = await ensureDatabase();
  const c = new Client({ connectionString: url });
  await c.connect();
  const have = await seeded(c);
  if (have !== N) await seed(c);
  await fixtures(c);
  const facts = (
    await q(
      c,
      `SELECT (SELECT count(*) FROM conversations)::int AS conversations, (SELECT count(*) FROM items)::int AS items,
              (SELECT count(*) FROM conversations WHERE status = 'open')::int AS open,
              (SELECT count(*) FROM items WHERE search_tsv @@ (websearch_to_tsquery('russian', $1)
                 || websearch_to_tsquery('english', $1) || websearch_to_tsquery('simple', $1)))::int AS "searchItems"`,
      [SEARCH_WORD],
    )
  ).rows[0];
  if (SEED_ONLY) {
    await c.end();
    log('seeded; --seed-only: not measuring');
    return;
  }
  const vkTag = (await q(c, `SELECT id FROM tags WHERE name = 'bench-tag-03'`)).rows[0].id;
  await c.end();
  log(
    `${DB}: ${facts.conversations.toLocaleString('en')} conversations (${facts.open.toLocaleString('en')} open), ` +
      `${facts.items.toLocaleString('en')} items; "${SEARCH_WORD}" is in ${facts.searchItems.toLocaleString('en')} items`,
  );

  const app: ChildApp = await spawnApp(
    url,
    { ROLE: 'api', LOG_LEVEL: 'info' },
    APP_NODE_OPTIONS.split(/\s+/).filter(Boolean),
  );
  // The app logs every request (info); read and drop it here, as a log shipper would, instead of
  // keeping hundreds of megabytes in this process, which also runs autocannon.
  app.child.stdout!.removeAllListeners('data');
  app.child.stdout!.resume();
  const writer = new Client({ connectionString: url });
  await writer.connect();
  // a resolved conversation whose row changes (updated_at) without changing any open tab
  const written = (
    await q(writer, `SELECT id FROM conversations WHERE status = 'resolved' ORDER BY id LIMIT 1`)
  ).rows[0].id;
  /** Runs `fn` with `perSecond` small writes going on meanwhile (one transaction each). */
  const writing = async <T>(perSecond: number | undefined, fn: () => Promise<T>): Promise<T> => {
    if (!perSecond) return fn();
    let stop = false;
    let count = 0;
    const loop = (async () => {
      const t0 = Date.now();
      while (!stop) {
        await q(writer, `UPDATE conversations SET updated_at = now() WHERE id = $1`, [written]);
        count++;
        const wait = t0 + (count * 1000) / perSecond - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    })();
    try {
      return await fn();
    } finally {
      stop = true;
      await loop;
    }
  };
  try {
    const login = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@otklik.test', password: 'admin-password-123' }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((s) => s.split(';')[0])
      .join('; ');
    // a cursor 20 pages into the All tab (keyset: as cheap as the first page)
    let cursor = '';
    for (let i = 0; i < 20; i++) {
      const page = (await (
        await fetch(`${app.url}/api/conversations?status=all${cursor ? `&cursor=${cursor}` : ''}`, {
          headers: { cookie },
        })
      ).json()) as { nextCursor: string };
      cursor = page.nextCursor;
    }
    const FILTER = { p95: 50, rps: 1000 };
    const scenarios: Scenario[] = [
      { name: 'floor: GET /health/live', path: '/health/live' },
      { name: 'default view (open, 50 rows)', path: '/api/conversations', target: FILTER },
      {
        name: 'default view, 10 writes/s meanwhile',
        path: '/api/conversations',
        target: FILTER,
        writes: 10,
      },
      {
        name: 'filter: VK, negative, unassigned',
        path: '/api/conversations?platform=vk&sentiment=negative&assignee=unassigned',
        target: FILTER,
      },
      {
        name: 'filter: sales questions breached',
        path: '/api/conversations?intent=sales_question&sla=breached',
        target: FILTER,
      },
      {
        name: 'filter: all, English complaints, a tag',
        path: `/api/conversations?status=all&language=en&intent=complaint&tagId=${vkTag}`,
        target: FILTER,
      },
      { name: 'All tab (status=all)', path: '/api/conversations?status=all', target: FILTER },
      {
        name: 'All tab, page 21 (cursor)',
        path: `/api/conversations?status=all&cursor=${cursor}`,
        target: FILTER,
      },
      {
        name: `search "${SEARCH_WORD}", all statuses`,
        path: `/api/conversations?status=all&q=${encodeURIComponent(SEARCH_WORD)}`,
        target: { p95: 150 },
      },
      {
        name: `search "${SEARCH_WORD}", open`,
        path: `/api/conversations?q=${encodeURIComponent(SEARCH_WORD)}`,
        target: { p95: 150 },
      },
      {
        name: `search rare "${RARE_WORD}", all statuses`,
        path: `/api/conversations?status=all&q=${encodeURIComponent(RARE_WORD)}`,
        target: { p95: 150 },
      },
      { name: 'saved views with live counts', path: '/api/saved-views' },
    ].filter((s) => ONLY.length === 0 || ONLY.some((o) => s.name.includes(o)));

    const results: Record<
      string,
      Figures & { runs: Figures[]; target?: Scenario['target']; ratioToFloor?: number }
    > = {};
    for (const s of scenarios) {
      const probe = await fetch(`${app.url}${s.path}`, { headers: { cookie } });
      const body = (await probe.json()) as { conversations?: unknown[]; views?: unknown[] };
      if (probe.status !== 200) throw new Error(`${s.path}: ${probe.status}`);
      const pid = app.child.pid!;
      await writing(s.writes, () => measure(`${app.url}${s.path}`, cookie, 2, pid)); // warm-up
      const runs: Figures[] = [];
      for (let r = 0; r < RUNS; r++)
        runs.push(await writing(s.writes, () => measure(`${app.url}${s.path}`, cookie, DURATION, pid)));
      const m = (k: keyof Figures) => median(runs.map((x) => x[k]));
      results[s.name] = {
        p50: m('p50'),
        p95: m('p95'),
        p99: m('p99'),
        rps: Math.round(m('rps')),
        apiCpuMs: m('apiCpuMs'),
        requests: m('requests'),
        non2xx: runs.reduce((a, x) => a + x.non2xx, 0),
        rows: (body.conversations ?? body.views ?? []).length,
        runs,
        target: s.target,
      };
      const f = results[s.name];
      log(
        `${s.name.padEnd(42)} p50 ${String(f.p50).padStart(5)} ms  p95 ${String(f.p95).padStart(5)} ms  ` +
          `p99 ${String(f.p99).padStart(5)} ms  ${String(f.rps).padStart(6)} req/s  ` +
          `API CPU ${f.apiCpuMs.toFixed(2)} ms/req  rows ${f.rows}` +
          (f.non2xx ? `  non-2xx/errors ${f.non2xx}` : '') +
          (s.target
            ? `  target p95 ≤ ${s.target.p95} ms${s.target.rps ? `, ≥ ${s.target.rps} req/s` : ''}: ` +
              (f.p95 <= s.target.p95 && (!s.target.rps || f.rps >= s.target.rps) ? 'met' : 'NOT met')
            : ''),
      );
    }
    const floor = results['floor: GET /health/live'];
    if (floor)
      for (const r of Object.values(results)) r.ratioToFloor = Math.round((r.rps / floor.rps) * 100) / 100;
    const summary = {
      database: DB,
      ...facts,
      searchWord: SEARCH_WORD,
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      runs: RUNS,
      loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
      results,
    };
    if (JSON_OUT) console.log(JSON.stringify(summary, null, 2));
    else log(`load average ${summary.loadAverage.join(' ')} (2 cores, shared)`);
  } finally {
    await writer.end();
    await app.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
