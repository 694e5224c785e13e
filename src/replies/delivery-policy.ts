import { ConnectorError } from '../connectors/connector';

/**
 * What happens to a reply after a failed send. Plain TypeScript: the whole exactly-once argument
 * lives here and is unit-tested.
 *
 * - `retry`: the request surely did not take effect (or the platform dedupes by our key), so it
 *   goes back to the queue after `delayMs`.
 * - `unknown`: it may have been posted; a person decides (resend or mark delivered). Never
 *   resent automatically.
 * - `failed`: the platform refused it, it cannot be sent from here (`unsupported`), or a person
 *   must fix the source first.
 */
export type DeliveryDecision =
  | { kind: 'retry'; delayMs: number; error: string }
  | { kind: 'unknown'; error: string }
  | { kind: 'failed'; error: string };

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
};

/** Exponential backoff: base, 2×base, 4×base … capped. `attempts` counts the one that just failed. */
export function backoffMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const n = Math.max(1, attempts);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
}

export function describeError(err: unknown): string {
  const text =
    err instanceof ConnectorError
      ? `${err.code}: ${err.message}`
      : err instanceof Error
        ? `${err.name}: ${err.message}`
        : String(err);
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

export function decideAfterSendError(
  err: unknown,
  attempts: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): DeliveryDecision {
  const error = describeError(err);
  // Anything the connector did not classify may have reached the platform: a person decides.
  if (!(err instanceof ConnectorError)) return { kind: 'unknown', error };
  switch (err.code) {
    case 'rate_limited':
    case 'temporary': {
      if (attempts >= policy.maxAttempts) {
        return { kind: 'failed', error: `gave up after ${attempts} attempts; last ${error}` };
      }
      const wait = err.code === 'rate_limited' && err.retryAfterMs ? err.retryAfterMs : 0;
      return { kind: 'retry', delayMs: Math.max(wait, backoffMs(attempts, policy)), error };
    }
    case 'unknown_outcome':
      return { kind: 'unknown', error };
    case 'rejected':
    case 'unsupported':
    case 'auth_revoked':
    case 'configuration':
    case 'bad_cursor':
      return { kind: 'failed', error };
    default:
      return { kind: 'unknown', error };
  }
}

/**
 * The `sending` lease. The worker renews it (the row's `updated_at`) every heartbeat while the
 * platform call is in flight, so only a reply whose worker died (kill -9, a lost machine) outlives
 * it: the sweep (every SWEEP_INTERVAL_SECONDS) settles it within lease + interval of the death.
 * A send itself ends by its own deadlines (VK 30 s, Telegram 15 s) long before anyone looks.
 */
export const SENDING_LEASE_SECONDS = 20;
export const LEASE_HEARTBEAT_MS = 5_000;

/**
 * A reply left in `sending` past its lease (the worker crashed mid-send): only a connector whose
 * sends are idempotent (the platform dedupes by our key) may try again; otherwise a person decides.
 */
export function decideStuckSending(idempotentSends: boolean): 'queued' | 'unknown' {
  return idempotentSends ? 'queued' : 'unknown';
}
