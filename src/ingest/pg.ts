import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * A raw `pg` client from TypeORM's pool inside one transaction. Ingest speaks plain SQL with
 * array parameters (multi-row upserts through unnest), which TypeORM's query() result shapes
 * would only get in the way of.
 */
export async function inPgTransaction<T>(ds: DataSource, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const qr = ds.createQueryRunner();
  const client = (await qr.connect()) as PoolClient;
  try {
    await client.query('BEGIN');
    try {
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    await qr.release();
  }
}

/**
 * Natural keys ingest inserts under without ON CONFLICT (new rows go in by COPY): a concurrent
 * transaction storing the same item or conversation makes ours fail here, and the retry sees the
 * winner's row. (Contacts are inserted with ON CONFLICT DO NOTHING.)
 */
const NATURAL_KEYS = new Set(['items_source_id_external_id_key', 'conversations_source_id_thread_key_key']);

/**
 * Deadlocks, serialization failures and a lost race on a natural key are safe to retry: the
 * transaction left nothing behind.
 */
export function isRetryableTxError(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string } | undefined;
  const code = e?.code;
  return code === '40P01' || code === '40001' || (code === '23505' && NATURAL_KEYS.has(e?.constraint ?? ''));
}
