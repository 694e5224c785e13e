/**
 * The API client. The session is an HttpOnly cookie the page never sees; the CSRF token lives
 * only in this module's memory (after sign-in or GET /api/auth/me) and goes out on every write.
 * Nothing is written to localStorage or sessionStorage.
 */

let csrfToken = null;
let onUnauthorized = () => {};

export function setCsrfToken(token) {
  csrfToken = token || null;
}

export function whenUnauthorized(fn) {
  onUnauthorized = fn;
}

export class ApiError extends Error {
  constructor(status, message, body, retryAfter) {
    super(message);
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter;
  }
}

function messageOf(body, status) {
  const m = body && typeof body === 'object' ? body.message : undefined;
  if (Array.isArray(m)) return m.join('; ');
  if (typeof m === 'string' && m) return m;
  return `HTTP ${status}`;
}

export async function api(method, path, body, { headers = {}, quiet401 = false } = {}) {
  const h = { Accept: 'application/json', ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) h['X-CSRF-Token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers: h,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  let data;
  const text = await res.text();
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
    if (res.status === 401 && !quiet401) onUnauthorized(err);
    throw err;
  }
  return data;
}

export const get = (path, opts) => api('GET', path, undefined, opts);
export const post = (path, body, opts) => api('POST', path, body ?? {}, opts);
export const patch = (path, body, opts) => api('PATCH', path, body, opts);

/** A key for one reply draft: a retried or double-clicked send makes one reply, not two. */
export function newIdempotencyKey() {
  if (crypto?.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
