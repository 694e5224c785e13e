import { parseWebhookPayload } from './payload';
import { checkWebhookSignature, signWebhook } from './signature';

describe('webhook payload', () => {
  const item = { id: 'f-1', author: { id: 7, name: 'Anna' }, text: 'hi', createdAt: '2024-11-01T10:00:00Z' };

  it('normalises an item with defaults: a message in the author thread', () => {
    const r = parseWebhookPayload({ items: [item] });
    expect(r).toEqual({
      ok: true,
      items: [
        expect.objectContaining({
          externalId: 'f-1',
          kind: 'message',
          threadExternalId: 'chat:7',
          author: { externalId: '7', name: 'Anna' },
          createdAt: new Date('2024-11-01T10:00:00Z'),
        }),
      ],
    });
  });

  it('names the first bad item', () => {
    const r = parseWebhookPayload({ items: [item, { ...item, createdAt: 'yesterday' }] });
    expect(r).toEqual({ ok: false, error: 'items[1]: createdAt must be an ISO 8601 date-time' });
    expect(parseWebhookPayload({ items: [{ ...item, kind: 'tweet' }] }).ok).toBe(false);
    expect(parseWebhookPayload({ nope: [] }).ok).toBe(false);
  });

  it('refuses ids PostgreSQL cannot store (NUL, lone surrogates), naming the field', () => {
    for (const id of ['a\u0000b', 'a\uD800', '\uDC00b']) {
      expect(parseWebhookPayload({ items: [{ ...item, id }] })).toEqual({
        ok: false,
        error: expect.stringMatching(/^items\[0\]: id must be/),
      });
    }
    expect(parseWebhookPayload({ items: [{ ...item, id: 'emoji 😀' }] }).ok).toBe(true);
    expect(parseWebhookPayload({ items: [{ ...item, author: { id: '7\u0000' } }] })).toEqual({
      ok: false,
      error: expect.stringMatching(/^items\[0\]: author\.id must be/),
    });
  });
});

describe('webhook signature', () => {
  const body = Buffer.from('{"items":[]}');
  it('accepts the right HMAC and refuses a wrong one', () => {
    expect(
      checkWebhookSignature(
        's3cret-s3cret-s3cret',
        body,
        signWebhook('s3cret-s3cret-s3cret', body),
        undefined,
      ),
    ).toEqual({ ok: true });
    expect(
      checkWebhookSignature('s3cret-s3cret-s3cret', body, signWebhook('other', body), undefined).ok,
    ).toBe(false);
    expect(checkWebhookSignature('s3cret-s3cret-s3cret', body, undefined, undefined).ok).toBe(false);
  });

  it('binds the timestamp into the signature and refuses stale ones', () => {
    const now = 1_700_000_000_000;
    const ts = String(now / 1000);
    const sig = signWebhook('k'.repeat(16), body, ts);
    expect(checkWebhookSignature('k'.repeat(16), body, sig, ts, now).ok).toBe(true);
    expect(checkWebhookSignature('k'.repeat(16), body, sig, String(now / 1000 + 1), now).ok).toBe(false);
    expect(checkWebhookSignature('k'.repeat(16), body, sig, ts, now + 10 * 60_000).ok).toBe(false);
  });
});
