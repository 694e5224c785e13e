import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { DataSource } from 'typeorm';
import { signWebhook } from '../../src/connectors/webhook/signature';
import { notNullableOptionals } from '../../src/security/input-safety.pipe';
import { ADMIN, Client, randomIp, userWithRole } from '../auth/client';
import { nestRouteMetadata } from '../auth/routes';
import { startTestApp, TestApp } from '../support/app';
import {
  BAD_IDS,
  BAD_QUERY_VALUES,
  BASELINES,
  BODY_CLASSES,
  Fixtures,
  reachableRoles,
  realParam,
  Role,
  WHOLE_BODIES,
} from './fuzz-support';
import { controllerHandlers, dtoProperties, HandlerInfo } from './handlers';

/**
 * The hostile world's walk over every route of the running app (enumerated from the Nest router
 * and checked against the OpenAPI document, so a new route is walked without anyone listing it),
 * as every role that gets past the guard: NUL and lone surrogates, deep nesting and huge key
 * counts, null on every optional field, wrong types, over-long strings, bad e-mails, bad ids in
 * paths and queries, broken whole bodies. One property at a time is made hostile in an otherwise
 * valid body, on real rows, so the input reaches the services and the database.
 *
 * Every answer must be a 4xx (or a harmless 2xx), never a 5xx, and must not carry a stack, SQL or
 * a driver message. Classes nothing may store (NUL, surrogates, nesting, key counts, null where
 * the document does not say nullable) must be refused outright.
 */

