import { INestApplication } from '@nestjs/common';
import { Client as Pg } from 'pg';
import { createApp, RunningApp } from '../../src/bootstrap';
import { SessionsRepository } from '../../src/auth/sessions.repository';
import { startTestApp, TestApp, testConfig } from '../support/app';
import { ADMIN, Client, userWithRole } from './client';

/**
 * The guard caches resolved sessions (src/auth/session-cache.ts). Revoking must still work at
 * once on the instance that revoked, and within the NOTIFY latency on another instance of the
 * same database, whichever way the change was made (the API, or SQL by hand: a trigger signals).
 */
describe('cached sessions stop working when revoked', () => {
  let a: TestApp;
  let b: RunningApp;
  let bUrl: string;
  let pg: Pg;
  let admin: Client;

  beforeAll(async () => {
    a = await startTestApp();
    b = await createApp(testConfig({}, a.db.url), { logger: false });
    await b.app.listen(0, '127.0.0.1');
    bUrl = `http://127.0.0.1:${b.app.getHttpServer().address().port}`;
    pg = new Pg({ connectionString: a.db.url });
    await pg.connect();
    admin = new Client(a.url);
    await admin.login(ADMIN.email, ADMIN.password);
  }, 60_000);
  afterAll(async () => {
    await pg?.end();
    await b?.stop();
    await a?.stop();
  });

  /** The same signed-in browser talking to instance B (the cookie is valid on every instance). */
  const onB = (c: Client) => Object.assign(new Client(bUrl, c.ip), { cookie: c.cookie, csrf: c.csrf });
  const cached = (app: INestApplication) => (app.get(SessionsRepository) as any).cache.size as number;

  /** Polls until `ok` holds; answers how long it took (fails after `limitMs`). */
  async function within(limitMs: number, ok: () => Promise<boolean>): Promise<number> {
    const t0 = Date.now();
    for (;;) {
      if (await ok()) return Date.now() - t0;
      if (Date.now() - t0 > limitMs) throw new Error(`not within ${limitMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it('serves repeated requests from the cache, and a sign-out ends the session at once everywhere', async () => {
    const agent = await userWithRole(a.url, admin, 'agent');
    const other = onB(agent.client);
    expect((await agent.client.get('/api/auth/me')).status).toBe(200);
    expect((await other.get('/api/conversations')).status).toBe(200);
    expect(cached(a.app)).toBeGreaterThan(0);
    expect(cached(b.app)).toBeGreaterThan(0);
    expect((await agent.client.post('/api/auth/logout')).status).toBeLessThan(300);
    expect((await agent.client.get('/api/conversations')).status).toBe(401);
    await within(2000, async () => (await other.get('/api/conversations')).status === 401);
  });

  it('a disabled user is out at once on the instance that disabled them, within the NOTIFY latency on the other', async () => {
    const agent = await userWithRole(a.url, admin, 'agent');
    const other = onB(agent.client);
    expect((await agent.client.get('/api/conversations')).status).toBe(200);
    expect((await other.get('/api/conversations')).status).toBe(200);
    expect((await admin.patch(`/api/users/${agent.id}`, { disabled: true })).status).toBe(200);
    expect((await agent.client.get('/api/conversations')).status).toBe(401);
    const ms = await within(2000, async () => (await other.get('/api/conversations')).status === 401);
    expect(ms).toBeLessThan(2000);
  });

  it('a role change applies to the next request on the same instance, and on the other after the NOTIFY', async () => {
    const agent = await userWithRole(a.url, admin, 'agent');
    const other = onB(agent.client);
    expect((await agent.client.get('/api/users')).status).toBe(403);
    expect((await other.get('/api/users')).status).toBe(403);
    expect((await admin.patch(`/api/users/${agent.id}`, { role: 'admin' })).status).toBe(200);
    expect((await agent.client.get('/api/users')).status).toBe(200);
    await within(2000, async () => (await other.get('/api/users')).status === 200);
    // by hand in SQL, no application code involved: the trigger still tells both instances
    await pg.query(`UPDATE users SET role = 'analyst' WHERE id = $1`, [agent.id]);
    await within(2000, async () => (await agent.client.get('/api/users')).status === 403);
    await within(2000, async () => (await other.get('/api/users')).status === 403);
    await pg.query(`DELETE FROM sessions WHERE user_id = $1`, [agent.id]);
    await within(2000, async () => (await agent.client.get('/api/auth/me')).status === 401);
    await within(2000, async () => (await other.get('/api/auth/me')).status === 401);
  });

  it("a password change signs out the user's other sessions on every instance", async () => {
    const agent = await userWithRole(a.url, admin, 'agent');
    const second = new Client(bUrl);
    expect((await second.login(agent.email, agent.password)).status).toBe(200);
    expect((await second.get('/api/conversations')).status).toBe(200);
    const changed = await agent.client.post('/api/auth/password', {
      currentPassword: agent.password,
      newPassword: 'another-long-password-2',
    });
    expect(changed.status).toBeLessThan(300);
    await within(2000, async () => (await second.get('/api/conversations')).status === 401);
    expect((await agent.client.get('/api/conversations')).status).toBe(200);
  });
});
