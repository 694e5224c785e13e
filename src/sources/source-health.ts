import type { ConnectorError } from '../connectors/connector';

/**
 * The one mapping from connector outcomes onto a source's state (pure):
 * rate_limited → throttled until now + retry-after; temporary → degraded after 3 failures in a
 * row; auth_revoked / configuration → needs_attention (stop polling, a person must act);
 * bad_cursor → reconcile from a safe watermark; success → healthy (needs_attention only after a
 * person verifies or replaces the credentials: SourcesService.recordSuccess).
 */
export type SourceStatus = 'healthy' | 'throttled' | 'degraded' | 'needs_attention' | 'disabled';

export const DEGRADED_AFTER_FAILURES = 3;
export const DEFAULT_RETRY_AFTER_MS = 60_000;

export interface SourceHealth {
  status: SourceStatus;
  consecutiveFailures: number;
}

export interface HealthChange {
  status: SourceStatus;
  statusReason: string | null;
  throttledUntil: Date | null;
  consecutiveFailures: number;
  lastErrorCode: string | null;
  /** What the sync machinery does next. */
  action: 'continue' | 'wait' | 'stop' | 'reconcile' | 'retry';
}

export function afterSuccess(h: SourceHealth): HealthChange {
  return {
    status: h.status === 'disabled' ? 'disabled' : 'healthy',
    statusReason: null,
    throttledUntil: null,
    consecutiveFailures: 0,
    lastErrorCode: null,
    action: 'continue',
  };
}

/** `undefined` for codes that concern one send, not the source (rejected, unsupported, unknown_outcome). */
export function afterError(h: SourceHealth, err: ConnectorError, now: Date): HealthChange | undefined {
  const keep = h.status === 'disabled' ? 'disabled' : undefined;
  switch (err.code) {
    case 'rate_limited': {
      const ms = err.retryAfterMs && err.retryAfterMs > 0 ? err.retryAfterMs : DEFAULT_RETRY_AFTER_MS;
      return {
        status: keep ?? 'throttled',
        statusReason: err.message,
        throttledUntil: new Date(now.getTime() + ms),
        consecutiveFailures: h.consecutiveFailures,
        lastErrorCode: err.code,
        action: 'wait',
      };
    }
    case 'temporary': {
      const failures = h.consecutiveFailures + 1;
      return {
        status: keep ?? (failures >= DEGRADED_AFTER_FAILURES ? 'degraded' : h.status),
        statusReason: err.message,
        throttledUntil: null,
        consecutiveFailures: failures,
        lastErrorCode: err.code,
        action: 'retry',
      };
    }
    case 'auth_revoked':
    case 'configuration':
      return {
        status: keep ?? 'needs_attention',
        statusReason: err.message,
        throttledUntil: null,
        consecutiveFailures: h.consecutiveFailures + 1,
        lastErrorCode: err.code,
        action: 'stop',
      };
    case 'bad_cursor':
      return {
        status: h.status,
        statusReason: `reconciling: ${err.message}`,
        throttledUntil: null,
        consecutiveFailures: h.consecutiveFailures,
        lastErrorCode: err.code,
        action: 'reconcile',
      };
    default:
      return undefined;
  }
}

/** Pull and push both skip sources a person must fix, and throttled ones until the wait is over. */
export function isRunnable(
  s: { enabled: boolean; status: SourceStatus; throttledUntil: Date | null },
  now: Date,
): boolean {
  if (!s.enabled || s.status === 'needs_attention' || s.status === 'disabled') return false;
  return !(s.throttledUntil && s.throttledUntil > now);
}
