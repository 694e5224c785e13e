import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../src/database/database.options';
import { createEmptyDatabase, TestDatabase } from '../support/database';

describe('migrations', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createEmptyDatabase();
    ds = new DataSource(databaseOptions(db.url, 2));
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const tables = async () =>
    (
      await ds.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
      )
    ).map((r: any) => r.table_name);

  it('runs up from an empty database, back down, and up again', async () => {
    expect(await tables()).toEqual([]);
    const ran = await ds.runMigrations();
    expect(ran.length).toBeGreaterThan(0);
    const after = await tables();
    for (const t of ['users', 'sources', 'items', 'conversations', 'replies', 'sla_policies', 'audit_log']) {
      expect(after).toContain(t);
    }
    for (let i = 0; i < ran.length; i++) await ds.undoLastMigration();
    expect(await tables()).toEqual([]);
    await ds.runMigrations();
    expect(await tables()).toEqual(after);
  });

  it('never synchronises and refuses to delete customer items', async () => {
    expect(ds.options.synchronize).toBe(false);
    const [src] = await ds.query(`INSERT INTO sources (platform, name) VALUES ('webhook', 's') RETURNING id`);
    const [item] = await ds.query(
      `INSERT INTO items (source_id, platform, kind, external_id, created_at_platform, text)
       VALUES ($1, 'webhook', 'message', 'x1', now(), 'hello') RETURNING id`,
      [src.id],
    );
    await expect(ds.query(`DELETE FROM items WHERE id = $1`, [item.id])).rejects.toThrow(/never deletes/);
    const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM items`);
    expect(count).toBe(1);
  });

  it('has the inbox queue index by status and due time (one index path for every status tab)', async () => {
    const [idx] = await ds.query(
      `SELECT indexdef FROM pg_indexes WHERE indexname = 'conversations_queue_idx'`,
    );
    expect(idx.indexdef).toMatch(/\(status, due_at, priority DESC, id\)/);
  });
});
