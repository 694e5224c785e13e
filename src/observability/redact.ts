/**
 * Deep redaction for log records: any key that names a secret (password, token, cookie,
 * authorization, credentials, secret, api key, ...) has its value replaced, at any depth, in
 * arrays too. pino's path-based `redact` cannot say "at any depth", and an axios error or a
 * connector payload can carry a token several levels down, so every record goes through this.
 * Plain TypeScript; no Nest, no pino.
 */
export const REDACTED = '[Redacted]';

const SECRET_KEY =
  /passw(or)?d|passphrase|^pass$|secret|token|cookie|authori[sz]ation|credential|api[-_]?key|private[-_]?key|signature|^otp$|webhook[-_]?url/i;

const MAX_DEPTH = 12;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A copy of `value` with secret-named keys censored. Cycles and very deep values are cut. */
export function redactSecrets(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (Buffer.isBuffer(value)) return `[Buffer ${value.length} bytes]`;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1, seen));
    if (value instanceof Error) return walkError(value, depth, seen);
    const source = typeof (value as { toJSON?: unknown }).toJSON === 'function' ? toJson(value) : value;
    if (source === null || typeof source !== 'object') return source;
    if (value instanceof Map) return walk(Object.fromEntries(value), depth, seen);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(source))
      out[k] = isSecretKey(k) ? REDACTED : walk(v, depth + 1, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

function walkError(err: Error, depth: number, seen: WeakSet<object>) {
  // Keep what pino's standard error serializer keeps (type, message, stack, own fields).
  const out: Record<string, unknown> = {
    type: err.constructor?.name ?? 'Error',
    message: err.message,
    stack: err.stack,
  };
  const json = typeof (err as { toJSON?: unknown }).toJSON === 'function' ? toJson(err) : undefined;
  const fields = json && typeof json === 'object' ? json : err;
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'message' || k === 'stack') continue;
    out[k] = isSecretKey(k) ? REDACTED : walk(v, depth + 1, seen);
  }
  if (err.cause !== undefined) out.cause = walk(err.cause, depth + 1, seen);
  return out;
}

function toJson(value: object): unknown {
  try {
    return (value as { toJSON(): unknown }).toJSON();
  } catch {
    return '[Unserializable]';
  }
}
