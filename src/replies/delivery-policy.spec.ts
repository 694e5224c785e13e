import { ConnectorError } from '../connectors/connector';
import { backoffMs, decideAfterSendError, decideStuckSending, DEFAULT_RETRY_POLICY } from './delivery-policy';

describe('reply delivery policy', () => {
  it('retries temporary errors with growing, capped backoff', () => {
    const d1 = decideAfterSendError(new ConnectorError('temporary', '502'), 1);
    const d3 = decideAfterSendError(new ConnectorError('temporary', '502'), 3);
    expect(d1).toMatchObject({ kind: 'retry', delayMs: 2000 });
    expect(d3).toMatchObject({ kind: 'retry', delayMs: 8000 });
    expect(backoffMs(50)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
  });

  it('waits at least retry_after when rate limited', () => {
    const d = decideAfterSendError(new ConnectorError('rate_limited', '429', 30_000), 1);
    expect(d).toMatchObject({ kind: 'retry', delayMs: 30_000 });
  });

  it('gives up after the last attempt', () => {
    const d = decideAfterSendError(
      new ConnectorError('temporary', 'reset'),
      DEFAULT_RETRY_POLICY.maxAttempts,
    );
    expect(d.kind).toBe('failed');
    expect(d.error).toMatch(/gave up after 8 attempts/);
  });

  it('never resends an unknown outcome', () => {
    expect(decideAfterSendError(new ConnectorError('unknown_outcome', 'socket reset'), 1).kind).toBe(
      'unknown',
    );
  });

  it('treats an unclassified throw as unknown: it may have reached the platform', () => {
    expect(decideAfterSendError(new TypeError('boom'), 1)).toEqual({
      kind: 'unknown',
      error: 'TypeError: boom',
    });
  });

  it.each(['rejected', 'unsupported', 'auth_revoked', 'configuration'] as const)('fails on %s', (code) => {
    expect(decideAfterSendError(new ConnectorError(code, 'no'), 1)).toEqual({
      kind: 'failed',
      error: `${code}: no`,
    });
  });

  it('requeues a crashed send only for idempotent connectors', () => {
    expect(decideStuckSending(true)).toBe('queued');
    expect(decideStuckSending(false)).toBe('unknown');
  });
});
