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

/** Deadlocks and serialization failures are safe to retry: the transaction left nothing behind. */
export function isRetryableTxError(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === '40P01' || code === '40001';
}
