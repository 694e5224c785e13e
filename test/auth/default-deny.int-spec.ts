import { mayAccess } from '../../src/auth/access';
import type { UserRole } from '../../src/users/user.types';
import { startTestApp, TestApp } from '../support/app';
import { ADMIN, Client, userWithRole } from './client';
import { concretePath, nestRouteMetadata, probe, registeredRoutes, RegisteredRoute } from './routes';

/**
 * The ONLY routes reachable without a session. Adding a @Public() route anywhere else fails this
 * test on purpose: extend this list deliberately, in review.
 */
const PUBLIC_ROUTES: RegExp[] = [
  /^POST \/api\/auth\/login$/,
  /^(GET|ALL) \/health\/[^/]+$/,
  /^(GET|ALL) \/api\/docs(-json|-yaml)?(\/.*)?$/, // OpenAPI UI and JSON
  /^\w+ \/api\/ingest\//, // signed webhooks: they verify their own signature
  /^\w+ \/api\/webhooks\//,
];
const isAllowlisted = (key: string) => PUBLIC_ROUTES.some((r) => r.test(key));
/** Who is probed: each role, and an agent with the lead flag (`@Roles(..., 'lead')`). */
type Persona = UserRole | 'lead';
const PERSONAS: Record<Persona, { role: UserRole; isLead: boolean }> = {
  admin: { role: 'admin', isLead: false },
  agent: { role: 'agent', isLead: false },
  analyst: { role: 'analyst', isLead: false },
  lead: { role: 'agent', isLead: true },
};

describe('default deny: every registered route, as anonymous and as each role', () => {
  let t: TestApp;
  let routes: RegisteredRoute[];
  let meta: ReturnType<typeof nestRouteMetadata>;
  const clients = {} as Record<Persona, Client>;

  beforeAll(async () => {
    t = await startTestApp();
    routes = registeredRoutes(t.app);
    meta = nestRouteMetadata(t.app);
    clients.admin = new Client(t.url);
    expect((await clients.admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
    clients.agent = (await userWithRole(t.url, clients.admin, 'agent')).client;
    clients.analyst = (await userWithRole(t.url, clients.admin, 'analyst')).client;
    clients.lead = (await userWithRole(t.url, clients.admin, 'agent', undefined, { isLead: true })).client;
  });
  afterAll(() => t?.stop());

  const headersOf = (c?: Client): Record<string, string> =>
    c ? { cookie: `otklik_session=${c.cookie}`, 'x-csrf-token': c.csrf!, 'x-forwarded-for': c.ip } : {};

  it('sees the whole route table (so the checks below are not vacuous)', () => {
    const keys = routes.map((r) => r.key);
    for (const known of [
      'POST /api/auth/login',
      'GET /api/auth/me',
      'GET /api/users',
      'PATCH /api/users/:id',
    ]) {
      expect(keys).toContain(known);
    }
    // Every Nest handler is found on the router under the same key, so metadata lookups work.
    expect([...meta.keys()].filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('has @Public() only on the allowed routes', () => {
    const offenders = [...meta.values()].filter((m) => m.isPublic && !isAllowlisted(m.key));
    expect(offenders.map((m) => `${m.key} (${m.handler})`)).toEqual([]);
  });

  it('answers 401 (JSON) to anonymous requests on every route outside the allowlist', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of routes) {
      if (isAllowlisted(r.key)) continue;
      checked++;
      const res = await probe(t.url, r.method, concretePath(r.path), {});
      // Routes Nest does not own are middleware mounts (e.g. the request logger on /{*path}): they
      // pass through to 404 when no endpoint matches. Anything that answers otherwise is flagged.
      if (!meta.has(r.key) && res !== 'timeout' && res.status === 404) continue;
      if (res === 'timeout' || res.status !== 401 || !/json/.test(res.contentType ?? '')) {
        wrong.push(`${r.key} -> ${res === 'timeout' ? 'no answer' : `${res.status} ${res.contentType}`}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(5);
  });

  it('rejects a forged or unknown session cookie the same way', async () => {
    const res = await probe(t.url, 'GET', '/api/auth/me', { cookie: 'otklik_session=forged' });
    expect(res !== 'timeout' && res.status).toBe(401);
  });

  it('knows routes a lead reaches and a plain agent does not (reports, alerts)', () => {
    const leadOnly = [...meta.values()].filter(
      (m) => !m.isPublic && mayAccess(m.roles, PERSONAS.lead) && !mayAccess(m.roles, PERSONAS.agent),
    );
    expect(leadOnly.map((m) => m.key)).toEqual(
      expect.arrayContaining(['GET /api/alerts', 'GET /api/alerts/:id', 'GET /api/reports/sentiment']),
    );
    // ...and editing the rules stays the admins'.
    expect(mayAccess(meta.get('POST /api/alert-rules')?.roles, PERSONAS.lead)).toBe(false);
  });

  it.each(Object.keys(PERSONAS) as Persona[])(
    'answers 403 to %s on every route whose @Roles excludes it, and lets it through elsewhere',
    async (role) => {
      const client = clients[role];
      const wrong: string[] = [];
      let denied = 0;
      for (const r of routes) {
        const m = meta.get(r.key);
        if (!m || m.isPublic) continue;
        const allowed = mayAccess(m.roles, PERSONAS[role]);
        if (!allowed) {
          denied++;
          const res = await probe(t.url, r.method, concretePath(r.path), headersOf(client));
          const byGuard = res !== 'timeout' && res.status === 403 && /needs the role/.test(res.body?.message);
          if (!byGuard)
            wrong.push(`${r.key} -> ${res === 'timeout' ? 'no answer' : res.status} (expected 403)`);
        } else if (r.method === 'GET') {
          // Reads only (writes could change state): the session must be accepted.
          const res = await probe(t.url, r.method, concretePath(r.path), headersOf(client));
          if (res !== 'timeout' && (res.status === 401 || /needs the role/.test(res.body?.message ?? ''))) {
            wrong.push(`${r.key} -> ${res.status} (expected to pass the guard)`);
          }
        }
      }
      expect(wrong).toEqual([]);
      if (role !== 'admin') expect(denied).toBeGreaterThan(0); // at least the users API
    },
  );
});
