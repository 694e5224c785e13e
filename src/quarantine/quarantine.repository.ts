import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/** An item ingest could not store, as it goes into the quarantine. */
export interface QuarantineInput {
  sourceId: string;
  externalId: string | null;
  payload: Buffer;
  error: string;
  errorCode: string | null;
}

export type ReplayResult = 'stored' | 'duplicate' | 'failed';

export interface QuarantineRow {
  id: string;
  sourceId: string;
  externalId: string | null;
  payload: Buffer;
  error: string;
  errorCode: string | null;
  seenCount: number;
  createdAt: Date;
  lastSeenAt: Date;
  replayedAt: Date | null;
  replayResult: ReplayResult | null;
  replayError: string | null;
  replayedBy: string | null;
}

export interface QuarantineFilter {
  sourceId?: string;
  /** open: never replayed, or the replay failed; resolved: stored or found stored by a replay. */
  status?: 'open' | 'resolved' | 'all';
  /** Rows with a smaller id than this (the previous page's last id). */
  before?: string;
  limit: number;
}

const COLUMNS = `id::text AS "id", source_id AS "sourceId", external_id AS "externalId", payload,
  error, error_code AS "errorCode", seen_count AS "seenCount", created_at AS "createdAt",
  last_seen_at AS "lastSeenAt", replayed_at AS "replayedAt", replay_result AS "replayResult",
  replay_error AS "replayError", replayed_by AS "replayedBy"`;

/**
 * The quarantine's SQL. Rows are only ever added or annotated (replays), never deleted: the
 * table refuses DELETE like items.
 */
export class QuarantineRepository {
  /**
   * Adds items on ingest's transaction client, in the transaction that saves the batch's cursors.
   * The same payload again (a redelivery, another reconciliation pass) bumps `seen_count` of its
   * row instead of adding one.
   */
  async add(c: PoolClient, rows: QuarantineInput[]): Promise<void> {
    const byDigest = new Map<string, QuarantineInput & { digest: Buffer }>();
    for (const r of rows) {
      const digest = createHash('sha256').update(r.payload).digest();
      byDigest.set(`${r.sourceId}:${digest.toString('hex')}`, { ...r, digest });
    }
    const list = [...byDigest.values()];
    if (list.length === 0) return;
    await c.query(
      `INSERT INTO quarantine (source_id, external_id, payload, payload_sha256, error, error_code)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::bytea[], $4::bytea[], $5::text[], $6::text[])
       ON CONFLICT (source_id, payload_sha256) DO UPDATE SET
         seen_count = quarantine.seen_count + 1, last_seen_at = now(),
         error = EXCLUDED.error, error_code = EXCLUDED.error_code`,
      [
        list.map((r) => r.sourceId),
        list.map((r) => r.externalId),
        list.map((r) => r.payload),
        list.map((r) => r.digest),
        list.map((r) => r.error),
        list.map((r) => r.errorCode),
      ],
    );
  }

  async list(ds: DataSource, f: QuarantineFilter): Promise<QuarantineRow[]> {
    return ds.query(
      `SELECT ${COLUMNS} FROM quarantine
       WHERE ($1::uuid IS NULL OR source_id = $1)
         AND ($2::bigint IS NULL OR id < $2)
         AND CASE $3::text
               WHEN 'open' THEN replay_result IS NULL OR replay_result = 'failed'
               WHEN 'resolved' THEN replay_result IN ('stored', 'duplicate')
               ELSE true END
       ORDER BY id DESC LIMIT $4`,
      [f.sourceId ?? null, f.before ?? null, f.status ?? 'all', f.limit],
    );
  }

  async find(ds: DataSource, id: string): Promise<QuarantineRow | undefined> {
    const rows: QuarantineRow[] = await ds.query(`SELECT ${COLUMNS} FROM quarantine WHERE id = $1`, [id]);
    return rows[0];
  }

  async recordReplay(
    ds: DataSource,
    id: string,
    outcome: { result: ReplayResult; error: string | null; userId: string | null },
  ): Promise<void> {
    await ds.query(
      `UPDATE quarantine SET replayed_at = now(), replay_result = $2, replay_error = $3, replayed_by = $4
       WHERE id = $1`,
      [id, outcome.result, outcome.error, outcome.userId],
    );
  }
}
