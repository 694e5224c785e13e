import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { measureBundle } from '../../bench/bundle-size.bench';
import { startTestApp, TestApp } from '../support/app';
import { ADMIN, login, seedConversation, withDb } from '../inbox/support';

const DIST = join(__dirname, '../../web/dist');
const HTML = { accept: 'text/html,application/xhtml+xml' };

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

/** The entry script the built shell loads. */
function entryScript(html: string): string {
  const m = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>/.exec(html);
  if (!m) throw new Error(`no entry script in ${html}`);
  return m[1];
}

describe('the web app (web/dist) served by WebModule', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('serves the shell at / without a session, with a strict CSP and no inline code at all', async () => {
    const res = await fetch(`${t.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('set-cookie')).toBeNull();
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html).toContain('<div id="app"></div>');
    // every script is a file; no inline script, style element or style attribute
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, inner] of scripts) {
      expect(attrs).toMatch(/src="\/assets\//);
      expect(inner.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).toBe(readFileSync(join(DIST, 'index.html'), 'utf8'));
  });

  it('answers client routes with the shell (a reload keeps the page), never the API or probes', async () => {
    for (const path of [
      '/inbox',
      '/inbox/6a3c1f0e-0d7b-4a64-9a55-3d9c1b7c2f10?status=open&who=mine',
      '/admin/sources',
      '/profile',
    ]) {
      const r = await fetch(`${t.url}${path}`, { headers: HTML });
      expect([path, r.status]).toEqual([path, 200]);
      expect(await r.text()).toContain('<div id="app"></div>');
    }
    const api = await fetch(`${t.url}/api/conversations`, { headers: HTML });
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toMatch(/json/);
    expect((await fetch(`${t.url}/api/nope`, { headers: HTML })).status).toBe(404);
    expect((await fetch(`${t.url}/metrics`, { headers: HTML })).status).toBe(401);
    expect(await (await fetch(`${t.url}/health/live`, { headers: HTML })).json()).toEqual({ status: 'ok' });
    // a script asking for a page that is not there gets no HTML
    expect((await fetch(`${t.url}/inbox`, { headers: { accept: 'application/json' } })).status).toBe(404);
  });

  it('serves the hashed assets with their types and a year of caching; revalidates the shell', async () => {
    const html = await (await fetch(`${t.url}/`)).text();
    const js = await fetch(`${t.url}${entryScript(html)}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(html)![1];
    const sheet = await fetch(`${t.url}${css}`);
    expect(sheet.headers.get('content-type')).toMatch(/^text\/css/);
    const etag = (await fetch(`${t.url}/`)).headers.get('etag');
    expect(etag).toBeTruthy();
    // raw request: fetch adds `cache-control: no-cache` to conditional requests, which forbids a 304
    expect((await rawGet(t.url, '/', { 'if-none-match': etag! })).status).toBe(304);
  });

  it('serves nothing else from the disk: no traversal, no source or config files, no writes', async () => {
    for (const path of [
      '/assets/../index.html',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/%2e%2e/.vite/manifest.json',
      '/.vite/manifest.json',
      '/src/main.tsx',
      '/package.json',
    ]) {
      const r = await rawGet(t.url, path);
      expect([path, r.status]).not.toEqual([path, 200]);
      expect(r.body).not.toContain('"dependencies"');
      expect(r.body).not.toContain('isEntry');
    }
    expect((await fetch(`${t.url}/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`${t.url}/`, { method: 'POST' })).status).toBe(404);
  });

  it('keeps the inbox route under its JavaScript budget, the admin screens in a lazy chunk', () => {
    const r = measureBundle(DIST);
    console.log(`inbox route JavaScript: ${(r.inboxJsGzip / 1024).toFixed(1)} kB gzipped (budget 250 kB)`);
    expect(r.inboxJsGzip).toBeLessThanOrEqual(250 * 1024);
    const admin = r.lazy.find((l) => /AdminPage/.test(l.file));
    expect(admin).toBeDefined();
    expect(r.inboxFiles).not.toContain(admin!.file);
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
      'loadedAt',
      'notes',
      'otherConversations',
      'post',
      'replies',
      'slaEvents',
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
});
