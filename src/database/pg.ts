import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { CopyValueError } from './pg-copy-binary';
import { PG, pgCode } from './pg-errors';

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
  const code = pgCode(err);
  const constraint = (err as { constraint?: string } | undefined)?.constraint ?? '';
  return (
    code === PG.DEADLOCK_DETECTED ||
    code === PG.SERIALIZATION_FAILURE ||
    (code === PG.UNIQUE_VIOLATION && NATURAL_KEYS.has(constraint))
  );
}

/**
 * An error that belongs to the data of some row rather than to the database or the connection:
 * PostgreSQL's data exceptions (class 22: a value it cannot take, e.g. NUL in jsonb, a timestamp
 * out of range), integrity violations other than the retryable natural-key race (class 23),
 * program limits (class 54: e.g. an index row too big) and values the COPY encoder cannot write.
 * Retrying the same rows cannot help; storing them one by one finds the culprit (see
 * isolateFailures). Anything else (connection lost, shutdown, a raised exception) fails the
 * batch as before, to be retried whole.
 */
export function isItemDataError(err: unknown): boolean {
  if (err instanceof CopyValueError) return true;
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return false;
  if (isRetryableTxError(err)) return false;
  return code.startsWith('22') || code.startsWith('23') || code.startsWith('54');
}

/** The error as a short line for the quarantine: PostgreSQL's message and detail, else the message. */
export function describeStorageError(err: unknown): { error: string; errorCode: string | null } {
  const e = err as { message?: unknown; detail?: unknown; code?: unknown } | undefined;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const detail = typeof e?.detail === 'string' && e.detail ? ` (${e.detail})` : '';
  const code = typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : null;
  return { error: `${message}${detail}`.slice(0, 2000), errorCode: code };
}
