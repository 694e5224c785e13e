/** How big a JSON document may be in shape, not only in bytes. */
export interface JsonShapeLimits {
  /** Deepest nesting of objects and arrays (the top-level value is depth 1). */
  maxDepth: number;
  /** Object keys plus array elements, over the whole document. */
  maxMembers: number;
}

/**
 * What is wrong with the shape of a JSON text, or null: one pass over the raw bytes before
 * JSON.parse, no recursion, no allocation, stopping at the first byte over a limit. Everything
 * after parsing (class-transformer, class-validator, our own walks) costs per member and recurses
 * per level, so 1 MB of `[[[[…` or an object with 60,000 keys must never get that far.
 *
 * Structural bytes are ASCII, so scanning UTF-8 bytes is exact. Members are counted as commas
 * plus containers (a container of n members adds n - 1 commas and one open bracket; an empty one
 * counts as one). Malformed JSON is left for JSON.parse to report.
 */
export function jsonShapeProblem(bytes: Uint8Array, limits: JsonShapeLimits): string | null {
  const { maxDepth, maxMembers } = limits;
  let depth = 0;
  let members = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0x22) {
      // a string: jump to its closing quote (a backslash escapes the byte after it)
      for (i++; i < n; i++) {
        const c = bytes[i];
        if (c === 0x5c) i++;
        else if (c === 0x22) break;
      }
    } else if (b === 0x7b || b === 0x5b) {
      if (++depth > maxDepth)
        return `JSON is nested deeper than ${maxDepth} level${maxDepth === 1 ? '' : 's'}`;
      if (++members > maxMembers) return tooMany(maxMembers);
    } else if (b === 0x7d || b === 0x5d) {
      depth--;
    } else if (b === 0x2c) {
      if (++members > maxMembers) return tooMany(maxMembers);
    }
  }
  return null;
}

function tooMany(max: number): string {
  return `JSON has more than ${max.toLocaleString('en')} keys and array elements`;
}
