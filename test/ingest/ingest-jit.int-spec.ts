import { comment, dm, IngestHarness, openIngestHarness } from './harness';

/**
 * Ingest's page transaction runs with JIT off (set local, with search_doc's setting): as the
 * tables grew, refreshPreviews' conversation UPDATE was estimated above PostgreSQL's JIT
 * thresholds and compiled with LLVM on each page (1–3 s of CPU in bench:catchup for a statement of
 * milliseconds). What each of the page's statements saw is recorded by a statement trigger of the
 * test's own; the setting must not outlive the transaction on the pooled connection.
 */
describe('ingest without JIT', () => {
  let h: IngestHarness;
  let source: string;
  beforeAll(async () => {
    h = await openIngestHarness();
    source = await h.createSource('vk');
    // whatever the server's default, this database compiles: only ingest's own setting turns it off
    await h.ds.query(`ALTER DATABASE ${h.db.name} SET jit = on`);
    await h.ds.destroy();
    await h.ds.initialize();
    await h.ds.query(`CREATE TABLE jit_seen (tbl text, op text, jit text)`);
    await h.ds.query(`CREATE FUNCTION record_jit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO jit_seen VALUES (TG_TABLE_NAME, TG_OP, current_setting('jit')); RETURN NULL; END $$`);
    for (const [tbl, op] of [
      ['items', 'INSERT'],
      ['conversations', 'INSERT'],
      ['conversations', 'UPDATE'],
    ])
      await h.ds.query(
        `CREATE TRIGGER zz_record_jit_${op.toLowerCase()} AFTER ${op} ON ${tbl} FOR EACH STATEMENT EXECUTE FUNCTION record_jit()`,
      );
  });
  afterAll(() => h.stop());

  it("runs a page's statements with jit off, and only that transaction", async () => {
    const first = dm('j1', { text: 'Сломался роутер' });
    await h.ingest.ingest(source, { items: [first, comment({ author: { externalId: 'j2' } })], cursors: {} });
    // a later page: new items in an existing conversation (the UPDATE that was compiled)
    await h.ingest.ingest(source, {
      items: [dm('j1', { text: 'Всё ещё не работает', createdAt: new Date('2024-11-01T12:00:00Z') })],
      cursors: {},
    });
    const seen: { tbl: string; op: string; jit: string }[] = await h.ds.query(
      `SELECT tbl, op, jit FROM jit_seen ORDER BY 1, 2`,
    );
    expect(new Set(seen.map((s) => `${s.tbl} ${s.op}`))).toEqual(
      new Set(['items INSERT', 'conversations INSERT', 'conversations UPDATE']),
    );
    expect(seen.filter((s) => s.jit !== 'off')).toEqual([]);
    // every pooled connection is back to the database's setting
    const after: { jit: string }[][] = await Promise.all(
      [1, 2, 3, 4].map(() => h.ds.query(`SELECT current_setting('jit') AS jit, pg_sleep(0.05)`)),
    );
    expect(after.map((r) => r[0].jit)).toEqual(['on', 'on', 'on', 'on']);
  });
});
