import { isStorable, storableJson, storableJsonText, storableString } from './storable-text';

const FFFD = '\uFFFD';

describe('storable text', () => {
  it('leaves clean strings alone, valid surrogate pairs included', () => {
    for (const s of ['', 'привет', 'emoji 😀 and 𝄞', 'tab\tand\nnewline', '\u0001 control']) {
      expect(isStorable(s)).toBe(true);
      expect(storableString(s)).toEqual({ value: s, replaced: 0 });
    }
  });

  it('replaces NUL and lone surrogates (high or low, at either end) with U+FFFD and counts them', () => {
    expect(storableString('a\u0000b')).toEqual({ value: `a${FFFD}b`, replaced: 1 });
    expect(storableString('\uD800')).toEqual({ value: FFFD, replaced: 1 });
    expect(storableString('x\uDC00')).toEqual({ value: `x${FFFD}`, replaced: 1 });
    // a low surrogate before a high one is two lone halves, not a pair
    expect(storableString('\uDC00\uD800')).toEqual({ value: FFFD + FFFD, replaced: 2 });
    expect(storableString('😀\uD83D\u0000😀')).toEqual({ value: `😀${FFFD}${FFFD}😀`, replaced: 2 });
    expect(isStorable('\uD800')).toBe(false);
    expect(isStorable('\u0000')).toBe(false);
  });

  it('cleans a JSON value deeply, keys included, and keeps unchanged values identical', () => {
    const clean = { a: [1, 'x', { b: null, c: true }], d: 'ы' };
    expect(storableJson(clean)).toEqual({ value: clean, replaced: 0 });
    expect(storableJson(clean).value).toBe(clean);
    const dirty = { 'k\u0000': ['ok', { deep: 'v\uD800' }], keep: { same: 1 } };
    const r = storableJson(dirty);
    expect(r.replaced).toBe(2);
    expect(r.value).toEqual({ [`k${FFFD}`]: ['ok', { deep: `v${FFFD}` }], keep: { same: 1 } });
    expect((r.value as any).keep).toBe(dirty.keep); // untouched subtree shared, not copied
    expect(dirty['k\u0000'][1]).toEqual({ deep: 'v\uD800' }); // the input is not mutated
  });

  it('serialises to jsonb-safe JSON text, re-serialising only when needed', () => {
    expect(storableJsonText(undefined)).toEqual({ json: undefined, value: undefined, replaced: 0 });
    const v = { text: 'a\u0000b', arr: ['\uDFFF'] };
    const r = storableJsonText(v);
    expect(r.replaced).toBe(2);
    expect(r.json).toBe(JSON.stringify({ text: `a${FFFD}b`, arr: [FFFD] }));
    expect(r.json).not.toMatch(/\\u(0000|d[89a-f])/i);
    // a literal backslash followed by "u0000" is text, not an escape: nothing to replace
    const lit = { t: '\\u0000 and \\ud800' };
    expect(storableJsonText(lit)).toEqual({ json: JSON.stringify(lit), value: lit, replaced: 0 });
  });
});
