import { randomUUID } from 'node:crypto';
import { ADMIN, Client } from '../auth/client';
import { startTestApp, TestApp } from '../support/app';
import { controllerHandlers, dtoProperties, HandlerInfo } from './handlers';

/**
 * Garbage everywhere, as an admin (the role that reaches every route): bad path params, hostile
 * query strings, wrongly typed bodies. Every answer must be a 4xx (or a harmless 2xx for reads),
 * never a 500, and no answer may carry a stack, SQL or a driver message. Writes are only ever
 * sent bodies that validation must refuse (each carries an unknown property), or ids that do not
 * exist, so no data changes.
 */
const BAD_IDS = [
  'not-a-uuid',
  '-1',
  '0',
  '1e309',
  '9'.repeat(40),
  '-'.repeat(36),
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  "1'%3B--",
  '%00',
  '%E0%A4%A',
  'a'.repeat(2000),
];
const BAD_VALUES: unknown[] = [
  [],
  {},
  ['a', 'b'],
  { $gt: '' },
  1e308,
  -1,
  0.5,
  null,
  true,
  '',
  'not-a-uuid',
  '-'.repeat(36),
  '2024-13-45T99:99:99Z',
  '+275760-09-13T00:00:00.001Z',
  'x'.repeat(20_001),
];
const BAD_QUERY_VALUES = [
  '-1',
  '0',
  '1e309',
  '99999999999999999999',
  'NaN',
  '',
  'a'.repeat(3000),
  '-'.repeat(36),
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  '2024-13-45',
];
/** Cursors a client could forge: each decodes as JSON, none is one the server issued. */
const FORGED_CURSORS = [
  ['1', 1, randomUUID()],
  ['tomorrow 1', 1, randomUUID()],
  ['2024-01-01T00:00:00Z', 1e300, randomUUID()],
  [null, 2 ** 31, randomUUID()],
  [null, 0, '-'.repeat(36)],
  ['2024-01-01T00:00:00Z', 0, 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz'],
  ['+275760-09-13T00:00:00Z', 0, randomUUID()],
].map((c) => Buffer.from(JSON.stringify(c)).toString('base64url'));
const WHOLE_BODIES = ['[]', '[{}]', '"text"', 'null', '123', '{bad json', '{"a":', '{"__proto__":{"x":1}}'];
/** Writes that take no body DTO and act on the session itself: never probed. */
const NEVER_PROBED = new Set(['POST /api/auth/logout', 'POST /api/analysis/retrain']);
const LEAKS =
  /QueryFailedError|TypeORMError|\bat \S+ \(|node_modules|\/src\/|SELECT |INSERT |UPDATE |syntax for type|violates|relation "/i;

describe('hostile input on every route: 4xx, never 500, nothing internal in answers', () => {
  let t: TestApp;
  let admin: Client;
  let handlers: HandlerInfo[];
  const problems: string[] = [];
  let requests = 0;

  const check = async (method: string, path: string, body?: string, label = '') => {
    requests++;
    const headers: Record<string, string> = {
      cookie: `otklik_session=${admin.cookie}`,
      'x-csrf-token': admin.csrf!,
      'x-forwarded-for': admin.ip,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(t.url + path, {
      method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    // a live event stream (GET /api/events) never ends: its status is the answer
    const streaming = res.headers.get('content-type')?.startsWith('text/event-stream');
    const text = streaming ? (await res.body?.cancel(), '') : await res.text();
    if (res.status >= 500 || LEAKS.test(text)) {
      problems.push(`${method} ${path.slice(0, 120)} ${label} -> ${res.status} ${text.slice(0, 200)}`);
    }
    return res.status;
  };
  const fill = (path: string, value: string) => path.replace(/:(\w+)/g, () => value);

  beforeAll(async () => {
    t = await startTestApp();
    admin = new Client(t.url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
    handlers = controllerHandlers(t.app).filter((h) => !NEVER_PROBED.has(`${h.method} ${h.path}`));
  });
  afterAll(() => t?.stop());
  afterEach(() => {
    const found = problems.splice(0);
    expect(found).toEqual([]);
  });

  it('finds the handlers and their DTOs (so the walk is not vacuous)', () => {
    expect(handlers.length).toBeGreaterThan(30);
    const conv = handlers.find((h) => h.method === 'GET' && h.path === '/api/conversations');
    expect(conv?.query && dtoProperties(conv.query)).toEqual(expect.arrayContaining(['cursor', 'limit']));
    expect(handlers.filter((h) => h.body).length).toBeGreaterThan(10);
  });

  it('bad path params: 400 or 404 on every route, reads and writes', async () => {
    for (const h of handlers.filter((x) => x.takesParams)) {
      for (const bad of BAD_IDS) {
        // a write with a bad id is refused before the handler runs (its pipe), whatever the body
        const status = await check(h.method, fill(h.path, bad), h.method === 'GET' ? undefined : '{}');
        if (status < 400) problems.push(`${h.method} ${h.path} with id ${bad} -> ${status}`);
      }
      // a well-formed id that does not exist: reads and no-body writes answer 404, never 500
      if (h.method === 'GET' || !h.body)
        await check(h.method, fill(h.path, randomUUID()), undefined, 'random id');
    }
  });

  it('hostile query strings on every read', async () => {
    const reads = handlers.filter((h) => h.method === 'GET');
    for (const h of reads) {
      const path = fill(h.path, randomUUID());
      const props = h.query ? dtoProperties(h.query) : ['limit', 'cursor', 'offset'];
      for (const p of props) {
        for (const v of BAD_QUERY_VALUES) await check('GET', `${path}?${p}=${encodeURIComponent(v)}`);
        await check('GET', `${path}?${p}=a&${p}=b`, undefined, 'array');
        await check('GET', `${path}?${p}[x]=1`, undefined, 'object');
      }
      if (props.includes('cursor'))
        for (const c of FORGED_CURSORS) await check('GET', `${path}?cursor=${c}`, undefined, 'forged cursor');
    }
    expect(requests).toBeGreaterThan(100);
  });

  it('wrongly typed bodies on every write that takes one: refused by validation', async () => {
    for (const h of handlers.filter((x) => x.body)) {
      const path = fill(h.path, h.path.startsWith('/api/items/') ? '1' : randomUUID());
      for (const p of dtoProperties(h.body!)) {
        for (const v of BAD_VALUES) {
          // the unknown property guarantees a 400 even if this value happened to be acceptable
          const status = await check(
            h.method,
            path,
            JSON.stringify({ [p]: v, __fuzz__: 1 }),
            `${p}=${JSON.stringify(v)?.slice(0, 20)}`,
          );
          // 413: the over-long string makes the body larger than the route takes
          if (status !== 400 && status !== 413)
            problems.push(
              `${h.method} ${h.path} {${p}: ${JSON.stringify(v)?.slice(0, 20)}} -> ${status} (expected 400)`,
            );
        }
      }
      for (const body of WHOLE_BODIES) {
        const status = await check(h.method, path, body, `body ${body}`);
        if (status !== 400 && status !== 404)
          problems.push(`${h.method} ${h.path} body ${body} -> ${status}`);
      }
    }
  });

  it('garbage to the public webhook routes: 4xx, never 500', async () => {
    for (const h of handlers.filter((x) => /\/(ingest|webhooks)\//.test(x.path))) {
      for (const id of [randomUUID(), 'not-a-uuid']) {
        for (const body of [...WHOLE_BODIES, '{}', JSON.stringify({ items: [{}] })]) {
          const status = await check('POST', fill(h.path, id), body);
          if (status < 400) problems.push(`${h.path} ${body} -> ${status}`);
        }
      }
    }
  });
});
