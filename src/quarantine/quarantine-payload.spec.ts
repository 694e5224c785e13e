import type { NormalizedItem } from '../connectors/connector';
import {
  decodeQuarantinePayload,
  encodeQuarantinePayload,
  QuarantinePayloadError,
} from './quarantine-payload';

describe('quarantine payload', () => {
  const item: NormalizedItem = {
    externalId: '-100:7',
    kind: 'message',
    threadExternalId: '-100',
    parentExternalId: '-100:6',
    author: { externalId: '5', name: 'A\u0000n', username: 'x\uD800' },
    text: 'bad \u0000 and \uDC00',
    createdAt: new Date('2024-11-01T10:00:00Z'),
    editedAt: new Date('2024-11-01T10:05:00Z'),
    raw: { text: 'bad \u0000 and \uDC00', nested: [{ 'k\u0000': 1 }] },
  };

  it('round-trips an item exactly, NUL and lone surrogates included', () => {
    const bytes = encodeQuarantinePayload(item);
    // valid UTF-8 (the characters travel as JSON escapes)
    expect(Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)).toBe(true);
    expect(decodeQuarantinePayload(bytes)).toEqual(item);
  });

  it('keeps an invalid date as one (the replay then fails again, visibly)', () => {
    const decoded = decodeQuarantinePayload(encodeQuarantinePayload({ ...item, createdAt: new Date(NaN) }));
    expect(Number.isNaN(decoded.createdAt.getTime())).toBe(true);
  });

  it('refuses bytes that hold no replayable item', () => {
    for (const bad of ['not json', '{"v":2,"item":{}}', '{"v":1,"item":{"externalId":"x"}}']) {
      expect(() => decodeQuarantinePayload(Buffer.from(bad))).toThrow(QuarantinePayloadError);
    }
  });
});
