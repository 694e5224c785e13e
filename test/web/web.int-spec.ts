import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { startTestApp, TestApp } from '../support/app';
import { ADMIN, login, seedConversation, withDb } from '../inbox/support';

/** A raw request: the path and headers reach the server exactly as written (fetch normalises `..`). */
function rawGet(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web UI static files', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('serves the inbox shell at / without a session, with a strict CSP', async () => {
    const res = await fetch(`${t.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('set-cookie')).toBeNull();
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain('<div id="app"');
    expect(html).toContain('src="/assets/app.js"');
  });

  it('serves the modules with a JavaScript content type and the stylesheet as CSS', async () => {
    const js = await fetch(`${t.url}/assets/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(await js.text()).toMatch(/\bimport\b/);
    for (const mod of [
      'h.js',
      'api.js',
      'i18n.js',
      'urgency.js',
      'inbox.js',
      'conversation.js',
      'login.js',
    ]) {
      const r = await fetch(`${t.url}/assets/${mod}`);
      expect([mod, r.status]).toEqual([mod, 200]);
      expect(r.headers.get('content-type')).toMatch(/javascript/);
    }
    const css = await fetch(`${t.url}/assets/app.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('revalidates instead of re-downloading: If-None-Match gets a 304', async () => {
    const first = await fetch(`${t.url}/assets/app.js`);
    const etag = first.headers.get('etag');
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect(etag).toBeTruthy();
    // raw request: fetch adds `cache-control: no-cache` to conditional requests, which forbids a 304
    const again = await rawGet(t.url, '/assets/app.js', { 'if-none-match': etag! });
    expect(again.status).toBe(304);
  });

  it('keeps the API, health and metrics where they were: /api still needs a session', async () => {
    expect((await fetch(`${t.url}/api/conversations`)).status).toBe(401);
    expect((await fetch(`${t.url}/api/auth/me`)).status).toBe(401);
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    const live = await fetch(`${t.url}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
  });

  it('serves nothing else from the disk: no traversal, no other web/ files, no writes', async () => {
    for (const path of [
      '/assets/../package.json',
      '/assets/%2e%2e/package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
    ]) {
      const r = await rawGet(t.url, path);
      expect([path, r.status]).not.toEqual([path, 200]);
      expect(r.body).not.toContain('"dependencies"');
    }
    expect((await fetch(`${t.url}/package.json`)).status).toBe(404);
    expect((await fetch(`${t.url}/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`${t.url}/`, { method: 'POST' })).status).toBe(404);
  });

  it('the queue and conversation responses carry every field the UI reads', async () => {
    const admin = await login(t, ADMIN.email, ADMIN.password);
    const f = await withDb(t, (c) =>
      seedConversation(c, { platform: 'vk', text: '<img src=x onerror=alert(1)>' }),
    );
    const queue = await admin.json('GET', '/api/conversations?status=open', undefined, 200);
    const row = queue.conversations.find((r: any) => r.id === f.conversationId);
    expect(row).toMatchObject({ platform: 'vk', status: 'open', lastText: '<img src=x onerror=alert(1)>' });
    for (const k of [
      'dueAt',
      'slaStartedAt',
      'slaBreachedAt',
      'intent',
      'sentimentLabel',
      'assigneeId',
      'contact',
      'sourceName',
    ])
      expect(row).toHaveProperty(k);
    expect(row.contact.displayName).toBe('Ирина');

    const details = await admin.json('GET', `/api/conversations/${f.conversationId}`, undefined, 200);
    expect(Object.keys(details).sort()).toEqual([
      'conversation',
      'items',
      'notes',
      'otherConversations',
      'replies',
    ]);
    expect(details.items[0]).toMatchObject({ id: f.itemId, direction: 'inbound', authorName: 'Ирина' });

    // a browser sends Origin on sign-in; the page's own origin must be accepted
    const signIn = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: t.url },
      body: JSON.stringify(ADMIN),
    });
    expect(signIn.status).toBe(200);
    expect(await signIn.json()).toHaveProperty('csrfToken');
  });

  it('the real UI against the real API: sign in through the form, see the queue, open it, reply', async () => {
    const f = await withDb(t, (c) =>
      seedConversation(c, {
        platform: 'vk',
        text: 'Где мой заказ? <b>срочно</b>',
        dueAt: new Date(Date.now() - 60_000),
      }),
    );
    const mod = (p: string) => JSON.stringify(pathToFileURL(join(__dirname, '../..', p)).href);
    const script = `
      const { installHttpFetch, tick, shim } = await import(${mod('src/web/dom-shim.mjs')});
      installHttpFetch(${JSON.stringify(t.url)});
      await import(${mod('web/assets/app.js')});
      const until = async (fn) => { for (let i = 0; i < 100; i++) { const v = fn(); if (v) return v; await tick(30); } throw new Error('timed out'); };
      const form = await until(() => shim.app.querySelector('form'));
      const [email, password] = form.querySelectorAll('input');
      email.value = ${JSON.stringify(ADMIN.email)}; password.value = ${JSON.stringify(ADMIN.password)};
      form.dispatch('submit');
      const row = await until(() => shim.app.querySelector('.queue-row[data-id="${f.conversationId}"]'));
      const rowInfo = { urgency: row.getAttribute('data-urgency'), preview: row.querySelector('.preview').textContent };
      row.click();
      const text = await until(() => shim.app.querySelector('.msg-in .msg-text'));
      const textarea = shim.app.querySelector('.compose-text');
      textarea.value = 'Здравствуйте! Проверяем заказ.';
      textarea.dispatch('keydown', { key: 'Enter', ctrlKey: true });
      const reply = await until(() => shim.app.querySelector('.msg-out[data-reply]'));
      console.log(JSON.stringify({ rowInfo, itemText: text.textContent, reply: reply.textContent,
        statuses: shim.requests.filter((q) => q.method !== 'GET').map((q) => q.method + ' ' + q.path) }));
      process.exit(0);
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      timeout: 20_000,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const r = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(r.rowInfo).toEqual({ urgency: 'breached', preview: 'Где мой заказ? <b>срочно</b>' });
    expect(r.itemText).toBe('Где мой заказ? <b>срочно</b>');
    expect(r.reply).toContain('Здравствуйте! Проверяем заказ.');
    expect(r.statuses).toEqual([
      'POST /api/auth/login',
      `POST /api/conversations/${f.conversationId}/replies`,
    ]);
    const stored = await withDb(t, (c) =>
      c.query(`SELECT text, author_id IS NOT NULL AS "hasAuthor" FROM replies WHERE conversation_id = $1`, [
        f.conversationId,
      ]),
    );
    expect(stored.rows).toEqual([{ text: 'Здравствуйте! Проверяем заказ.', hasAuthor: true }]);
  });
});
