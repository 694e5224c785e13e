/**
 * Text PostgreSQL cannot store: U+0000 (no `text` or `jsonb` value may hold it) and a lone UTF-16
 * surrogate (`jsonb` refuses the `\ud800` escape; `text` would silently become U+FFFD; and the
 * e-mail validator's encodeURI throws on it). Input from people is refused with the place named;
 * platform data is cleaned at the connector boundary instead (nothing a customer wrote is lost).
 */
const NUL = '\u0000';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function textProblem(s: string): string | null {
  if (s.includes(NUL)) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode)';
  return null;
}

/**
 * Keys that only ever mean an attempt on object prototypes. class-transformer drops them
 * silently (so the whitelist never sees them); they are refused instead, like any unknown field.
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The first problem in a parsed JSON body, query or path parameter, as `"where what"`, or null:
 * a string (value or key) that cannot be stored, or a reserved key. Iterative (an explicit
 * stack), so depth cannot overflow it; the body reader has already bounded the size.
 */
export function inputProblem(value: unknown, root = ''): string | null {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const p = textProblem(v);
      if (p) return `${path || 'value'} ${p}`;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i];
        const p = textProblem(k);
        const where = path ? `${path}.${printable(k)}` : printable(k);
        if (p) return `property name ${where} ${p}`;
        if (RESERVED_KEYS.has(k)) return `property name ${where} is not allowed`;
        stack.push([(v as Record<string, unknown>)[k], where]);
      }
    }
  }
  return null;
}

/** A key as it can be shown back: the offending characters made visible, and not too long. */
function printable(k: string): string {
  const shown = k
    .replace(/[\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
    .replaceAll(NUL, '\\u0000');
  return shown.length > 60 ? `${shown.slice(0, 60)}…` : shown;
}
