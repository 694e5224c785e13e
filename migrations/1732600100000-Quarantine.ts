import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One message must not poison a source (issue 8.2).
 * - items.cleaned: what ingest replaced (NUL, lone surrogates → U+FFFD) in what the platform sent,
 *   `{"fields": [...], "replaced": n}`; NULL when the item was stored as received.
 * - quarantine: items that still could not be stored. Their batch commits without them and the
 *   cursor moves on; the item is kept here as received (bytes: no character can make the row
 *   fail), with the error, to be seen and replayed by an admin. Never deleted, like items. The
 *   same payload failing again (a redelivery) is one row (`seen_count`), not a pile.
 */
export class Quarantine1732600100000 implements MigrationInterface {
  name = 'Quarantine1732600100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE items ADD COLUMN cleaned jsonb`);
    await q.query(`CREATE TABLE quarantine (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      source_id uuid NOT NULL REFERENCES sources(id) ON DELETE RESTRICT,
      external_id text,
      payload bytea NOT NULL,
      payload_sha256 bytea NOT NULL,
      error text NOT NULL,
      error_code text,
      seen_count int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      replayed_at timestamptz,
      replay_result text CHECK (replay_result IN ('stored', 'duplicate', 'failed')),
      replay_error text,
      replayed_by uuid REFERENCES users(id) ON DELETE SET NULL,
      UNIQUE (source_id, payload_sha256)
    )`);
    await q.query(`CREATE INDEX quarantine_source_idx ON quarantine (source_id, id)`);
    await q.query(`CREATE TRIGGER quarantine_never_deleted BEFORE DELETE ON quarantine
      FOR EACH ROW EXECUTE FUNCTION otklik_refuse_delete()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE quarantine`);
    await q.query(`ALTER TABLE items DROP COLUMN cleaned`);
  }
}
