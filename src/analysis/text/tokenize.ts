/**
 * One pass over a post: tokens (words, URLs, @mentions, numbers, ?!, emoticons, emoji), language,
 * translit → Cyrillic and stems. Word characters follow natural's AggressiveTokenizerRu
 * ([a-zа-яё0-9]) plus the apostrophe that translit uses for ь.
 */
import type { BaseLanguage, Language } from '../analysis.types';
import {
  TOK_EMOJI,
  TOK_EMOTICON,
  TOK_MENTION,
  TOK_NUMBER,
  TOK_PUNCT,
  TOK_URL,
  TOK_WORD,
  scanTokens,
} from './scanner';
import { latinWordToCyrillic } from './translit';
import { stemmerEn, stemmerRu } from './vendor';
import { EN_PATTERN, EN_WORDS, TR_PATTERN, TR_WORDS } from './wordlists';

/** Scripts that make a post "other": Ukrainian-only letters, Greek, Hebrew, Arabic, Thai, CJK, Hangul. */
function isOtherScript(c: number): boolean {
  if (c < 0x370) return false;
  return (
    c === 0x456 || c === 0x457 || c === 0x454 || c === 0x491 || (c >= 0x600 && c <= 0x6ff) ||
    (c >= 0x590 && c <= 0x5ff) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0xac00 && c <= 0xd7af) || (c >= 0xe00 && c <= 0xe7f) || (c >= 0x370 && c <= 0x3ff)
  );
} // prettier-ignore
/** /[а-яё]/i.test for a word (а–я, ё, and the old-style ᲀ–ᲆ that /i folds into them) */
function hasCyrillic(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if ((c >= 0x410 && c <= 0x44f) || c === 0x401 || c === 0x451 || (c >= 0x1c80 && c <= 0x1c86)) return true;
  }
  return false;
}

export interface Prepared {
  language: Language;
  base: BaseLanguage;
  /** lower-case words, ё→е; Latin-typed Russian already mapped to Cyrillic */
  words: string[];
  /** the same words as typed (lower case, before translit mapping), for explanations */
  surface: string[];
  stems: string[];
  /** "?", "!", "!!!" etc. in order, with the index of the word they follow */
  punct: Array<{ mark: string; at: number }>;
  emojis: string[];
  emoticons: string[];
  urls: number;
  mentions: number;
  mentionFirst: boolean;
  numbers: number;
  capsWords: number;
}

const stemCache = new Map<string, string>();
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = hasCyrillic(word) ? stemmerRu.stem(word) : word.length > 2 ? stemmerEn.stem(word) : word;
    if (stemCache.size > 100_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

const leanCache = new Map<string, number>();
const translitCache = new Map<string, string>();
function cached<T>(cache: Map<string, T>, key: string, make: (k: string) => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    v = make(key);
    if (cache.size > 50_000) cache.clear();
    cache.set(key, v);
  }
  return v;
}

/** Scores one Latin word: > 0 looks English, < 0 looks like Latin-typed Russian. */
export function latinWordLean(w: string): number {
  return cached(leanCache, w, leanOf);
}
function leanOf(w: string): number {
  let s = 0;
  if (EN_WORDS.has(w)) s += w.length > 1 ? 1.5 : 0.4;
  if (TR_WORDS.has(w)) s -= w.length > 1 ? 1.5 : 0.6;
  if (TR_PATTERN.test(w)) s -= 0.8;
  if (EN_PATTERN.test(w)) s += 0.6;
  return s;
}

