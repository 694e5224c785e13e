import { constantTimeEqual } from './tokens';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isUnsafeMethod(method: string): boolean {
  return UNSAFE_METHODS.has(method.toUpperCase());
}

/** The header must carry the session's token (synchronizer-token pattern). */
export function csrfTokenMatches(header: string | string[] | undefined, sessionToken: string): boolean {
  return typeof header === 'string' && constantTimeEqual(header, sessionToken);
}

/**
 * Login has no session yet, so no token: instead, when the browser says where the request comes
 * from (Origin, else Referer), that host must be ours (the Host header or PUBLIC_URL's host).
 * Non-browser clients send neither and pass.
 */
export function sameOriginOrAbsent(
  origin: string | undefined,
  referer: string | undefined,
  host: string | undefined,
  publicUrl?: string,
): boolean {
  const from = origin ?? referer;
  if (from === undefined) return true;
  const fromHost = hostOf(from);
  if (!fromHost) return false; // "null" origins and garbage
  const allowed = [host?.toLowerCase(), publicUrl ? hostOf(publicUrl) : undefined].filter(Boolean);
  return allowed.includes(fromHost);
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}
