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
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.end();
  const embedded = (globalThis as any).__OTKLIK_EMBEDDED__;
  if (embedded) await embedded.stop();
}
