import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips and never stores the plaintext', () => {
    const sealed = box.encryptJson({ token: 'vk1.a.secret-token' }, 'source-1');
    expect(sealed).not.toContain('secret-token');
    expect(box.decryptJson(sealed, 'source-1')).toEqual({ token: 'vk1.a.secret-token' });
    expect(box.encrypt('x')).not.toBe(box.encrypt('x')); // fresh IV each time
  });

  it('detects tampering, a wrong key and a moved ciphertext', () => {
    const sealed = box.encrypt('token', 'source-1');
    const parts = sealed.split('.');
    const ct = Buffer.from(parts[3], 'base64url');
    ct[0] ^= 1;
    const tampered = [...parts.slice(0, 3), ct.toString('base64url')].join('.');
    expect(() => box.decrypt(tampered, 'source-1')).toThrow(/tampered/);
    expect(() => new SecretBox(randomBytes(32)).decrypt(sealed, 'source-1')).toThrow(/wrong key/);
    expect(() => box.decrypt(sealed, 'source-2')).toThrow(/tampered/);
    expect(() => box.decrypt('garbage', 'source-1')).toThrow(/not a sealed secret/);
  });

  it('refuses a truncated tag (GCM would check only its prefix: a 4-byte tag is guessable)', () => {
    const sealed = box.encrypt('token', 'source-1');
    const [v, iv, tag, ct] = sealed.split('.');
    for (const n of [4, 8, 12]) {
      const short = Buffer.from(tag, 'base64url').subarray(0, n).toString('base64url');
      expect(() => box.decrypt([v, iv, short, ct].join('.'), 'source-1')).toThrow();
    }
    const shortIv = Buffer.from(iv, 'base64url').subarray(0, 8).toString('base64url');
    expect(() => box.decrypt([v, shortIv, tag, ct].join('.'), 'source-1')).toThrow();
  });
});
