import { createHash } from 'node:crypto';
import { constantTimeEqual, hashToken, newToken } from './tokens';

describe('session tokens', () => {
  it('are 32 random bytes, URL-safe, never repeating', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newToken));
    expect(tokens.size).toBe(1000);
    for (const t of [...tokens].slice(0, 20)) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    }
  });

  it('are stored as their SHA-256, which differs from the token', () => {
    const t = newToken();
    expect(hashToken(t)).toBe(createHash('sha256').update(t).digest('hex'));
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t)).not.toBe(hashToken(newToken()));
  });
});

describe('constantTimeEqual', () => {
  it('is true only for identical strings', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false); // different lengths do not throw
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('ё', 'е')).toBe(false);
  });

  it('is false when either side is missing', () => {
    expect(constantTimeEqual(undefined, 'x')).toBe(false);
    expect(constantTimeEqual('x', null)).toBe(false);
    expect(constantTimeEqual(undefined, undefined)).toBe(false);
  });
});
