import { Client } from 'pg';

export default async function globalTeardown() {
  const url = process.env.OTKLIK_TEST_SERVER_URL!;
  const template = process.env.OTKLIK_TEST_TEMPLATE!;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  // Databases cloned for this run share the template's suffix.
  const suffix = template.replace('otklik_tpl_', '');
  const { rows } = await admin.query(
    `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
    [`otklik_t_${suffix}_%`, template],
  );
  // On PostgreSQL 15 each DROP DATABASE waits for an immediate checkpoint of the whole server that
  // began after it asked. Drops that ask at the same moment share one; drops in a few lanes queue
  // up behind each other (eight lanes: 53 checkpoints and 46 s for 60 clones, all at once: 2 and
  // 1 s). So one lane per database, within the connections the server has to spare.
  const [{ spare }] = (
    await admin.query(
      `SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int
              - (SELECT count(*) FROM pg_stat_activity)::int - 10 AS spare`,
    )
  ).rows;
  const names: string[] = rows.map((r) => r.datname);
  // Connected first, so the drops ask for their checkpoint together.
  // Besides `admin`: at least the seven more this always had, at most 150; never more than there
  // are databases left. A connection refused is a lane fewer.
  const extra = Math.max(0, Math.min(names.length - 1, Math.max(7, Math.min(150, spare))));
  const lanes = await Promise.all(
    Array.from({ length: extra }, async () => {
      const c = new Client({ connectionString: url });
      return c.connect().then(
        () => c,
        () => undefined,
      );
    }),
  );
  const clients = [admin, ...lanes.filter((c): c is Client => !!c)];
  try {
    await Promise.all(
      clients.map(async (c) => {
        for (let n = names.pop(); n; n = names.pop())
          await c.query(`DROP DATABASE IF EXISTS "${n}" WITH (FORCE)`);
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  const embedded = (globalThis as any).__OTKLIK_EMBEDDED__;
  if (embedded) await embedded.stop();
}
