import { Client } from 'pg';
import { TestApp } from '../support/app';

/** A signed-in browser: session cookie plus the CSRF token echoed on writes. */
export interface Session {
  user: { id: string; email: string; role: string; name: string };
  /** The Cookie header (for a raw fetch, e.g. an SSE stream). */
  cookie: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  json<T = any>(method: string, path: string, body?: unknown, expectStatus?: number): Promise<T>;
}

export const ADMIN = { email: 'admin@otklik.test', password: 'admin-password-123' };

export async function login(t: TestApp, email: string, password: string): Promise<Session> {
  const res = await fetch(`${t.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const { user, csrfToken } = (await res.json()) as any;
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${t.url}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  return {
    user,
    cookie,
    request,
    json: async (method, path, body, expectStatus) => {
      const r = await request(method, path, body);
      const text = await r.text();
      if (expectStatus !== undefined && r.status !== expectStatus) {
        throw new Error(`${method} ${path}: expected ${expectStatus}, got ${r.status} ${text}`);
      }
      return text ? JSON.parse(text) : undefined;
    },
  };
}

let seq = 0;
/** Creates a user through the admin API and signs them in. */
export async function userSession(
  t: TestApp,
  admin: Session,
  role: 'agent' | 'analyst' | 'admin',
  name?: string,
) {
  const email = `${role}${++seq}-${Date.now()}@otklik.test`;
  const password = 'correct-horse-battery';
  await admin.json(
    'POST',
    '/api/users',
    { email, name: name ?? `${role} ${seq}`, role, password, locale: 'ru' },
    201,
  );
  return login(t, email, password);
}

/** Direct SQL for fixtures and for checking what was stored. */
export async function withDb<T>(t: TestApp, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: t.db.url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface Fixture {
  sourceId: string;
  conversationId: string;
  itemId: string;
  customerId: string;
}

/**
 * A source with one customer conversation whose SLA clock is running (the shape ingest and
 * triage leave behind), written directly so the tests control every timestamp.
 */
export async function seedConversation(
  c: Client,
  opts: {
    platform?: string;
    sourceId?: string;
    customerId?: string;
    text?: string;
    writtenAt?: Date;
    dueAt?: Date | null;
    priority?: number;
    intent?: string;
    authorId?: string;
    language?: string;
    sentiment?: string;
    authorName?: string;
    username?: string;
  } = {},
): Promise<Fixture> {
  const platform = opts.platform ?? 'testnet';
  const writtenAt = opts.writtenAt ?? new Date(Date.now() - 10 * 60_000);
  const sourceId =
    opts.sourceId ??
    (
      await c.query(
        `INSERT INTO sources (platform, name, settings) VALUES ($1, 'Test community', '{}') RETURNING id`,
        [platform],
      )
    ).rows[0].id;
  const customerId =
    opts.customerId ??
    (await c.query(`INSERT INTO customers (display_name) VALUES ('Ирина') RETURNING id`)).rows[0].id;
  const author = opts.authorId ?? `u${Math.floor(Math.random() * 1e9)}`;
  const contactId = (
    await c.query(
      `INSERT INTO contacts (platform, external_id, customer_id, display_name, username) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (platform, external_id) DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id`,
      [platform, author, customerId, opts.authorName ?? 'Ирина', opts.username ?? null],
    )
  ).rows[0].id;
  const thread = `dm:${author}:${Math.random().toString(36).slice(2)}`;
  const dueAt = opts.dueAt === undefined ? new Date(writtenAt.getTime() + 3 * 3600_000) : opts.dueAt;
  const conversationId = (
    await c.query(
      `INSERT INTO conversations (source_id, platform, thread_key, contact_id, customer_id, status, priority,
         intent, needs_response, first_message_at, last_message_at, last_customer_message_at,
         sla_started_at, due_at)
       VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9, $9, $9, $10, $11) RETURNING id`,
      [
        sourceId,
        platform,
        thread,
        contactId,
        customerId,
        opts.priority ?? 0,
        opts.intent ?? 'support_question',
        dueAt !== null,
        writtenAt,
        dueAt ? writtenAt : null,
        dueAt,
      ],
    )
  ).rows[0].id;
  const itemId = (
    await c.query(
      `INSERT INTO items (source_id, platform, kind, external_id, thread_external_id, conversation_id, contact_id,
         direction, author_external_id, author_name, text, created_at_platform, sentiment_label, intent, needs_response,
         language)
       VALUES ($1, $2, 'message', $3, $4, $5, $6, 'inbound', $7, 'Ирина', $8, $9, $11, $10, true, $12)
       RETURNING id::text`,
      [
        sourceId,
        platform,
        `msg:${thread}:1`,
        thread,
        conversationId,
        contactId,
        author,
        opts.text ?? 'Интернет пропал второй день, когда починят?',
        writtenAt,
        opts.intent ?? 'support_question',
        opts.sentiment ?? 'negative',
        opts.language ?? 'ru',
      ],
    )
  ).rows[0].id;
  // what ConversationsRepository.refreshPreviews keeps after ingest stores an item
  await c.query(
    `UPDATE conversations SET last_text = i.text, last_direction = i.direction, language = i.language,
       sentiment_label = COALESCE($2, conversations.sentiment_label) FROM items i
     WHERE i.id = $1 AND conversations.id = i.conversation_id`,
    [itemId, opts.sentiment ?? null],
  );
  return { sourceId, conversationId, itemId, customerId };
}

export async function waitFor<T>(
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
  stepMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