/** The long walks: thousands of requests each, on a machine other test files share. */
const WALK_TIMEOUT_MS = 300_000;
/** Writes that end the caller's session or start heavy work: not walked. */
const NEVER_PROBED = new Set(['POST /api/auth/logout', 'POST /api/analysis/retrain']);
/** Writes that change the caller's own credentials: sent as a throwaway user of the same role. */
const SELF_CREDENTIALS = new Set(['POST /api/auth/password']);
const LEAKS =
  /QueryFailedError|TypeORMError|\bat \S+ \(|node_modules|\/src\/|SELECT |INSERT |UPDATE |syntax for type|violates|relation "|URIError|RangeError/i;

interface Sent {
  role: Role;
  method: string;
  path: string;
  body?: string | Buffer;
  label: string;
  headers?: Record<string, string>;
}

describe('hostile input on every route, as every role: 4xx, never 5xx, nothing internal', () => {
  let t: TestApp;
  let fx: Fixtures;
  let handlers: Array<HandlerInfo & { key: string; roles: Role[] }>;
  const clients = {} as Record<Role, Client>;
  const passwords = new Map<Client, string>();
  const problems: string[] = [];
  const stats = {
    requests: 0,
    fiveHundreds: 0,
    byClass: {} as Record<string, number>,
    byStatus: {} as Record<number, number>,
  };

  const send = async ({ role, method, path, body, label, headers: extra }: Sent, client = clients[role]) => {
    stats.requests++;
    const cls = label.split(':')[0];
    stats.byClass[cls] = (stats.byClass[cls] ?? 0) + 1;
    const headers: Record<string, string> = {
      // anonymous: a fresh address each time, so the login throttle never hides a deeper answer
      'x-forwarded-for': role === 'anonymous' ? randomIp() : client.ip,
    };
    if (client.cookie) headers.cookie = `otklik_session=${client.cookie}`;
    if (client.csrf) headers['x-csrf-token'] = client.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, extra);
    const res = await httpRequest(t.url + path, method, headers, body);
    const text = res.text;
    stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
    const where = `${role} ${method} ${path.slice(0, 100)} [${label.slice(0, 80)}]`;
    if (res.status >= 500) {
      stats.fiveHundreds++;
      problems.push(`${where} -> ${res.status} ${text.slice(0, 160)}`);
    } else if (LEAKS.test(text)) {
      problems.push(`${where} leaks: ${text.slice(0, 200)}`);
    }
    return { status: res.status, text };
  };
  const fillReal = (path: string) =>
    path.replace(/:(\w+)/g, (_, p: string) => realParam(fx, path, p) ?? randomUUID());

  beforeAll(async () => {
    t = await startTestApp();
    const admin = new Client(t.url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
    clients.admin = admin;
    clients.agent = (await userWithRole(t.url, admin, 'agent')).client;
    clients.analyst = (await userWithRole(t.url, admin, 'analyst')).client;
    clients.anonymous = new Client(t.url);
    fx = await createFixtures(t, admin);

    const meta = nestRouteMetadata(t.app);
    handlers = controllerHandlers(t.app)
      .map((h) => ({ ...h, key: `${h.method} ${h.path}` }))
      .filter((h) => !NEVER_PROBED.has(h.key))
      .map((h) => ({ ...h, roles: reachableRoles(meta.get(h.key)) }));
  }, 120_000);
  afterAll(async () => {
    console.log(
      `input fuzz: ${stats.requests} requests over ${handlers?.length} routes, ` +
        `${stats.fiveHundreds} answered 5xx; by status ${JSON.stringify(stats.byStatus)}; ` +
        `by class ${JSON.stringify(stats.byClass)}`,
    );
    agent.destroy();
    await t?.stop();
  });
  afterEach(() => {
    const found = problems.splice(0);
    expect(found).toEqual([]);
  });

  it('walks every operation of the API document, with its DTOs (the walk is not vacuous)', async () => {
    const doc = (await (await fetch(`${t.url}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const walked = new Set([...handlers.map((h) => h.key), ...NEVER_PROBED]);
    expect(documented.filter((k) => !walked.has(k))).toEqual([]);
    expect(documented.length).toBeGreaterThan(40);
    expect(handlers.filter((h) => h.body).length).toBeGreaterThan(15);
    const conv = handlers.find((h) => h.key === 'GET /api/conversations');
    expect(conv?.query && dtoProperties(conv.query)).toEqual(expect.arrayContaining(['cursor', 'limit']));
    // the baselines are valid as they are (else the walk would stop at validation)
    for (const h of handlers.filter((x) => x.body && BASELINES[x.key])) {
      if (h.key === 'POST /api/auth/login') continue; // a wrong password by design (401)
      const role = h.roles[0];
      const r = await send({
        role,
        method: h.method,
        path: fillReal(h.path),
        body: JSON.stringify(BASELINES[h.key](fx)),
        label: 'baseline',
      });
      // 409: valid, but the row's state refuses it (e.g. marking a failed reply delivered)
      const passedValidation = r.status < 300 || r.status === 409;
      expect([h.key, passedValidation ? 'valid' : r.text]).toEqual([h.key, 'valid']);
    }
  });

  it(
    'bad ids in every path parameter: 400 or 404, never 5xx',
    async () => {
      for (const h of handlers.filter((x) => x.takesParams)) {
        for (const role of h.roles) {
          const probes: Array<() => Promise<unknown>> = BAD_IDS.map((bad) => async () => {
            const path = h.path.replace(/:(\w+)/g, bad);
            const body = h.method === 'GET' || h.method === 'DELETE' ? undefined : '{}';
            const r = await send({ role, method: h.method, path, body, label: `bad id:${bad}` });
            if (r.status < 400) problems.push(`${role} ${h.key} with id ${bad} -> ${r.status}`);
          });
          // a well-formed id that does not exist: reads and bodiless writes answer 404
          if (h.method === 'GET' || !h.body) {
            const path = h.path.replace(/:(\w+)/g, () => randomUUID());
            probes.push(() => send({ role, method: h.method, path, label: 'unknown id' }));
          }
          await inParallel(probes);
        }
      }
    },
    WALK_TIMEOUT_MS,
  );

  it(
    'hostile query strings on every read',
    async () => {
      for (const h of handlers.filter((x) => x.method === 'GET')) {
        const path = fillReal(h.path);
        const props = h.query ? dtoProperties(h.query) : ['limit', 'cursor', 'offset', 'q'];
        for (const role of h.roles) {
          const probes: Array<() => Promise<unknown>> = [];
          for (const p of props) {
            // Query parsing happens before any role-specific code, so each hostile value goes to one
            // role in turn: every value on every property, every role on every read, and not the
            // product of the three (thousands of requests that add nothing).
            const values = BAD_QUERY_VALUES.filter((_, i) => i % h.roles.length === h.roles.indexOf(role));
            for (const v of values) {
              probes.push(async () => {
                const r = await send({
                  role,
                  method: 'GET',
                  path: `${path}?${p}=${v}`,
                  label: `query:${p}=${v}`,
                });
                if (/%00/.test(v) && h.query && r.status !== 400)
                  problems.push(`${role} ${h.key}?${p}=${v} -> ${r.status} (expected 400)`);
              });
            }
            probes.push(() =>
              send({ role, method: 'GET', path: `${path}?${p}=a&${p}=b`, label: 'query:array' }),
            );
            probes.push(() =>
              send({ role, method: 'GET', path: `${path}?${p}[x]=1`, label: 'query:object' }),
            );
          }
          await inParallel(probes);
          await send({
            role,
            method: 'GET',
            path: `${path}?${'k=1&'.repeat(2000)}`,
            label: 'query:many keys',
          });
        }
      }
    },
    WALK_TIMEOUT_MS,
  );

  it(
    'every hostile class in every property of every body, as every role',
    async () => {
      for (const h of handlers.filter((x) => x.body)) {
        const props = dtoProperties(h.body!);
        const nonNullable = new Set(notNullableOptionals(h.body!));
        for (const role of h.roles) {
          const client = SELF_CREDENTIALS.has(h.key) ? await throwaway(role) : clients[role];
          const probes: Array<() => Promise<unknown>> = [];
          for (const p of props) {
            for (const cls of BODY_CLASSES) {
              for (const v of cls.values) {
                probes.push(async () => {
                  const base = baseline(h, client);
                  const body = JSON.stringify({ ...base, [p]: v });
                  const label = `${cls.name}:${p}=${JSON.stringify(v)?.slice(0, 30)}`;
                  const path = fillReal(h.path);
                  const r = await send({ role, method: h.method, path, body, label }, client);
                  const mustRefuse = cls.alwaysRefused || (cls.name === 'null' && nonNullable.has(p));
                  if (mustRefuse && (r.status < 400 || r.status >= 500 || r.status === 404))
                    problems.push(
                      `${role} ${h.key} [${label}] -> ${r.status} (must be refused) ${r.text.slice(0, 100)}`,
                    );
                  if (mustRefuse && r.status === 400 && !usefulMessage(r.text))
                    problems.push(
                      `${role} ${h.key} [${label}] -> 400 without a message: ${r.text.slice(0, 100)}`,
                    );
                });
              }
            }
          }
          // Six in flight: a route's writes race each other on the same rows, as real clients'
          // do (six concurrent PATCHes of one user found a deadlock here once).
          await inParallel(probes);
          // an unknown property beside a valid body: refused by the whitelist
          const r = await send(
            {
              role,
              method: h.method,
              path: fillReal(h.path),
              body: JSON.stringify({ ...baseline(h, client), __fuzz__: 1 }),
              label: 'unknown property',
            },
            client,
          );
          if (r.status !== 400) problems.push(`${role} ${h.key} with an unknown property -> ${r.status}`);
        }
      }
    },
    WALK_TIMEOUT_MS,
  );

  it(
    'broken whole bodies on every write',
    async () => {
      for (const h of handlers.filter((x) => x.method !== 'GET')) {
        const path = fillReal(h.path);
        for (const role of h.roles) {
          await inParallel(
            WHOLE_BODIES.map(([name, body]) => async () => {
              const r = await send({ role, method: h.method, path, body, label: `whole body:${name}` });
              // a route without a body DTO may ignore its body; one with a DTO must refuse these
              if (h.body && r.status < 400)
                problems.push(`${role} ${h.key} whole body ${name} -> ${r.status}`);
            }),
          );
        }
      }
    },
    WALK_TIMEOUT_MS,
  );

  it('signed webhook batches with every hostile class in every item field: never 5xx', async () => {
    const path = `/api/ingest/${fx.source}`;
    const item = {
      id: 'fz-1',
      author: { id: 'fz-author', name: 'Анна' },
      text: 'Привет',
      createdAt: new Date().toISOString(),
    };
    const fields: Array<[string, (v: unknown) => unknown]> = [
      ['id', (v) => ({ ...item, id: v })],
      ['text', (v) => ({ ...item, text: v })],
      ['author.id', (v) => ({ ...item, author: { ...item.author, id: v } })],
      ['author.name', (v) => ({ ...item, author: { ...item.author, name: v } })],
      ['threadId', (v) => ({ ...item, threadId: v })],
      ['createdAt', (v) => ({ ...item, createdAt: v })],
    ];
    let n = 0;
    const probes: Array<() => Promise<unknown>> = [];
    for (const [field, put] of fields) {
      for (const cls of BODY_CLASSES) {
        for (const v of cls.values) {
          // a fresh item id each time (an id already stored would only be a duplicate)
          const hostile = put(v) as Record<string, unknown>;
          const body = JSON.stringify({
            items: [field === 'id' ? hostile : { ...hostile, id: `fz-${++n}` }],
          });
          probes.push(() =>
            send({
              role: 'anonymous',
              method: 'POST',
              path,
              body,
              label: `webhook ${cls.name}:${field}`,
              headers: { 'x-otklik-signature': signWebhook(fx.sourceSecret, body) },
            }),
          );
        }
      }
    }
    await inParallel(probes);
  });

  // --- helpers -------------------------------------------------------------------------------

  /** The baseline body for a route as this client (its own password where the route needs it). */
  function baseline(h: { key: string }, client: Client): Record<string, unknown> {
    if (SELF_CREDENTIALS.has(h.key))
      return { currentPassword: passwords.get(client), newPassword: 'another-long-password-2' };
    return BASELINES[h.key]?.(fx) ?? {};
  }

  async function throwaway(role: Role): Promise<Client> {
    if (role === 'anonymous') return clients.anonymous;
    const u = await userWithRole(t.url, clients.admin, role);
    passwords.set(u.client, u.password);
    return u.client;
  }
});

/**
 * The walk's HTTP client: node:http on kept-alive sockets. It runs in the app's process, and
 * fetch (undici, web streams, an AbortSignal timer per request) cost about a sixth of that
 * process's CPU here. Paths go through the URL parser, as fetch's do.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 16 });
function httpRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<{ status: number; text: string }> {
  const u = new URL(url);
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method,
        headers,
        agent,
        timeout: 20_000,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        // a live event stream (GET /api/events) never ends: its status is the answer
        if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
          res.destroy();
          return resolve({ status, text: '' });
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer in 20 s: ${method} ${url.slice(0, 100)}`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The probes of one route and role, a few in flight at once: the app serves concurrent requests
 * anyway, and a strictly serial walk of ~15,000 requests is most of the suite's time. Routes stay
 * one after another, so one route's writes never race another's fixtures.
 */
async function inParallel(probes: Array<() => Promise<unknown>>, width = 6): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < probes.length) await probes[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(width, probes.length) }, lane));
}

function usefulMessage(text: string): boolean {
  try {
    const m = (JSON.parse(text) as { message?: unknown }).message;
    const s = Array.isArray(m) ? m.join(' ') : String(m ?? '');
    return s.length >= 8;
  } catch {
    return false;
  }
}

/** Real rows for every resource a route can name, created through the API where it can be. */
async function createFixtures(t: TestApp, admin: Client): Promise<Fixtures> {
  const ok = async (p: Promise<{ status: number; body: any }>, what: string) => {
    const r = await p;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const sourceSecret = 'fuzz-webhook-secret-0123456789';
  const source = (
    await ok(
      admin.post('/api/sources', {
        platform: 'webhook',
        name: 'Fuzz site',
        credentials: { secret: sourceSecret },
      }),
      'source',
    )
  ).id as string;
  const batch = JSON.stringify({
    items: ['a', 'b'].map((who, i) => ({
      id: `fixture-${i}`,
      author: { id: `customer-${who}`, name: `Клиент ${who}` },
      text: 'Не приходит заказ',
      createdAt: new Date(Date.now() - 60_000).toISOString(),
    })),
  });
  const ingested = await fetch(`${t.url}/api/ingest/${source}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-otklik-signature': signWebhook(sourceSecret, batch) },
    body: batch,
  });
  if (ingested.status !== 200) throw new Error(`ingest: ${ingested.status} ${await ingested.text()}`);
  const ds = t.app.get(DataSource);
  const [row] = await ds.query(
    `SELECT i.id::text AS item, i.conversation_id AS conversation FROM items i WHERE i.source_id = $1 ORDER BY i.id LIMIT 1`,
    [source],
  );
  const contacts = (await ds.query(`SELECT id FROM contacts ORDER BY created_at LIMIT 2`)).map(
    (r: any) => r.id,
  );
  const team = (await ok(admin.post('/api/teams', { name: 'Fuzz team' }), 'team')).id;
  const victim = await userWithRole(t.url, admin, 'agent');
  const loginTarget = await userWithRole(t.url, admin, 'agent');
  const template = (
    await ok(admin.post('/api/templates', { name: 'Fuzz template', body: 'Здравствуйте' }), 'template')
  ).id;
  const policy = (
    await ok(
      admin.post('/api/sla-policies', { name: 'Fuzz policy', sourceId: source, firstResponseMinutes: 60 }),
      'policy',
    )
  ).id;
  const reply = (
    await ok(
      admin.post(`/api/conversations/${row.conversation}/replies`, { text: 'Сейчас проверим' }),
      'reply',
    )
  ).id;
  return {
    loginTarget: loginTarget.email,
    source,
    sourceSecret,
    conversation: row.conversation,
    item: row.item,
    contacts,
    team,
    victim: victim.id,
    template,
    policy,
    reply,
  };
}
