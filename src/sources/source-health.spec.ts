import { ConnectorError } from '../connectors/connector';
import { afterError, afterSuccess, isRunnable } from './source-health';

const now = new Date('2024-11-01T10:00:00Z');
const healthy = { status: 'healthy' as const, consecutiveFailures: 0 };

describe('source health mapping', () => {
  it('throttles until now + retry-after on rate limits', () => {
    const c = afterError(healthy, new ConnectorError('rate_limited', 'error 6', 5_000), now)!;
    expect(c).toMatchObject({ status: 'throttled', action: 'wait', lastErrorCode: 'rate_limited' });
    expect(c.throttledUntil).toEqual(new Date('2024-11-01T10:00:05Z'));
    expect(isRunnable({ enabled: true, status: c.status, throttledUntil: c.throttledUntil }, now)).toBe(
      false,
    );
    expect(
      isRunnable(
        { enabled: true, status: c.status, throttledUntil: c.throttledUntil },
        new Date('2024-11-01T10:00:06Z'),
      ),
    ).toBe(true);
  });

  it('degrades after three temporary failures in a row and heals on success', () => {
    let h: { status: any; consecutiveFailures: number } = healthy;
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = afterError(h, new ConnectorError('temporary', '502'), now)!;
      h = c;
      statuses.push(c.status);
    }
    expect(statuses).toEqual(['healthy', 'healthy', 'degraded']);
    expect(afterSuccess(h)).toMatchObject({ status: 'healthy', consecutiveFailures: 0, statusReason: null });
  });

  it('needs attention on revoked auth or bad configuration, and stops', () => {
    for (const code of ['auth_revoked', 'configuration'] as const) {
      const c = afterError(healthy, new ConnectorError(code, 'x'), now)!;
      expect(c).toMatchObject({ status: 'needs_attention', action: 'stop' });
      expect(isRunnable({ enabled: true, status: c.status, throttledUntil: null }, now)).toBe(false);
    }
  });

  it('reconciles on a bad cursor without changing the status', () => {
    expect(afterError(healthy, new ConnectorError('bad_cursor', 'failed:1'), now)).toMatchObject({
      status: 'healthy',
      action: 'reconcile',
    });
  });

  it('ignores per-send outcomes', () => {
    expect(afterError(healthy, new ConnectorError('rejected', 'blocked'), now)).toBeUndefined();
    expect(afterError(healthy, new ConnectorError('unknown_outcome', 'reset'), now)).toBeUndefined();
    expect(afterError(healthy, new ConnectorError('unsupported', 'a photo comment'), now)).toBeUndefined();
  });
});
