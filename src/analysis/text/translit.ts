/**
 * Transliteration between Latin-typed Russian ("spasibo, vse prishlo") and Cyrillic, so translit
 * posts reuse the Russian lexicon and model. Latin→Cyrillic is greedy over the common informal
 * schemes (zh/kh/ch/sh/shch, ya/yu/yo, ' for ь); it need not be perfect, only consistent,
 * because training data goes through the same mapping.
 */
const MULTI: Array<[string, string]> = [
  ['shch', 'щ'],
  ['sch', 'щ'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ts', 'ц'],
  ['yo', 'ё'],
  ['yu', 'ю'],
  ['ya', 'я'],
  ['ye', 'е'],
  ['ju', 'ю'],
  ['ja', 'я'],
  ['jo', 'ё'],
];
const SINGLE: Record<string, string> = {
  a: 'а', b: 'б', v: 'в', g: 'г', d: 'д', e: 'е', z: 'з', i: 'и', j: 'й', k: 'к', l: 'л', m: 'м',
  n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', t: 'т', u: 'у', f: 'ф', h: 'х', c: 'ц', y: 'ы', w: 'в',
  x: 'кс', q: 'к', "'": 'ь', '’': 'ь', '`': 'ь',
}; // prettier-ignore
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/** Latin-typed Russian word (lower case) → Cyrillic. Non-letters pass through. */
export function latinWordToCyrillic(word: string): string {
  let out = '';
  const n = word.length;
  let i = 0;
  outer: while (i < n) {
    const prev = i > 0 ? word[i - 1] : '';
    // endings: -yi/-iy/-ij/-yj → ый/ий; vowel + i/y before consonant or end → й
    if ((word.startsWith('yi', i) || word.startsWith('yj', i)) && i + 2 === n) {
      out += 'ый';
      i += 2;
      continue;
    }
    if ((word.startsWith('iy', i) || word.startsWith('ij', i)) && i + 2 === n) {
      out += 'ий';
      i += 2;
      continue;
    }
    if (word.startsWith('tsya', i) && i + 4 === n) {
      out += 'тся';
      break;
    }
    for (const [lat, cyr] of MULTI) {
      if (word.startsWith(lat, i)) {
        out += cyr;
        i += lat.length;
        continue outer;
      }
    }
    const ch = word[i];
    const next = i + 1 < n ? word[i + 1] : '';
    // "moy", "kraynyi", "moi" → й; a mid-word "i" after a vowel stays и ("stoit")
    if (VOWELS.has(prev) && ((ch === 'y' && !VOWELS.has(next)) || (ch === 'i' && next === ''))) {
      out += 'й';
      i++;
      continue;
    }
    out += SINGLE[ch] ?? ch;
    i++;
  }
  return out;
}

const TO_LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: "'", э: 'e', ю: 'yu', я: 'ya',
}; // prettier-ignore
/** Scheme variants seen in the wild; used to augment training data with translit copies. */
const VARIANTS: Array<Record<string, string>> = [
  {},
  { х: 'kh', й: 'y', ь: '', щ: 'shch' },
  { й: 'j', ы: 'i', ь: '', х: 'h' },
];

/** Cyrillic text → informal Latin transliteration (variant 0..2), keeping case roughly. */
export function cyrillicToLatin(text: string, variant = 0): string {
  const v = VARIANTS[variant % VARIANTS.length];
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const mapped = v[lower] ?? TO_LATIN[lower];
    if (mapped === undefined) out += ch;
    else out += ch !== lower && mapped.length > 0 ? mapped[0].toUpperCase() + mapped.slice(1) : mapped;
  }
  return out;
}
