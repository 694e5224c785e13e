import type { components } from './schema';

/** The server's response shapes, generated from its OpenAPI document (npm run api:types). */
export type Schemas = components['schemas'];
export type QueueRow = Schemas['QueueRowView'];
export type Conversation = Schemas['ConversationView'];
export type ConversationDetails = Schemas['ConversationDetailsView'];
export type Item = Schemas['ItemView'];
export type TimelineReply = Schemas['TimelineReplyView'];
export type Note = Schemas['NoteView'];
export type Template = Schemas['TemplateView'];
export type SessionInfo = Schemas['SessionView'];
export type Me = Schemas['PublicUserView'];
export type Labels = Schemas['LabelsView'];
export type InboxEvent = Schemas['InboxEventView'];
export type Source = Schemas['SourceViewSchema'];
export type User = Schemas['UserViewSchema'];
export type Team = Schemas['TeamViewSchema'];
export type SlaPolicy = Schemas['SlaPolicyView'];
export type AuditEntry = Schemas['AuditEntryView'];
export type ConversationStatus = Conversation['status'];
export type ReplyStatus = TimelineReply['status'];

/**
 * The API client. The session is an HttpOnly cookie the page never sees; the CSRF token lives
 * only in this module's memory (from sign-in or GET /api/auth/me) and goes out on every write.
 * Nothing is written to localStorage or sessionStorage.
 */
let csrfToken: string | null = null;
let onUnauthorized: () => void = () => undefined;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function whenUnauthorized(fn: () => void): void {
  onUnauthorized = fn;
}

/** A failed call: `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** A machine-readable `code` the server sent (e.g. a connector's refusal). */
  get code(): string | undefined {
    const b = this.body as { code?: unknown } | undefined;
    return typeof b?.code === 'string' ? b.code : undefined;
  }
}

function messageOf(body: unknown, status: number): string {
  const m = body && typeof body === 'object' ? (body as { message?: unknown }).message : undefined;
  if (Array.isArray(m)) return m.join('; ');
  if (typeof m === 'string' && m) return m;
  return `HTTP ${status}`;
}

export interface CallOptions {
  headers?: Record<string, string>;
  /** A 401 is expected (the boot probe, sign-in): do not treat it as a lost session. */
  quiet401?: boolean;
  signal?: AbortSignal;
}

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  opts: CallOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new ApiError(0, 'network');
  }
  const text = await res.text();
  let data: unknown;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) {
    const retry = Number(res.headers.get('retry-after'));
    const err = new ApiError(
      res.status,
      messageOf(data, res.status),
      data,
      Number.isFinite(retry) ? retry : undefined,
    );
    if (res.status === 401 && !opts.quiet401) onUnauthorized();
    throw err;
  }
  return data as T;
}

export const get = <T>(path: string, opts?: CallOptions) => api<T>('GET', path, undefined, opts);
export const post = <T>(path: string, body?: unknown, opts?: CallOptions) =>
  api<T>('POST', path, body ?? {}, opts);
export const patch = <T>(path: string, body: unknown, opts?: CallOptions) =>
  api<T>('PATCH', path, body, opts);
export const del = <T>(path: string, opts?: CallOptions) => api<T>('DELETE', path, undefined, opts);

/** A key for one reply draft: a retried or double-clicked send makes one reply, not two. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** `?a=1&b=2` without empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
