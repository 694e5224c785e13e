import {
  afterFailure,
  ipRetryAfterSeconds,
  isLocked,
  secondsUntil,
  shouldTouchSession,
} from './login-throttle';

const policy = { maxAttempts: 3, lockoutMs: 15 * 60_000 };
const at = (iso: string) => new Date(`2026-03-01T${iso}Z`);

describe('account lockout arithmetic', () => {
  it('locks on the Nth consecutive failure, for the lockout period', () => {
    let s = { failedLogins: 0, lockedUntil: null as Date | null };
    s = afterFailure(s, at('10:00:00'), policy);
    s = afterFailure(s, at('10:00:10'), policy);
    expect(s).toEqual({ failedLogins: 2, lockedUntil: null });
    expect(isLocked(s, at('10:00:10'))).toBe(false);
    s = afterFailure(s, at('10:00:20'), policy);
    expect(s).toEqual({ failedLogins: 3, lockedUntil: at('10:15:20') });
    expect(isLocked(s, at('10:15:19'))).toBe(true);
    expect(isLocked(s, at('10:15:20'))).toBe(false);
  });

  it('starts a fresh count after a lock expires (one more failure does not relock)', () => {
    const expired = { failedLogins: 3, lockedUntil: at('10:15:20') };
    expect(afterFailure(expired, at('10:20:00'), policy)).toEqual({ failedLogins: 1, lockedUntil: null });
  });

  it('locks on the first failure when maxAttempts is 1', () => {
    const s = afterFailure({ failedLogins: 0, lockedUntil: null }, at('10:00:00'), {
      ...policy,
      maxAttempts: 1,
    });
    expect(isLocked(s, at('10:00:01'))).toBe(true);
  });

  it('rounds waiting time up to whole seconds, at least 1', () => {
    expect(secondsUntil(at('10:00:01.200'), at('10:00:00'))).toBe(2);
    expect(secondsUntil(at('10:00:00'), at('10:00:00'))).toBe(1);
  });
});

describe('per-address limit', () => {
  const ip = { maxFailures: 3, windowMs: 10 * 60_000 };

  it('lets an address try while it has fewer failures than the limit', () => {
    expect(ipRetryAfterSeconds([at('10:05:00'), at('10:04:00')], at('10:06:00'), ip)).toBe(0);
  });

  it('blocks until the limit-th newest failure leaves the window', () => {
    // newest first; the 3rd newest is 10:01, so the block lifts at 10:11
    const failures = [at('10:05:00'), at('10:03:00'), at('10:01:00'), at('09:59:00')];
    expect(ipRetryAfterSeconds(failures, at('10:06:00'), ip)).toBe(5 * 60);
    expect(ipRetryAfterSeconds(failures, at('10:11:00'), ip)).toBe(0);
  });
});

describe('sliding sessions', () => {
  it('write last_seen_at at most once a minute', () => {
    expect(shouldTouchSession(at('10:00:00'), at('10:00:59'))).toBe(false);
    expect(shouldTouchSession(at('10:00:00'), at('10:01:00'))).toBe(true);
  });
});
