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
