import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, URL-safe: the cookie value and the CSRF token. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The sessions table keys on SHA-256 of the cookie token, so a leaked table (or backup) holds
 * no cookie that would still sign anyone in.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Constant-time string equality. Both sides are hashed first so the comparison takes the same
 * time whatever the lengths, and a length mismatch leaks nothing either.
 */
export function constantTimeEqual(a: string | undefined | null, b: string | undefined | null): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}
