import { TelegramError } from 'telegraf';
import { ConnectorError } from '../connector';

/** Network errors that mean the request never reached the server: safe to retry, even a send. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_INVALID_URL',
]);

/**
 * Maps what telegraf throws onto connector error codes. `phase` matters for network failures and
 * 5xx: a read can always be retried, but a send that may have reached the server has an unknown
 * outcome (the Bot API has no idempotency key), which only a person may resolve.
 */
export function toConnectorError(err: unknown, phase: 'read' | 'send'): ConnectorError {
  if (err instanceof ConnectorError) return err;
  if (err instanceof TelegramError) {
    const code = err.code;
    const what = `Telegram ${code}: ${err.description}`;
    if (code === 429) {
      const s = err.parameters?.retry_after ?? 1;
      return new ConnectorError('rate_limited', what, s * 1000, err);
    }
    if (code === 401) return new ConnectorError('auth_revoked', what, undefined, err);
    if (code === 404)
      return new ConnectorError('configuration', `${what} (wrong token or API root?)`, undefined, err);
    if (code === 409)
      return new ConnectorError('configuration', `${what} (another poller or a webhook)`, undefined, err);
    // A 5xx can come after the server acted (a gateway timing out on a posted message): for a
    // send that is an unknown outcome, never a reason to post again.
    if (code >= 500)
      return new ConnectorError(phase === 'send' ? 'unknown_outcome' : 'temporary', what, undefined, err);
    if (phase === 'send' && (code === 400 || code === 403))
      return new ConnectorError('rejected', what, undefined, err);
    return new ConnectorError(phase === 'send' ? 'rejected' : 'configuration', what, undefined, err);
  }
  const e = err as { name?: string; code?: string; type?: string; message?: string };
  const message = `Telegram unreachable: ${e?.message ?? String(err)}`;
  if (phase === 'read') return new ConnectorError('temporary', message, undefined, err);
  if (e?.code && NOT_SENT.has(e.code)) return new ConnectorError('temporary', message, undefined, err);
  // Reset, hang-up, timeout or a garbled answer after the request went out: it may have been posted.
  return new ConnectorError('unknown_outcome', message, undefined, err);
}
