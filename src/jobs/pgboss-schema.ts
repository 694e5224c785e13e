import PgBoss from 'pg-boss';

/** pg-boss keeps its tables here, beside (not inside) the care-domain tables in `public`. */
export const PGBOSS_SCHEMA = 'pgboss';

interface SqlRunner {
  query(sql: string): Promise<unknown>;
}

/**
 * Brings the pg-boss schema to the version the installed pg-boss expects, using pg-boss's own
 * SQL (construction plans on an empty database, migration plans on an older one). Called only
 * from TypeORM migrations, so the schema changes only through `migrations/`; at runtime pg-boss
 * starts with `migrate: false` and refuses a mismatched schema. After upgrading pg-boss to a
 * release with a new schema version, add a migration that calls this again.
 *
 * pg-boss wraps its plans in BEGIN/COMMIT; TypeORM already runs each migration in a
 * transaction, so the wrapper is removed and the plan joins that transaction (the advisory lock
 * inside still serialises concurrent starters).
 */
export async function installPgBossSchema(q: SqlRunner, schema = PGBOSS_SCHEMA): Promise<void> {
  const [{ installed }] = (await q.query(
    `SELECT to_regclass('${schema}.version') IS NOT NULL AS installed`,
  )) as { installed: boolean }[];
  if (!installed) {
    await q.query(unwrap(PgBoss.getConstructionPlans(schema)));
    return;
  }
  const [row] = (await q.query(`SELECT version FROM ${schema}.version`)) as { version: number }[];
  if (Number(row.version) < pgBossSchemaVersion()) {
    await q.query(unwrap(PgBoss.getMigrationPlans(schema, String(row.version))));
  }
}

export async function dropPgBossSchema(q: SqlRunner, schema = PGBOSS_SCHEMA): Promise<void> {
  await q.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

/** The schema version the installed pg-boss package expects. */
export function pgBossSchemaVersion(): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('pg-boss/version.json').schema;
}

function unwrap(plan: string): string {
  return plan.replace(/^\s*BEGIN;/, '').replace(/COMMIT;\s*$/, '');
}
