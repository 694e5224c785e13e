/**
 * The customer panel's "same phone number or e-mail" suggestion, before and after stored clues
 * (issue 12.4). Before: the customer's newest 300 messages that may hold a number or an e-mail,
 * parsed in TypeScript, then every inbound message of the last 180 days scanned with ILIKE and a
 * digits-only regexp_replace. After: the customer's clues and the other contacts with the same
 * clues, both by index (`contact_clues`, written by ingest). A one-row query in the same run is
 * the machine's baseline (the machine is shared: quote `uptime` with the figures).
 *
 *   npx ts-node --transpile-only bench/customer-clues.bench.ts [--items 300000] [--runs 20] [--json]
 */
import 'reflect-metadata';
import { contactClues, extractIdentifiers, mergeIdentifiers } from '../src/customers/identity';
import { CustomersRepository } from '../src/customers/customers.repository';
import { createBenchDb } from './support/bench-db';

const argv = process.argv;
const opt = (name: string, d: string) => {
  const i = argv.indexOf(`--${name}`);
  return i > 0 ? argv[i + 1] : d;
};
const ITEMS = Number(opt('items', '300000'));
const RUNS = Number(opt('runs', '20'));
const JSON_OUT = argv.includes('--json');
const CONTACTS = Math.max(100, Math.floor(ITEMS / 20));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.95 * xs.length))];

