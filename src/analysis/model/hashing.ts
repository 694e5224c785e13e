/** FNV-1a 32-bit hashing straight over char codes, so n-grams never become substrings. */
export const FNV_OFFSET = 0x811c9dc5;

export function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193) >>> 0;
}

export function hashString(s: string, seed: number): number {
  let h = fnvStep(FNV_OFFSET, seed);
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h;
}
