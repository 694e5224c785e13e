import type { NormalizedItem } from './connector';
import { storableItem, storableRawJson } from './storable-item';

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

describe('storableItem and storableRawJson (the connector boundary)', () => {
  it('returns a clean item as the same object, and its raw payload as the same JSON', () => {
    const r = storableItem(base);
    expect(r.item).toBe(base);
    expect(r.cleaning).toBeNull();
    expect(storableRawJson(base.raw, null)).toEqual({ json: JSON.stringify(base.raw), cleaning: null });
    expect(storableRawJson(undefined, null)).toEqual({ json: null, cleaning: null });
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
    expect(r.cleaning).toEqual({ fields: ['text', 'author.name'], replaced: 3 });
    const raw = storableRawJson(r.item.raw, r.cleaning);
    expect(JSON.parse(raw.json!)).toEqual({ text: `a${FFFD}b${FFFD}`, from: { [`first${FFFD}name`]: 'x' } });
    expect(raw.cleaning).toEqual({ fields: ['text', 'author.name', 'raw'], replaced: 6 });
    expect(r.cleaning).toEqual({ fields: ['text', 'author.name'], replaced: 3 }); // not mutated
    // the connector's object is left as it was (it is what a quarantine would keep)
    expect(dirty.text).toBe('a\u0000b\uD800');
    expect((dirty.raw as any).text).toBe('a\u0000b\uD800');
    expect(storableItem({ ...base, threadExternalId: 't\uDC00' }).cleaning).toEqual({
      fields: ['threadExternalId'],
      replaced: 1,
    });
    expect(storableRawJson({ k: '\uDBFF' }, null).cleaning).toEqual({ fields: ['raw'], replaced: 1 });
  });

  it('gives an item without text an empty one', () => {
    const r = storableItem({ ...base, text: undefined as unknown as string });
    expect(r.item.text).toBe('');
    expect(r.cleaning).toBeNull();
  });
});
