import { createHash } from 'node:crypto';
import { Client as Pg } from 'pg';
import { AuthHousekeeping } from '../../src/auth/auth-housekeeping.service';
import { startTestApp, TestApp } from '../support/app';
import { ADMIN, Client, sessionCookieValue, userWithRole } from './client';

describe('login, sessions, lockout and CSRF', () => {
  let t: TestApp;
  let pg: Pg;
  let admin: Client;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS: '3', LOGIN_LOCKOUT_MINUTES: '10' });
    pg = new Pg({ connectionString: t.db.url });
    await pg.connect();
    admin = new Client(t.url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
  });
  afterAll(async () => {
    await pg?.end();
    await t?.stop();
  });

  it('signs in with a session cookie and returns the user and a CSRF token', async () => {
    const c = new Client(t.url);
    const res = await c.login(ADMIN.email, ADMIN.password);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: {
        id: expect.any(String),
        email: ADMIN.email,
        name: 'Administrator',
        role: 'admin',
        locale: 'ru',
        isLead: false,
      },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const cookie = res.setCookies.find((s) => s.startsWith('otklik_session='))!;
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Expires=/);
    expect(cookie).not.toMatch(/; Secure/i); // plain http, no PUBLIC_URL, no COOKIE_SECURE
    expect(Buffer.from(c.cookie!, 'base64url')).toHaveLength(32);

    // Only the token's SHA-256 is stored.
    const { rows } = await pg.query(`SELECT id, csrf_token FROM sessions WHERE user_id = $1`, [
      res.body.user.id,
    ]);
    const ids = rows.map((r) => r.id);
    expect(ids).toContain(createHash('sha256').update(c.cookie!).digest('hex'));
    expect(ids).not.toContain(c.cookie);

    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual(res.body);
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a wrong password and an unknown e-mail with the same 401', async () => {
    const c = new Client(t.url);
    const wrong = await c.login(ADMIN.email, 'not-the-password-1');
    const unknown = await c.login('nobody@otklik.test', 'not-the-password-1');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Wrong e-mail or password',
    });
    expect(wrong.setCookies).toEqual([]);
    // A wrong password cost the admin one of their attempts; a good login resets the count.
    expect((await c.login(ADMIN.email, ADMIN.password)).status).toBe(200);
    const { rows } = await pg.query(`SELECT failed_logins FROM users WHERE email = $1`, [ADMIN.email]);
    expect(rows[0].failed_logins).toBe(0);
  });

  it('rejects malformed login bodies with 400', async () => {
    const c = new Client(t.url);
    expect((await c.send('POST', '/api/auth/login', { email: 'x@y.z' }, { csrf: false })).status).toBe(400);
    expect((await c.send('POST', '/api/auth/login', { email: 1, password: 2 }, { csrf: false })).status).toBe(
      400,
    );
  });

  it('locks an account after LOGIN_MAX_ATTEMPTS failures; the right password still fails while locked', async () => {
    const victim = await userWithRole(t.url, admin, 'agent');
    const attacker = new Client(t.url);
    expect((await attacker.login(victim.email, 'wrong-password-0001')).status).toBe(401);
    expect((await attacker.login(victim.email, 'wrong-password-0002')).status).toBe(401);
    const third = await attacker.login(victim.email, 'wrong-password-0003');
    expect(third.status).toBe(423);
    expect(third.body.message).toMatch(/Too many failed sign-ins for this account; try again in 10 minutes/);

    const owner = new Client(t.url); // even from another address
    const locked = await owner.login(victim.email, victim.password);
    expect(locked.status).toBe(423);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(590);
    expect(locked.setCookies).toEqual([]);

    // The victim's existing session is untouched; an admin can lift the lock.
    expect((await victim.client.get('/api/auth/me')).status).toBe(200);
    expect((await admin.patch(`/api/users/${victim.id}`, { disabled: false })).status).toBe(200);
    expect((await owner.login(victim.email, victim.password)).status).toBe(200);
  });

  it('locks an e-mail with no account the same way, so lockout does not reveal accounts', async () => {
    const c = new Client(t.url);
    const email = 'ghost@otklik.test';
    expect((await c.login(email, 'wrong-password-0001')).status).toBe(401);
    expect((await c.login(email, 'wrong-password-0002')).status).toBe(401);
    const third = await c.login(email, 'wrong-password-0003');
    expect(third.status).toBe(423);
  });

  it('limits failed logins per client address with 429 and Retry-After', async () => {
    const noisy = new Client(t.url);
    for (let i = 0; i < 20; i++) {
      // A different e-mail each time: only the address limit can trigger.
      expect((await noisy.login(`probe${i}@otklik.test`, 'wrong-password-0001')).status).toBe(401);
    }
    const blocked = await noisy.login(ADMIN.email, ADMIN.password);
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toMatch(/from this address/);
    const retry = Number(blocked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(800);
    expect(retry).toBeLessThanOrEqual(900);
    // Another address is not affected.
    expect((await new Client(t.url).login(ADMIN.email, ADMIN.password)).status).toBe(200);
  });

  it('requires the CSRF header on cookie-authenticated writes, not on reads', async () => {
    const c = new Client(t.url);
    await c.login(ADMIN.email, ADMIN.password);
    expect((await c.send('GET', '/api/auth/me', undefined, { csrf: false })).status).toBe(200);

    const missing = await c.send('POST', '/api/teams', { name: 'CSRF team' }, { csrf: false });
    expect(missing.status).toBe(403);
    expect(missing.body.message).toMatch(/X-CSRF-Token/);
    const wrong = await c.send('POST', '/api/teams', { name: 'CSRF team' }, { csrf: 'A'.repeat(43) });
    expect(wrong.status).toBe(403);
    // Another session's token is not this session's token.
    const other = await c.send('POST', '/api/teams', { name: 'CSRF team' }, { csrf: admin.csrf });
    expect(other.status).toBe(403);
    expect((await pg.query(`SELECT 1 FROM teams WHERE name = 'CSRF team'`)).rowCount).toBe(0);

    const ok = await c.send('POST', '/api/teams', { name: 'CSRF team' });
    expect(ok.status).toBe(201);
    for (const method of ['PATCH', 'DELETE']) {
      const res = await c.send(
        method,
        `/api/teams/${ok.body.id}`,
        method === 'PATCH' ? { name: 'x' } : undefined,
        {
          csrf: false,
        },
      );
      expect(res.status).toBe(403);
    }
  });

  it('refuses a login posted from another site (Origin / Referer)', async () => {
    const c = new Client(t.url);
    const evil = await c.login(ADMIN.email, ADMIN.password, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.setCookies).toEqual([]);
    expect((await c.login(ADMIN.email, ADMIN.password, { referer: 'https://evil.example/x' })).status).toBe(
      403,
    );
    expect((await c.login(ADMIN.email, ADMIN.password, { origin: 'null' })).status).toBe(403);
    expect((await c.login(ADMIN.email, ADMIN.password, { origin: t.url })).status).toBe(200);
  });

  it('logs out: the session row is gone, the cookie is cleared and no longer works', async () => {
    const c = new Client(t.url);
    await c.login(ADMIN.email, ADMIN.password);
    const token = c.cookie!;
    expect((await c.send('POST', '/api/auth/logout', undefined, { csrf: false })).status).toBe(403);
    const out = await c.post('/api/auth/logout');
    expect(out.status).toBe(204);
    const cleared = out.setCookies.find((s) => s.startsWith('otklik_session='))!;
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
    const hash = createHash('sha256').update(token).digest('hex');
    expect((await pg.query(`SELECT 1 FROM sessions WHERE id = $1`, [hash])).rowCount).toBe(0);

    const after = await c.get('/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.headers.get('content-type')).toMatch(/application\/json/);
    expect(after.body).toMatchObject({ statusCode: 401 });
  });

  /** Repeats `get` until `done` holds (at most 2 s: the NOTIFY latency, with room). */
  async function eventually<T>(get: () => Promise<T>, done: (r: T) => boolean): Promise<T> {
    const until = Date.now() + 2000;
    for (;;) {
      const r = await get();
      if (done(r) || Date.now() > until) return r;
      await new Promise((res) => setTimeout(res, 20));
    }
  }

  it('rejects an expired session and slides an active one (writing at most once a minute)', async () => {
    const c = new Client(t.url);
    await c.login(ADMIN.email, ADMIN.password);
    const id = createHash('sha256').update(c.cookie!).digest('hex');

    const before = (await pg.query(`SELECT last_seen_at, expires_at FROM sessions WHERE id = $1`, [id]))
      .rows[0];
    const fresh = await c.get('/api/auth/me');
    expect(fresh.setCookies).toEqual([]); // seen under a minute ago: no write
    const unchanged = (await pg.query(`SELECT last_seen_at FROM sessions WHERE id = $1`, [id])).rows[0];
    expect(unchanged.last_seen_at).toEqual(before.last_seen_at);

    await pg.query(
      `UPDATE sessions SET last_seen_at = now() - interval '5 minutes', expires_at = now() + interval '1 hour'
        WHERE id = $1`,
      [id],
    );
    // the app caches sessions; a change by hand reaches it by NOTIFY (a trigger), not at once
    const slid = await eventually(
      () => c.get('/api/auth/me'),
      (r) => r.setCookies.length > 0,
    );
    expect(slid.status).toBe(200);
    expect(sessionCookieValue(slid.setCookies)).toBe(c.cookie);
    const after = (await pg.query(`SELECT last_seen_at, expires_at FROM sessions WHERE id = $1`, [id]))
      .rows[0];
    expect(after.expires_at.getTime()).toBeGreaterThan(Date.now() + 167 * 3_600_000); // SESSION_TTL_HOURS=168

    await pg.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    const expired = await eventually(
      () => c.get('/api/auth/me'),
      (r) => r.status !== 200,
    );
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/session has ended/);
  });

  it('changes your own password, signing out your other sessions', async () => {
    const u = await userWithRole(t.url, admin, 'analyst');
    const second = new Client(t.url);
    await second.login(u.email, u.password);

    const wrong = await u.client.post('/api/auth/password', {
      currentPassword: 'nope-nope-nope',
      newPassword: 'x'.repeat(20),
    });
    expect(wrong.status).toBe(400);
    const weak = await u.client.post('/api/auth/password', {
      currentPassword: u.password,
      newPassword: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/at least 12 characters/);

    const ok = await u.client.post('/api/auth/password', {
      currentPassword: u.password,
      newPassword: 'a-brand-new-passphrase',
    });
    expect(ok.status).toBe(204);
    expect((await u.client.get('/api/auth/me')).status).toBe(200);
    expect((await second.get('/api/auth/me')).status).toBe(401);
    expect((await new Client(t.url).login(u.email, u.password)).status).toBe(401);
    expect((await new Client(t.url).login(u.email, 'a-brand-new-passphrase')).status).toBe(200);
    const audit = await pg.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [u.id]);
    expect(audit.rows.map((r) => r.action)).toContain('user.password_changed');
  });

  it('housekeeping drops expired sessions and old login attempts, nothing live', async () => {
    const c = new Client(t.url);
    await c.login(ADMIN.email, ADMIN.password);
    const live = createHash('sha256').update(c.cookie!).digest('hex');
    const { rows } = await pg.query(`SELECT id FROM users WHERE email = $1`, [ADMIN.email]);
    await pg.query(
      `INSERT INTO sessions (id, user_id, csrf_token, expires_at) VALUES ('stale', $1, 'x', now() - interval '1 hour')`,
      [rows[0].id],
    );
    await pg.query(
      `INSERT INTO login_attempts (email, ip, success, at) VALUES ('old@otklik.test', '10.0.0.1', false, now() - interval '2 days')`,
    );
    const recentBefore = (
      await pg.query(`SELECT count(*)::int AS n FROM login_attempts WHERE at > now() - interval '1 hour'`)
    ).rows[0].n;

    const pruned = await t.app.get(AuthHousekeeping).prune();
    expect(pruned.attempts).toBeGreaterThanOrEqual(1);
    expect((await pg.query(`SELECT 1 FROM sessions WHERE id = 'stale'`)).rowCount).toBe(0);
    expect((await pg.query(`SELECT 1 FROM sessions WHERE id = $1`, [live])).rowCount).toBe(1);
    expect((await pg.query(`SELECT 1 FROM login_attempts WHERE email = 'old@otklik.test'`)).rowCount).toBe(0);
    const recentAfter = (
      await pg.query(`SELECT count(*)::int AS n FROM login_attempts WHERE at > now() - interval '1 hour'`)
    ).rows[0].n;
    expect(recentAfter).toBe(recentBefore);
  });
});
