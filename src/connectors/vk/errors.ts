/**
 * VK failures → ConnectorError codes (what the sync service turns into a source state).
 * 14 (captcha) maps to `auth_revoked`: only a person can clear it (solve it or issue a new token),
 * and a captcha on a service/user token usually means the token is being treated as suspicious.
 */
import { APIError } from 'vk-io';
import { ConnectorError } from '../connector';

const RETRY_AFTER_MS: Record<number, number> = { 6: 1133, 9: 60_000, 29: 3600_000 };

export function mapVkError(err: unknown, what = 'VK call'): ConnectorError {
  if (err instanceof ConnectorError) return err;
  if (err instanceof APIError) {
    const code = Number((err as { code: unknown }).code);
    const message = `${what}: VK error ${code}: ${(err as Error).message}`;
    switch (code) {
      case 5:
        return new ConnectorError('auth_revoked', message, undefined, err);
      case 14:
        return new ConnectorError(
          'auth_revoked',
          `${message} (captcha needed: a person must act)`,
          undefined,
          err,
        );
      case 15:
      case 27:
      case 28:
        return new ConnectorError('configuration', message, undefined, err);
      case 6:
      case 9:
      case 29:
        return new ConnectorError('rate_limited', message, RETRY_AFTER_MS[code], err);
      case 1:
      case 10:
        return new ConnectorError('temporary', message, undefined, err);
      default:
        return new ConnectorError('rejected', message, undefined, err);
    }
  }
  // Network errors, aborts (apiTimeout), non-JSON bodies (an nginx 502 page): vk-io already retried.
  const name = (err as Error)?.name ?? 'Error';
  return new ConnectorError(
    'temporary',
    `${what}: ${name}: ${(err as Error)?.message ?? String(err)}`,
    undefined,
    err,
  );
}
