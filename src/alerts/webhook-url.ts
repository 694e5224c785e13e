/**
 * Which webhook addresses a rule may hold (plain TypeScript): https, or plain http to this
 * machine only (a local receiver, a test, a relay). The address is a secret: this module only
 * says yes or no, never repeats it.
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function webhookUrlProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000) return 'must be a URL of at most 2000 characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a URL';
  }
  if (url.username || url.password) return 'must not carry a user name or password';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return 'must be https:// (plain http only to this machine)';
}
