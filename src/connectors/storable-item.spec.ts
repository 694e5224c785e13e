import type { NormalizedItem } from './connector';
import { storableItem } from './storable-item';

const FFFD = '\uFFFD';
const base: NormalizedItem = {
  externalId: 'wall:-42_3_7',
  kind: 'comment',
  threadExternalId: 'wall:-42_3',
  author: { externalId: '5', name: 'Anna' },
  text: 'привет 😀',
  createdAt: new Date('2024-11-01T10:00:00Z'),
  raw: { id: 7, text: 'привет 😀' },
};

describe('storableItem (the connector boundary)', () => {
  it('returns a clean item as the same object, with its raw payload as JSON', () => {
    const r = storableItem(base);
    expect(r.item).toBe(base);
    expect(r.cleaning).toBeNull();
    expect(r.rawJson).toBe(JSON.stringify(base.raw));
    expect(storableItem({ ...base, raw: undefined }).rawJson).toBeNull();
  });

  it('cleans text, author fields, ids and the raw payload, recording which and how many', () => {
    const dirty: NormalizedItem = {
      ...base,
      text: 'a\u0000b\uD800',
      author: { externalId: '5', name: 'An\u0000na', username: 'ok' },
      raw: { text: 'a\u0000b\uD800', from: { 'first\u0000name': 'x' } },
    };
    const r = storableItem(dirty);
    expect(r.item.text).toBe(`a${FFFD}b${FFFD}`);
    expect(r.item.author).toEqual({ externalId: '5', name: `An${FFFD}na`, username: 'ok' });
    expect(r.item.raw).toEqual({ text: `a${FFFD}b${FFFD}`, from: { [`first${FFFD}name`]: 'x' } });
    expect(JSON.parse(r.rawJson!)).toEqual(r.item.raw);
    expect(r.cleaning).toEqual({ fields: ['text', 'author.name', 'raw'], replaced: 6 });
    // the connector's object is left as it was (it is what a quarantine would keep)
    expect(dirty.text).toBe('a\u0000b\uD800');
    expect(storableItem({ ...base, threadExternalId: 't\uDC00' }).cleaning).toEqual({
      fields: ['threadExternalId'],
      replaced: 1,
    });
  });

  it('gives an item without text an empty one', () => {
    const r = storableItem({ ...base, text: undefined as unknown as string });
    expect(r.item.text).toBe('');
    expect(r.cleaning).toBeNull();
  });
});