export function prepare(text: string): Prepared {
  const raw: string[] = [];
  /** per word: 1 = Cyrillic, 2 = all caps (orig === orig.toUpperCase()), 4 = first letter upper case */
  const flags: number[] = [];
  const punct: Array<{ mark: string; at: number }> = [];
  const emojis: string[] = [];
  const emoticons: string[] = [];
  let urls = 0;
  let mentions = 0;
  let numbers = 0;
  let capsWords = 0;
  let mentionFirst = false;
  let first = true;
  let cyrWords = 0;
  const t = scanTokens(text);
  for (let k = 0; k < t.count; k++) {
    const kind = t.kind[k];
    const s0 = t.start[k];
    const e0 = t.end[k];
    if (kind === TOK_WORD) {
      // one look at the letters instead of toUpperCase()/regex tests per word
      let lower = false;
      let upper = false;
      let cyr = false;
      let yo = false;
      let rq = false;
      for (let j = s0; j < e0; j++) {
        const c = text.charCodeAt(j);
        if (c < 128) {
          if (c >= 97) lower = true;
          else if (c >= 65) upper = true;
        } else if (c >= 0x410 && c <= 0x451) {
          cyr = true;
          if (c >= 0x430) lower = true;
          else upper = true;
          if (c === 0x451) yo = true;
        } else if (c === 0x401) {
          cyr = upper = yo = true;
        } else if (c === 0x2019) rq = true;
        else if (c === 0x17f) lower = true;
        else if (c === 0x212a) upper = true;
        else if (c >= 0x1c80 && c <= 0x1c86) cyr = lower = true;
      }
      const orig = text.slice(s0, e0);
      let w = upper ? orig.toLowerCase() : orig;
      if (yo) w = w.replace(/ё/g, 'е');
      if (rq) w = w.replace(/’/g, "'");
      raw.push(w);
      const f0 = text.charCodeAt(s0);
      const capFirst =
        (f0 >= 65 && f0 <= 90) || (f0 >= 0x410 && f0 <= 0x42f) || f0 === 0x401 || f0 === 0x212a;
      flags.push((cyr ? 1 : 0) | (lower ? 0 : 2) | (capFirst ? 4 : 0));
      if (cyr) cyrWords++;
      if (e0 - s0 >= 3 && !lower) capsWords++;
    } else if (kind === TOK_URL) urls++;
    else if (kind === TOK_MENTION) {
      mentions++;
      if (first) mentionFirst = true;
    } else if (kind === TOK_NUMBER) numbers++;
    else if (kind === TOK_PUNCT) punct.push({ mark: text.slice(s0, e0), at: raw.length });
    else if (kind === TOK_EMOTICON) emoticons.push(text.slice(s0, e0).toLowerCase());
    else if (kind === TOK_EMOJI) emojis.push(text.slice(s0, e0));
    first = false;
  }

  // Language: Cyrillic words vs Latin words that read as English or as translit.
  let enLean = 0;
  let englishInCyr = 0;
  let latinWords = 0;
  for (let i = 0; i < raw.length; i++) {
    const fl = flags[i];
    if (fl & 1) continue;
    const w = raw[i];
    if (w.length >= 2 && fl & 2) continue; // acronym: CRM, API, URGENT
    latinWords++;
    const lean = latinWordLean(w);
    enLean += lean;
    if (cyrWords > 0) {
      // brand names (ShopBox, Leadly) are capitalised and not in the dictionary; they do not make a post mixed
      if (EN_WORDS.has(w) || ((fl & 4) === 0 && lean >= 0 && w.length > 1)) englishInCyr++;
    }
  }
  let otherScript = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x370 && isOtherScript(c)) otherScript++;
  }
  let language: Language;
  if (otherScript > 2 && otherScript * 2 > cyrWords + latinWords) language = 'other';
  else if (cyrWords > 0) language = englishInCyr > 0 ? 'mixed' : 'ru';
  else if (latinWords > 0) language = enLean < 0 ? 'translit' : 'en';
  else language = 'ru'; // emoji / "+" only: Otklik's communities are Russian-speaking
  let base: BaseLanguage;
  if (language === 'ru' || language === 'translit') base = 'ru';
  else if (language === 'en') base = 'en';
  else if (language === 'mixed') base = cyrWords * 2 >= latinWords ? 'ru' : 'en';
  else base = 'other';

  const words =
    language === 'translit'
      ? raw.map((w, i) => (flags[i] & 1 ? w : cached(translitCache, w, latinWordToCyrillic)))
      : raw;
  const stems = new Array<string>(words.length);
  for (let i = 0; i < words.length; i++) stems[i] = stem(words[i]);
  return {
    language,
    base,
    words,
    surface: raw,
    stems,
    punct,
    emojis,
    emoticons,
    urls,
    mentions,
    mentionFirst,
    numbers,
    capsWords,
  };
}
