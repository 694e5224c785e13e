import { Client as Pg } from 'pg';
import { FirstAdminService } from '../../src/auth/first-admin.service';
import { createApp, RunningApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/config';
import { createTestDatabase, TestDatabase } from '../support/database';
import { Client } from './client';

/** Boots the app on an existing database (a restart), capturing what it writes to stdout. */
async function boot(db: TestDatabase, env: Record<string, string> = {}) {
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DEMO: 'false',
      SECRETS_KEY: '0'.repeat(64),
      ...env,
      DATABASE_URL: db.url,
    },
    '/nonexistent',
  );
  const printed: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
    printed.push(String(chunk));
    return true;
  });
  let running: RunningApp;
  try {
    running = await createApp(config, { logger: false });
  } finally {
    spy.mockRestore();
  }
  await running.app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${running.app.getHttpServer().address().port}`;
  return { running, url, stdout: printed.join('') };
}

describe('first admin', () => {
  let db: TestDatabase;
  let pg: Pg;
  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Pg({ connectionString: db.url });
    await pg.connect();
  });
  afterAll(async () => {
    await pg?.end();
    await db?.drop();
  });

  it('without ADMIN_* prints a generated password once, and never again on later starts', async () => {
    const first = await boot(db);
    let password: string;
    try {
      const m = /Admin login: admin@otklik\.local \/ (\S+)/.exec(first.stdout);
      expect(m).not.toBeNull();
      password = m![1];
      expect(password.length).toBeGreaterThanOrEqual(20);
      expect(first.stdout).toMatch(/^\+-+\+$/m); // boxed

      const { rows } = await pg.query(`SELECT email, role, password_hash FROM users`);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ email: 'admin@otklik.local', role: 'admin' });
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
      const audit = await pg.query(
        `SELECT data::text FROM audit_log WHERE action = 'user.first_admin_created'`,
      );
      expect(audit.rowCount).toBe(1);
      expect(audit.rows[0].data).not.toContain(password);

      const c = new Client(first.url);
      expect((await c.login('admin@otklik.local', password)).status).toBe(200);
    } finally {
      await first.running.stop();
    }

    const second = await boot(db);
    try {
      expect(second.stdout).not.toMatch(/Admin login/);
      expect(second.stdout).not.toContain(password);
      expect((await pg.query(`SELECT 1 FROM users`)).rowCount).toBe(1);
      expect((await new Client(second.url).login('admin@otklik.local', password)).status).toBe(200);

      // Several instances racing on an empty table create exactly one admin and print once.
      await pg.query(`DELETE FROM users`);
      const service = second.running.app.get(FirstAdminService);
      const prints: string[] = [];
      const created = await Promise.all(
        Array.from({ length: 5 }, () => service.ensureFirstAdmin((s) => prints.push(s))),
      );
      expect(created.filter(Boolean)).toHaveLength(1);
      expect(prints).toHaveLength(1);
      expect((await pg.query(`SELECT 1 FROM users WHERE role = 'admin'`)).rowCount).toBe(1);
    } finally {
      await second.running.stop();
    }
  });

  it('with ADMIN_EMAIL / ADMIN_PASSWORD creates that admin and prints nothing', async () => {
    await pg.query(`DELETE FROM users`);
    const app = await boot(db, { ADMIN_EMAIL: 'boss@otklik.test', ADMIN_PASSWORD: 'boss-password-123' });
    try {
      expect(app.stdout).not.toMatch(/Admin login|boss-password-123/);
      const { rows } = await pg.query(`SELECT email, role FROM users`);
      expect(rows).toEqual([{ email: 'boss@otklik.test', role: 'admin' }]);
      expect((await new Client(app.url).login('boss@otklik.test', 'boss-password-123')).status).toBe(200);
    } finally {
      await app.running.stop();
    }
  });
});
