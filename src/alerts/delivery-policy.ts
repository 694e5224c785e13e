/**
 * What happens to an alert after a delivery attempt (plain TypeScript; the exactly-once argument
 * lives here and in the claim, see docs/architecture.md "Alerts").
 */
import type { SendOutcome } from './slack/slack-sender';

export interface AlertRetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export type AfterSend =
  | { state: 'sent' }
  | { state: 'fired'; retryInMs: number; error: string }
  | { state: 'failed'; error: string }
  | { state: 'unknown'; error: string };

export function backoff(attempts: number, p: AlertRetryPolicy): number {
  return Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

/** `attempts` counts the attempt that just ended. */
export function decideAfterSend(outcome: SendOutcome, attempts: number, p: AlertRetryPolicy): AfterSend {
  switch (outcome.kind) {
    case 'sent':
      return { state: 'sent' };
    case 'retry':
      if (attempts >= p.maxAttempts)
        return { state: 'failed', error: `gave up after ${attempts} attempts; last: ${outcome.error}` };
      return { state: 'fired', retryInMs: backoff(attempts, p), error: outcome.error };
    case 'failed':
      return { state: 'failed', error: outcome.error };
    case 'unknown':
      return { state: 'unknown', error: outcome.error };
  }
}
