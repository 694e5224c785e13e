/**
 * Google's errors → connector codes. YouTube answers `{error: {code, message, errors: [{reason}]}}`:
 * - `quotaExceeded` (403): the project's quota for the day is gone → rate_limited until midnight
 *   Pacific time (the source shows "throttled" until then; nothing was done);
 * - `rateLimitExceeded` / `userRateLimitExceeded` (403 or 429): rate_limited, after Retry-After;
 * - 401 after a fresh token, `insufficientPermissions`, `channelNotFound`: the source's token or
 *   settings are wrong → auth_revoked / configuration;
 * - 5xx: temporary for reads; for a write the comment may exist → unknown_outcome;
 * - any other 4xx on a write: refused, nothing posted → rejected.
 * Token endpoint: `invalid_grant` (revoked or expired refresh token) → auth_revoked.
 */
import { ConnectorError } from '../connector';
import { quotaResetAt } from './quota';

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const DEFAULT_RATE_WAIT_MS = 60_000;

export function googleError(
  status: number,
  body: string,
  retryAfter: string | null,
  what: string,
  write: boolean,
  now: Date,
): ConnectorError {
  let reason = '';
  try {
    const parsed = JSON.parse(body) as { error?: { errors?: Array<{ reason?: string }> } };
    reason = parsed.error?.errors?.[0]?.reason ?? '';
  } catch {
    // an HTML error page from a proxy: the status decides
  }
  const message = `${what}: YouTube ${status}${reason ? ` ${reason}` : ''}`;
  const cause = { code: status, reason };
  // Quota and rate limits are told in our own words (no `cause`: nothing of the answer is shown),
  // so the source's health can say what happened and when it ends.
  if (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded')
    return new ConnectorError(
      'rate_limited',
      `${what}: YouTube's daily quota is spent (${reason}); it resets at midnight Pacific time`,
      Math.max(1000, quotaResetAt(now).getTime() - now.getTime()),
    );
  if (reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded' || status === 429) {
    const seconds = Number(retryAfter);
    return new ConnectorError(
      'rate_limited',
      `${what}: YouTube is limiting the request rate (${status === 429 ? 'HTTP 429' : reason})`,
      Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_RATE_WAIT_MS,
    );
  }
  if (status === 401) return new ConnectorError('auth_revoked', message, undefined, cause);
  if (status >= 500)
    return new ConnectorError(write ? 'unknown_outcome' : 'temporary', message, undefined, cause);
  if (
    reason === 'insufficientPermissions' ||
    reason === 'channelNotFound' ||
    (reason === 'forbidden' && !write)
  )
    return new ConnectorError('configuration', message, undefined, cause);
  if (write) return new ConnectorError('rejected', message, undefined, cause);
  return new ConnectorError(status === 404 ? 'configuration' : 'rejected', message, undefined, cause);
}

export function tokenError(status: number, body: { error?: string }): ConnectorError {
  const cause = { code: status, reason: body.error ?? '' };
  if (body.error === 'invalid_grant')
    return new ConnectorError(
      'auth_revoked',
      'Google refused the refresh token (invalid_grant: revoked or expired): the channel owner must connect again',
      undefined,
      cause,
    );
  if (body.error === 'invalid_client' || body.error === 'unauthorized_client')
    return new ConnectorError(
      'configuration',
      `Google refused the OAuth client (${body.error})`,
      undefined,
      cause,
    );
  if (status >= 500 || status === 429)
    return new ConnectorError('temporary', `Google's token endpoint answered ${status}`, undefined, cause);
  return new ConnectorError(
    'configuration',
    `Google's token endpoint answered ${status} ${body.error ?? ''}`.trim(),
    undefined,
    cause,
  );
}

/** A request that failed without an answer: for a write it may have been done. */
export function networkError(err: unknown, what: string, write: boolean): ConnectorError {
  const e = err as { name?: string; message?: string; cause?: { code?: string } };
  const code = e?.cause?.code;
  const message = `${what}: YouTube unreachable: ${e?.name === 'TimeoutError' ? 'no answer in time' : (code ?? e?.message ?? String(err))}`;
  if (!write || (code && NOT_SENT.has(code))) return new ConnectorError('temporary', message, undefined, err);
  return new ConnectorError('unknown_outcome', message, undefined, err);
}
