import { ADMIN, Client, sessionCookieValue } from '../auth/client';
import { concretePath, nestRouteMetadata, registeredRoutes } from '../auth/routes';
import { startTestApp, TestApp } from '../support/app';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Sessions, CSRF on every write, and the headers every answer carries. */
describe('HTTP hardening: sessions, CSRF everywhere, security headers', () => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await startTestApp();
    admin = new Client(t.url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
  });
  afterAll(() => t?.stop());

  it('refuses every cookie-authenticated write without the CSRF token (DELETEs, notes, replies too)', async () => {
    const meta = nestRouteMetadata(t.app);
    const writes = registeredRoutes(t.app).filter((r) => UNSAFE.has(r.method) && meta.has(r.key));
    const keys = writes.map((r) => r.key);
    for (const k of [
      'DELETE /api/teams/:id',
      'DELETE /api/teams/:id/members/:userId',
      'POST /api/conversations/:id/notes',
      'POST /api/conversations/:id/replies',
      'POST /api/replies/:id/resend',
      'POST /api/auth/logout',
    ])
      expect(keys).toContain(k);
    const wrong: string[] = [];
    for (const r of writes) {
      if (meta.get(r.key)!.isPublic) continue; // login (Origin check) and the signed webhooks
      for (const csrf of [false, 'A'.repeat(43)] as const) {
        const body = r.method === 'DELETE' ? undefined : {};
        const res = await admin.send(r.method, concretePath(r.path), body, { csrf });
        if (res.status !== 403 || !/X-CSRF-Token/.test(res.body?.message ?? ''))
          wrong.push(`${r.key} csrf=${csrf} -> ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    // the session survived all of that (logout without a token did nothing)
    expect((await admin.get('/api/auth/me')).status).toBe(200);
  });

  it('login issues a fresh session token whatever cookie the browser already sent (no fixation)', async () => {
    const planted = 'attacker-chosen-session-value-0123456789abc';
    const c = new Client(t.url);
    c.cookie = planted;
    const res = await c.login(ADMIN.email, ADMIN.password);
    expect(res.status).toBe(200);
    const issued = sessionCookieValue(res.setCookies);
    expect(issued).toBeDefined();
    expect(issued).not.toBe(planted);
    const withPlanted = new Client(t.url);
    withPlanted.cookie = planted;
    expect((await withPlanted.get('/api/auth/me')).status).toBe(401);

    // an already valid session sent along is not reused either
    const again = new Client(t.url);
    again.cookie = issued;
    const second = await again.login(ADMIN.email, ADMIN.password);
    expect(sessionCookieValue(second.setCookies)).not.toBe(issued);
  });

  it('logout ends the session on the server: the old cookie and CSRF token are dead', async () => {
    const c = new Client(t.url);
    await c.login(ADMIN.email, ADMIN.password);
    const stolen = { cookie: c.cookie, csrf: c.csrf };
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    const replay = new Client(t.url);
    Object.assign(replay, stolen);
    expect((await replay.get('/api/auth/me')).status).toBe(401);
    expect((await replay.post('/api/teams', { name: 'after logout' })).status).toBe(401);
  });

  it('sends the security headers on API, error, health and UI answers; no-store on API data', async () => {
    const answers = {
      api: await admin.get('/api/sources'),
      queue: await admin.get('/api/conversations'),
      anonymous: await new Client(t.url).get('/api/conversations'),
      invalid: await admin.get('/api/conversations?limit=-1'),
      missing: await admin.get('/api/sla-policies/7d1f3f5e-0d0b-4c57-a9a4-3ad9bd1c1a11'),
      health: await new Client(t.url).get('/health/live'),
    };
    for (const [name, r] of Object.entries(answers)) {
      const h = r.headers;
      expect([name, h.get('x-content-type-options')]).toEqual([name, 'nosniff']);
      expect([name, h.get('x-frame-options')]).toEqual([name, 'DENY']);
      expect([name, h.get('referrer-policy')]).toEqual([name, 'same-origin']);
      expect([name, h.get('content-security-policy')]).toEqual([
        name,
        "default-src 'none'; frame-ancestors 'none'",
      ]);
      expect(h.get('x-powered-by')).toBeNull();
      expect(h.get('strict-transport-security')).toBeNull(); // plain http here
      if (name !== 'health') expect([name, h.get('cache-control')]).toEqual([name, 'no-store']);
    }
    expect(answers.api.status).toBe(200);
    expect(answers.anonymous.status).toBe(401);
  });

  it('keeps the UI its own CSP and the API docs their scripts', async () => {
    const ui = await fetch(`${t.url}/`);
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(ui.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(ui.headers.get('x-frame-options')).toBe('DENY');
    expect(ui.headers.get('x-content-type-options')).toBe('nosniff');
    const docs = await fetch(`${t.url}/api/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(docs.headers.get('x-frame-options')).toBe('DENY');
  });

  it('marks the cookie Secure and sends HSTS when served over https', async () => {
    const https = await startTestApp({ PUBLIC_URL: 'https://otklik.example.com' });
    try {
      const c = new Client(https.url);
      const res = await c.login(ADMIN.email, ADMIN.password);
      expect(res.status).toBe(200);
      const cookie = res.setCookies.find((s) => s.startsWith('otklik_session='))!;
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
    } finally {
      await https.stop();
    }
  });
});