async function main() {
  const db = await createBenchDb(4);
  const q = (text: string, params: unknown[] = []) => db.ds.query(text, params);
  try {
    const seedStart = Date.now();
    const [{ id: sourceId }] = await q(
      `INSERT INTO sources (platform, name, settings) VALUES ('vk', 'bench', '{}') RETURNING id`,
    );
    // contacts, each its own customer and one conversation
    await q(
      `WITH cu AS (INSERT INTO customers (display_name) SELECT 'c' || g FROM generate_series(1, $1) g RETURNING id, display_name)
       INSERT INTO contacts (platform, external_id, customer_id, display_name) SELECT 'vk', display_name, id, display_name FROM cu`,
      [CONTACTS],
    );
    await q(
      `INSERT INTO conversations (source_id, platform, thread_key, contact_id, customer_id, status, first_message_at, last_message_at)
       SELECT $1, 'vk', 'dm:' || ct.external_id, ct.id, ct.customer_id, 'resolved', now() - interval '180 days', now()
         FROM contacts ct`,
      [sourceId],
    );
    // inbound messages over 180 days: ~2 % a phone number from a pool of 3,000 (so people
    // share numbers), ~1 % an e-mail, some with other digits (orders, dates), the rest plain words
    await q(
      `INSERT INTO items (source_id, platform, kind, external_id, conversation_id, contact_id, direction, text, created_at_platform)
       SELECT $1, 'vk', 'message', 'm' || g, cv.id, cv.contact_id, 'inbound',
              CASE WHEN g % 50 = 0 THEN 'перезвоните мне +7 (916) ' || lpad(((g / 50)::bigint * 7919 % 3000)::text, 3, '0') || '-45-67'
                   WHEN g % 100 = 1 THEN 'почта для акта user' || ((g / 100) * 31 % 2000) || '@mail.ru'
                   WHEN g % 10 = 2 THEN 'заказ ' || (100000 + g % 900000) || ' от 2024-11-0' || (g % 9 + 1)
                   ELSE 'интернет не работает второй день, помогите пожалуйста' END,
              now() - (g % 180) * interval '1 day' - (g % 1440) * interval '1 minute'
         FROM generate_series(1, $2) g
         JOIN conversations cv ON cv.thread_key = 'dm:c' || (1 + g % $3)`,
      [sourceId, ITEMS, CONTACTS],
    );
    // the clues ingest would have stored for them (the same extraction)
    const texts: { contact_id: string; text: string }[] = await q(
      `SELECT contact_id, text FROM items WHERE text LIKE '%@%' OR text ~ '\\d{3}'`,
    );
    const clueRows = new Map<string, [string, string]>();
    for (const r of texts)
      for (const c of contactClues(r.text)) clueRows.set(`${c} ${r.contact_id}`, [c, r.contact_id]);
    const list = [...clueRows.values()];
    for (let i = 0; i < list.length; i += 5000) {
      const part = list.slice(i, i + 5000);
      await q(
        `INSERT INTO contact_clues (clue, contact_id, last_seen_at) SELECT unnest($1::text[]), unnest($2::uuid[]), now()`,
        [part.map((x) => x[0]), part.map((x) => x[1])],
      );
    }
    await q(`ANALYZE`);
    const seedMs = Date.now() - seedStart;

    // customers who wrote a phone number (the panel's interesting case)
    const customers: string[] = (
      await q(
        `SELECT DISTINCT ct.customer_id AS id FROM contact_clues cc JOIN contacts ct ON ct.id = cc.contact_id
          WHERE cc.clue LIKE 'p:%' LIMIT $1`,
        [RUNS + 2],
      )
    ).map((r: { id: string }) => r.id);

    /** The code before stored clues (CustomersRepository at 1656543^), kept here to compare. */
    const before = async (customerId: string) => {
      const own: { text: string }[] = await q(
        `SELECT i.text FROM conversations c JOIN items i ON i.conversation_id = c.id
          WHERE c.customer_id = $1 AND i.direction = 'inbound' AND (i.text LIKE '%@%' OR i.text ~ '\\d{3}')
          ORDER BY i.created_at_platform DESC LIMIT 300`,
        [customerId],
      );
      const mine = mergeIdentifiers(own.map((r) => extractIdentifiers(r.text)));
      if (mine.phones.length === 0 && mine.emails.length === 0) return 0;
      const rows = await q(
        `SELECT i.contact_id AS "contactId", ct.customer_id AS "customerId", i.text
           FROM items i JOIN contacts ct ON ct.id = i.contact_id
          WHERE i.created_at_platform > now() - make_interval(days => 180) AND i.direction = 'inbound'
            AND ct.customer_id <> $1
            AND (i.text ILIKE ANY ($3::text[])
                 OR (cardinality($2::text[]) > 0 AND i.text ~ '\\d{3}'
                     AND regexp_replace(i.text, '\\D', '', 'g') LIKE ANY ($2::text[])))
          LIMIT 200`,
        [customerId, mine.phones.map((p) => `%${p}%`), mine.emails.map((e) => `%${e}%`)],
      );
      return new Set(rows.map((r: { contactId: string }) => r.contactId)).size;
    };
    const repo = new CustomersRepository(db.ds);
    const after = async (customerId: string) => {
      const clues = await repo.clues(customerId);
      return (await repo.contactsWithClues(customerId, clues)).length;
    };
    const baseline = async () => (await q(`SELECT 1 AS one`)).length;

    const times = { baseline: [] as number[], before: [] as number[], after: [] as number[] };
    let agree = 0;
    for (const id of customers.slice(0, 2)) await Promise.all([before(id), after(id)]); // warm
    for (const id of customers.slice(2)) {
      const t0 = performance.now();
      await baseline();
      const t1 = performance.now();
      const b = await before(id);
      const t2 = performance.now();
      const a = await after(id);
      const t3 = performance.now();
      times.baseline.push(t1 - t0);
      times.before.push(t2 - t1);
      times.after.push(t3 - t2);
      if (a === b) agree++;
    }
    const figures = {
      items: ITEMS,
      contacts: CONTACTS,
      clues: list.length,
      runs: times.before.length,
      seedMs,
      baselineMedianMs: median(times.baseline),
      beforeMedianMs: median(times.before),
      beforeP95Ms: p95(times.before),
      afterMedianMs: median(times.after),
      afterP95Ms: p95(times.after),
      speedup: median(times.before) / median(times.after),
      sameContactsFound: `${agree}/${times.before.length}`,
    };
    if (JSON_OUT) console.log(JSON.stringify(figures));
    else {
      const f = (x: number) => x.toFixed(2);
      console.log(
        `customer panel same-person look-up, ${ITEMS} items / ${CONTACTS} contacts / ${list.length} clues, ` +
          `${figures.runs} customers (seeded in ${(seedMs / 1000).toFixed(1)} s)\n` +
          `  baseline SELECT 1          median ${f(figures.baselineMedianMs)} ms\n` +
          `  before (scan 180 days)     median ${f(figures.beforeMedianMs)} ms, p95 ${f(figures.beforeP95Ms)} ms\n` +
          `  after (contact_clues)      median ${f(figures.afterMedianMs)} ms, p95 ${f(figures.afterP95Ms)} ms\n` +
          `  ratio before/after ${figures.speedup.toFixed(1)}×; same contacts found: ${figures.sameContactsFound}`,
      );
    }
  } finally {
    await db.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
