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
  await admin.end();
  // Eight at a time: concurrent drops share the checkpoint each of them waits for.
  const names: string[] = rows.map((r) => r.datname);
  await Promise.all(
    Array.from({ length: Math.min(8, names.length) }, async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        for (let n = names.pop(); n; n = names.pop())
          await c.query(`DROP DATABASE IF EXISTS "${n}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    }),
  );
  const embedded = (globalThis as any).__OTKLIK_EMBEDDED__;
  if (embedded) await embedded.stop();
}
