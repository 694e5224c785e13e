/**
 * PostgreSQL cannot store two things JavaScript strings can hold: U+0000 (text and jsonb refuse
 * it) and a lone UTF-16 surrogate (jsonb refuses its `\udXXX` escape; text silently turns it
 * into U+FFFD). Platforms do send both (a bot pasting binary, a message cut mid-emoji), and one
 * such message must not fail the batch it arrives in. These helpers replace each offending code
 * unit with U+FFFD and count the replacements, so the caller can record that it happened.
 *
 * Cheap on the common path: a clean string costs two native scans (`includes`, `isWellFormed`)
 * and no allocation; a clean JSON document one `includes('\\u')`.
 */

export const REPLACEMENT = '\uFFFD';

/** NUL, or a surrogate not part of a valid pair. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** True when `s` holds no NUL and no lone surrogate. */
export function isStorable(s: string): boolean {
  return !s.includes('\u0000') && s.isWellFormed();
}

/** `s` with every NUL and lone surrogate replaced by U+FFFD, and how many were replaced. */
export function storableString(s: string): { value: string; replaced: number } {
  if (isStorable(s)) return { value: s, replaced: 0 };
  let replaced = 0;
  const value = s.replace(UNSTORABLE, () => {
    replaced++;
    return REPLACEMENT;
  });
  return { value, replaced };
}

/**
 * A JSON-like value (a platform's raw payload) with every string, keys included, made storable,
 * and the number of code units replaced. Unchanged subtrees are returned as they are; a value
 * with nothing to replace comes back identical (`===`).
 */
export function storableJson(value: unknown): { value: unknown; replaced: number } {
  const counter = { replaced: 0 };
  const out = clean(value, counter);
  return { value: out, replaced: counter.replaced };
}

function clean(v: unknown, counter: { replaced: number }): unknown {
  if (typeof v === 'string') {
    const r = storableString(v);
    counter.replaced += r.replaced;
    return r.value;
  }
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const c = clean(v[i], counter);
      if (c !== v[i]) (copy ??= v.slice())[i] = c;
    }
    return copy ?? v;
  }
  if (v instanceof Date || typeof (v as { toJSON?: unknown }).toJSON === 'function') return v;
  let changed = false;
  const entries: [string, unknown][] = [];
  for (const [k, x] of Object.entries(v)) {
    const key = storableString(k);
    const c = clean(x, counter);
    counter.replaced += key.replaced;
    if (key.replaced > 0 || c !== x) changed = true;
    entries.push([key.value, c]);
  }
  return changed ? Object.fromEntries(entries) : v;
}

/**
 * `JSON.stringify(value)`, made storable as jsonb. JSON.stringify writes NUL as `\u0000` and a
 * lone surrogate as `\udXXX` (well-formed JSON.stringify, ES2019), so a document without `\u`
 * needs nothing; otherwise the value is cleaned and serialised again. `undefined` stays undefined.
 */
export function storableJsonText(value: unknown): {
  json: string | undefined;
  /** The cleaned value (`value` itself when nothing was replaced). */
  value: unknown;
  replaced: number;
} {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined || !json.includes('\\u') || !UNSTORABLE_ESCAPE.test(json))
    return { json, value, replaced: 0 };
  const cleaned = storableJson(value);
  if (cleaned.replaced === 0) return { json, value, replaced: 0 };
  return { json: JSON.stringify(cleaned.value), value: cleaned.value, replaced: cleaned.replaced };
}

/** `\u0000` or a surrogate escape (may also match an escaped backslash before "u0000": then cleaning finds nothing). */
const UNSTORABLE_ESCAPE = /\\u(?:0000|[dD][89abcdefABCDEF])/;
