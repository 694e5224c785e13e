import { DataSource, QueryRunner } from 'typeorm';

/**
 * Runs `work` in a REPEATABLE READ transaction while holding a session advisory lock taken
 * before the transaction starts, so its snapshot already sees everything the previous holder
 * committed (a lock taken inside would be waited for with an older snapshot).
 */
export async function exclusively<T>(
  db: DataSource,
  lock: string,
  work: (qr: QueryRunner) => Promise<T>,
  options: { wait?: boolean } = {},
): Promise<T | undefined> {
  const qr = db.createQueryRunner();
  await qr.connect();
  try {
    if (options.wait === false) {
      const [{ ok }] = await qr.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok`, [lock]);
      if (!ok) return undefined;
    } else await qr.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [lock]);
    try {
      await qr.startTransaction('REPEATABLE READ');
      try {
        const out = await work(qr);
        await qr.commitTransaction();
        return out;
      } catch (err) {
        await qr.rollbackTransaction().catch(() => undefined);
        throw err;
      }
    } finally {
      await qr.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [lock]).catch(() => undefined);
    }
  } finally {
    await qr.release();
  }
}

export const TERMS_LOCK = 'otklik:reports:terms';
/** Taken by report_fold() inside PostgreSQL too (migrations/1732600500000-Reports.ts). */
export const FOLD_LOCK = 'otklik:reports:fold';
