import { EntityManager } from 'typeorm';

/**
 * Anything that runs SQL: the DataSource, the EntityManager of an open transaction, or a raw
 * `pg` client inside one (ingest's).
 */
export type Queryable =
  Pick<EntityManager, 'query'> | { query(text: string, params?: unknown[]): Promise<unknown> };

/**
 * Runs SQL and returns the rows. TypeORM's postgres driver answers UPDATE/DELETE with
 * `[rows, rowCount]` and everything else with `rows`, a `pg` client with a result object; this
 * hides the difference.
 */
export async function sqlRows<T = Record<string, any>>(
  db: Queryable,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const r: unknown = await db.query(text, params);
  if (Array.isArray(r)) {
    if (r.length === 2 && Array.isArray(r[0]) && typeof r[1] === 'number') return r[0] as T[];
    return r as T[];
  }
  return ((r as { rows?: T[] } | undefined)?.rows ?? []) as T[];
}

export async function sqlOne<T = Record<string, any>>(
  db: Queryable,
  text: string,
  params: unknown[] = [],
): Promise<T | undefined> {
  return (await sqlRows<T>(db, text, params))[0];
}

/** PostgreSQL error codes we map to HTTP answers. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';

export function pgCode(err: unknown): string | undefined {
  const e = err as { code?: string; driverError?: { code?: string } };
  return e?.driverError?.code ?? e?.code;
}
