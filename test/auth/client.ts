import { randomBytes } from 'node:crypto';

export const ADMIN = { email: 'admin@otklik.test', password: 'admin-password-123' };

export interface Reply {
  status: number;
  body: any;
  headers: Headers;
  setCookies: string[];
}

/** A fresh private address per client, so per-IP login limits never cross tests. */
export function randomIp(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2] || 1}`;
}

/**
 * A browser-like HTTP client for the auth tests: keeps the session cookie and CSRF token from
 * login, and sends its own X-Forwarded-For (the app trusts the loopback proxy).
 */
export class Client {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(
    private readonly base: string,
    readonly ip = randomIp(),
  ) {}

  async login(email: string, password: string, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await this.send('POST', '/api/auth/login', { email, password }, { csrf: false, headers });
    if (res.status === 200) {
      this.cookie = sessionCookieValue(res.setCookies);
      this.csrf = res.body.csrfToken;
    }
    return res;
  }

  async send(
    method: string,
    path: string,
    body?: unknown,
    opts: { csrf?: boolean | string; headers?: Record<string, string>; timeoutMs?: number } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip, ...opts.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = `otklik_session=${this.cookie}`;
    const csrf = opts.csrf ?? true;
    if (typeof csrf === 'string') headers['x-csrf-token'] = csrf;
    else if (csrf && this.csrf) headers['x-csrf-token'] = this.csrf;
    const res = await fetch(this.base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      redirect: 'manual',
    });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers, setCookies: res.headers.getSetCookie() };
  }

  get(path: string) {
    return this.send('GET', path);
  }
  post(path: string, body?: unknown) {
    return this.send('POST', path, body ?? {});
  }
  patch(path: string, body: unknown) {
    return this.send('PATCH', path, body);
  }
  delete(path: string) {
    return this.send('DELETE', path);
  }
}

export function sessionCookieValue(setCookies: string[]): string | undefined {
  const c = setCookies.find((s) => s.startsWith('otklik_session='));
  return c ? decodeURIComponent(c.split(';')[0].slice('otklik_session='.length)) : undefined;
}

/** Signs in as admin and creates a user with the given role; returns a signed-in client for them. */
export async function userWithRole(
  base: string,
  admin: Client,
  role: 'admin' | 'agent' | 'analyst',
  password = 'a-long-enough-password-1',
  extra: { isLead?: boolean } = {},
): Promise<{ client: Client; id: string; email: string; password: string }> {
  const email = `${role}-${randomBytes(4).toString('hex')}@otklik.test`;
  const created = await admin.post('/api/users', {
    email,
    name: `Test ${role}`,
    role,
    password,
    locale: 'en',
    ...extra,
  });
  if (created.status !== 201)
    throw new Error(`creating ${role}: ${created.status} ${JSON.stringify(created.body)}`);
  const client = new Client(base);
  const res = await client.login(email, password);
  if (res.status !== 200) throw new Error(`login as ${role}: ${res.status}`);
  return { client, id: created.body.id, email, password };
}
