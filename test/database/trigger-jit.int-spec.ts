import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../support/database';

/**
 * Statement triggers that read transition tables run with JIT off (migration 1732602000000): the
 * planner's guesses about those tables made PostgreSQL compile report_conversations_updated's
 * INSERT with LLVM on every ingest page (0.8–2.3 s of CPU each, for a statement that then ran in
 * milliseconds). A later CREATE OR REPLACE of such a function drops its settings unless it says
 * `SET jit = off` again: this is what catches it.
 */
describe('transition-table triggers without JIT', () => {
  let db: TestDatabase;
  let c: Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    c = new Client({ connectionString: db.url });
    await c.connect();
  });
  afterAll(async () => {
    await c.end();
    await db.drop();
  });

  /** Every trigger with an OLD or NEW TABLE: its table, event bits (tgtype) and function settings. */
  const transitionTriggers = async () =>
    (
      await c.query<{
        tbl: string;
        tgname: string;
        tgtype: number;
        proname: string;
        config: string[] | null;
      }>(
        `SELECT t.tgrelid::regclass::text AS tbl, t.tgname, t.tgtype::int AS tgtype, p.proname,
                p.proconfig AS config
           FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
          WHERE NOT t.tgisinternal AND (t.tgoldtable IS NOT NULL OR t.tgnewtable IS NOT NULL)
          ORDER BY 1, 2`,
      )
    ).rows;

  it('every function of such a trigger says jit = off', async () => {
    const rows = await transitionTriggers();
    expect(rows.map((r) => r.proname)).toEqual(
      expect.arrayContaining([
        'report_conversations_updated',
        'report_items_inserted',
        'otklik_search_doc_added',
      ]),
    );
    expect(rows.filter((r) => !(r.config ?? []).includes('jit=off')).map((r) => r.tgname)).toEqual([]);
  });

  it('no statement they run is JIT-compiled, even where the session compiles everything', async () => {
    const { rows } = await c.query<{ ok: boolean }>(`SELECT pg_jit_available() AS ok`);
    if (!rows[0].ok) return; // a server without LLVM compiles nothing: the settings test above still holds
    const plans: string[] = [];
    c.on('notice', (n) => plans.push(String(n.message)));
    // auto_explain prints each nested statement's plan, with a "JIT:" section when it was compiled
    await c.query(`LOAD 'auto_explain'`);
    await c.query(`SET auto_explain.log_min_duration = 0`);
    await c.query(`SET auto_explain.log_nested_statements = on`);
    await c.query(`SET auto_explain.log_level = notice`);
    await c.query(`SET jit = on`);
    await c.query(`SET jit_above_cost = 0`);
    plans.length = 0;
    await c.query(`SELECT count(*) FROM generate_series(1, 10)`);
    expect(plans.join('\n')).toContain('JIT:'); // the session does compile what costs anything
    const columns = async (tbl: string) =>
      (
        await c.query<{ attname: string }>(
          `SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0
             AND NOT attisdropped AND attgenerated = '' AND attidentity <> 'a' ORDER BY attnum`,
          [tbl],
        )
      ).rows.map((r) => r.attname);
    let fired = 0;
    for (const t of await transitionTriggers()) {
      const cols = await columns(t.tbl);
      // zero rows: a statement trigger fires all the same, and plans every query it runs
      const statements = [
        t.tgtype & 4
          ? `INSERT INTO ${t.tbl} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM ${t.tbl} WHERE false`
          : null,
        t.tgtype & 8 ? `DELETE FROM ${t.tbl} WHERE false` : null,
        t.tgtype & 16 ? `UPDATE ${t.tbl} SET ${cols[0]} = ${cols[0]} WHERE false` : null,
      ].filter((s): s is string => s !== null);
      for (const sql of statements) {
        plans.length = 0;
        await c.query('BEGIN');
        await c.query(sql);
        await c.query('ROLLBACK');
        const nested = plans.filter((p) => !p.includes(sql));
        expect(nested.length).toBeGreaterThan(0);
        expect(nested.filter((p) => p.includes('JIT:'))).toEqual([]);
        fired++;
      }
    }
    expect(fired).toBeGreaterThanOrEqual(10);
  });
});
