import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, the queue's response cache (src/inbox/queue-cache.ts): a version of everything a
 * queue page shows, in PostgreSQL so every API instance sees the same one. A statement-level
 * trigger on each table a page reads (conversations; their tags; the tags, sources and contacts
 * rows it names; items, which search reads) adds one to it in the writing transaction, so no
 * code path (nor a hand-made UPDATE) can forget to, and the new version is visible exactly when
 * the change is.
 *
 * The version is the sum of 64 counters: a transaction adds to the one its transaction id picks,
 * so concurrent writers (ingest workers, jobs) rarely wait for each other's row lock, and only
 * once per transaction (a transaction-local setting remembers it). Counters only grow, so the sum
 * changes with every committed write.
 */
export class QueueVersion1732602100000 implements MigrationInterface {
  name = 'QueueVersion1732602100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE queue_version (shard int PRIMARY KEY, n bigint NOT NULL DEFAULT 0)`);
    await q.query(`INSERT INTO queue_version (shard) SELECT g FROM generate_series(0, 63) g`);
    // jit off like every trigger function's (migration TriggerFunctionsWithoutJit): nothing here pays back compiling
    await q.query(`CREATE FUNCTION otklik_bump_queue_version() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
      BEGIN
        IF current_setting('otklik.queue_bumped', true) IS DISTINCT FROM 'y' THEN
          -- an upsert: a lost counter row must not freeze the version
          INSERT INTO queue_version (shard, n) VALUES ((pg_current_xact_id()::text::bigint % 64)::int, 1)
            ON CONFLICT (shard) DO UPDATE SET n = queue_version.n + 1;
          PERFORM set_config('otklik.queue_bumped', 'y', true);
        END IF;
        RETURN NULL;
      END $$`);
    for (const t of ['conversations', 'conversation_tags', 'tags', 'sources', 'contacts']) {
      await q.query(`CREATE TRIGGER ${t}_queue_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t}
        FOR EACH STATEMENT EXECUTE FUNCTION otklik_bump_queue_version()`);
    }
    // items: what search reads (text and language make search_tsv and order_refs) and where they belong
    await q.query(`CREATE TRIGGER items_queue_version
      AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF text, language, conversation_id ON items
      FOR EACH STATEMENT EXECUTE FUNCTION otklik_bump_queue_version()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER items_queue_version ON items`);
    for (const t of ['conversations', 'conversation_tags', 'tags', 'sources', 'contacts']) {
      await q.query(`DROP TRIGGER ${t}_queue_version ON ${t}`);
    }
    await q.query(`DROP FUNCTION otklik_bump_queue_version()`);
    await q.query(`DROP TABLE queue_version`);
  }
}
