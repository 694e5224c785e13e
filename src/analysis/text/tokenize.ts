/**
 * One pass over a post: tokens (words, URLs, @mentions, numbers, ?!, emoticons, emoji), language,
 * translit → Cyrillic and stems. Word characters follow natural's AggressiveTokenizerRu
 * ([a-zа-яё0-9]) plus the apostrophe that translit uses for ь.
 */
import type { BaseLanguage, Language } from '../analysis.types';
import { latinWordToCyrillic } from './translit';
import { stemmerEn, stemmerRu } from './vendor';
import { EN_PATTERN, EN_WORDS, TR_PATTERN, TR_WORDS } from './wordlists';

const TOKEN_RE =
  /(https?:\/\/\S+|www\.\S+|[a-z0-9][a-z0-9-]*(?:\.|\(\.\)|\[\.\])(?:ru|com|net|org|io|me|su|xyz|info|online|site|shop|pro|biz|club|top|app|ly|cc)(?![a-zа-яё])\S*)|(@[\w.]+)|([a-zа-яё]+(?:['’][a-zа-яё]+)*['’]?)|(\d+(?:[.,:]\d+)*)|([?!]+|[.,…]+)|((?:[:;=]-?[()dpрз3*/]|\){2,}|\({2,}|<3))|(\p{Extended_Pictographic}|[\u2764\u263a\u2639])/giu;
const OTHER_SCRIPT =
  /[\u0456\u0457\u0454\u0491\u0600-\u06ff\u0590-\u05ff\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af\u0e00-\u0e7f\u0370-\u03ff]/g;
const OTHER_SCRIPT_ANY =
  /[\u0456\u0457\u0454\u0491\u0600-\u06ff\u0590-\u05ff\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af\u0e00-\u0e7f\u0370-\u03ff]/;
const CYR = /[а-яё]/i;

export interface Prepared {
  language: Language;
  base: BaseLanguage;
  /** lower-case words, ё→е; Latin-typed Russian already mapped to Cyrillic */
  words: string[];
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
  /** normalised text for character n-grams: words joined by single spaces */
  norm: string;
}

const stemCache = new Map<string, string>();
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = CYR.test(word) ? stemmerRu.stem(word) : word.length > 2 ? stemmerEn.stem(word) : word;
    if (stemCache.size > 100_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** Scores one Latin word: > 0 looks English, < 0 looks like Latin-typed Russian. */
export function latinWordLean(w: string): number {
  let s = 0;
  if (EN_WORDS.has(w)) s += w.length > 1 ? 1.5 : 0.4;
  if (TR_WORDS.has(w)) s -= w.length > 1 ? 1.5 : 0.6;
  if (TR_PATTERN.test(w)) s -= 0.8;
  if (EN_PATTERN.test(w)) s += 0.6;
  return s;
}

export function prepare(text: string): Prepared {
  const raw: string[] = [];
  const rawOrig: string[] = [];
  const isCyr: boolean[] = [];
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
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    if (m[3] !== undefined) {
      const orig = m[3];
      let w = orig.toLowerCase();
      if (w.indexOf('ё') >= 0) w = w.replace(/ё/g, 'е');
      if (w.indexOf('’') >= 0) w = w.replace(/’/g, "'");
      const cyr = CYR.test(w);
      raw.push(w);
      rawOrig.push(orig);
      isCyr.push(cyr);
      if (cyr) cyrWords++;
      if (orig.length >= 3 && orig === orig.toUpperCase()) capsWords++;
    } else if (m[1] !== undefined) urls++;
    else if (m[2] !== undefined) {
      mentions++;
      if (first) mentionFirst = true;
    } else if (m[4] !== undefined) numbers++;
    else if (m[5] !== undefined) punct.push({ mark: m[5], at: raw.length });
    else if (m[6] !== undefined) emoticons.push(m[6].toLowerCase());
    else if (m[7] !== undefined) emojis.push(m[7]);
    first = false;
  }

  // Language: Cyrillic words vs Latin words that read as English or as translit.
  let enLean = 0;
  let englishInCyr = 0;
  let latinWords = 0;
  for (let i = 0; i < raw.length; i++) {
    if (isCyr[i]) continue;
    const w = raw[i];
    const orig = rawOrig[i];
    if (orig.length >= 2 && orig === orig.toUpperCase()) continue; // acronym: CRM, API, URGENT
    latinWords++;
    const lean = latinWordLean(w);
    enLean += lean;
    if (cyrWords > 0) {
      const capitalised = orig[0] !== w[0];
      // brand names (ShopBox, Leadly) are capitalised and not in the dictionary; they do not make a post mixed
      if (EN_WORDS.has(w) || (!capitalised && lean >= 0 && w.length > 1)) englishInCyr++;
    }
  }
  const otherScript = OTHER_SCRIPT_ANY.test(text) ? (text.match(OTHER_SCRIPT) ?? []).length : 0;
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

  const words = language === 'translit' ? raw.map((w, i) => (isCyr[i] ? w : latinWordToCyrillic(w))) : raw;
  const stems = new Array<string>(words.length);
  for (let i = 0; i < words.length; i++) stems[i] = stem(words[i]);
  return {
    language,
    base,
    words,
    stems,
    punct,
    emojis,
    emoticons,
    urls,
    mentions,
    mentionFirst,
    numbers,
    capsWords,
    norm: words.join(' '),
  };
}
