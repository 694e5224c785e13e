/**
 * Login throttling arithmetic, kept pure so it is unit-tested without a database. The state
 * itself lives in PostgreSQL (users.failed_logins / locked_until and login_attempts), so every
 * instance behind a load balancer sees the same counters.
 */

export interface LockoutPolicy {
  /** Consecutive failures that lock an account. */
  maxAttempts: number;
  lockoutMs: number;
}

export interface AccountLock {
  failedLogins: number;
  lockedUntil: Date | null;
}

export function isLocked(state: AccountLock, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** The account's state after one more wrong password. An expired lock starts a fresh count. */
export function afterFailure(state: AccountLock, now: Date, policy: LockoutPolicy): AccountLock {
  const expired = state.lockedUntil !== null && state.lockedUntil.getTime() <= now.getTime();
  const failedLogins = (expired ? 0 : state.failedLogins) + 1;
  if (failedLogins >= policy.maxAttempts) {
    return { failedLogins, lockedUntil: new Date(now.getTime() + policy.lockoutMs) };
  }
  return { failedLogins, lockedUntil: expired ? null : state.lockedUntil };
}

export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

export interface IpLimitPolicy {
  maxFailures: number;
  windowMs: number;
}

/** Per client address: this many failed logins within the window, from any e-mail, blocks it. */
export const IP_LIMIT: IpLimitPolicy = { maxFailures: 20, windowMs: 15 * 60_000 };

/**
 * Seconds the address must wait, or 0 when it may try. `recentFailures` are the failure times
 * within the window, newest first (at most maxFailures are needed): the block lifts when the
 * maxFailures-th newest failure leaves the window.
 */
export function ipRetryAfterSeconds(recentFailures: Date[], now: Date, policy: IpLimitPolicy): number {
  if (recentFailures.length < policy.maxFailures) return 0;
  const pivot = recentFailures[policy.maxFailures - 1];
  const liftsAt = new Date(pivot.getTime() + policy.windowMs);
  return liftsAt.getTime() > now.getTime() ? secondsUntil(liftsAt, now) : 0;
}

/** Sliding sessions write last_seen_at at most once a minute, not on every request. */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

export function shouldTouchSession(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS;
}
