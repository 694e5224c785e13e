/**
 * Single-pass token scanner over char codes. It reproduces exactly what this (slower) regex found:
 *
 *   (https?:\/\/\S+|www\.\S+|[a-z0-9][a-z0-9-]*(?:\.|\(\.\)|\[\.\])(?:ru|com|…|cc)(?![a-zа-яё])\S*)
 *   |(@[\w.]+)|([a-zа-яё]+(?:['’][a-zа-яё]+)*['’]?)|(\d+(?:[.,:]\d+)*)|([?!]+|[.,…]+)
 *   |((?:[:;=]-?[()dpрз3*]|\){2,}|\({2,}|<3))|(\p{Extended_Pictographic}|[\u2764\u263a\u2639])   (flags giu)
 *
 * including the case-folding quirks of /iu (ſ U+017F ~ s, K U+212A ~ k, ᲀ–ᲆ ~ Cyrillic); the
 * spec checks it against that regex on tricky strings, the data sets and random text.
 */

export const TOK_URL = 1;
export const TOK_MENTION = 2;
export const TOK_WORD = 3;
export const TOK_NUMBER = 4;
export const TOK_PUNCT = 5;
export const TOK_EMOTICON = 6;
export const TOK_EMOJI = 7;

/** Scanner output in scratch arrays (overwritten by the next call): kind, start, end per token. */
export interface Tokens {
  count: number;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
}

const TLDS = ['ru', 'com', 'net', 'org', 'io', 'me', 'su', 'xyz', 'info', 'online', 'site', 'shop', 'pro', 'biz', 'club', 'top', 'app', 'ly', 'cc']; // prettier-ignore
const TLD_CODES = TLDS.map((t) => Array.from(t, (ch) => ch.charCodeAt(0)));

/** ASCII letters folded to lower case, with the two /iu folds into ASCII (ſ → s, Kelvin K → k). */
function fold(c: number): number {
  if (c >= 65 && c <= 90) return c | 32;
  if (c === 0x17f) return 115;
  if (c === 0x212a) return 107;
  return c;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 0x17f || c === 0x212a;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** [a-zа-яё] under /iu */
export function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return (c >= 0x410 && c <= 0x44f) || c === 0x401 || c === 0x451 || c === 0x17f || c === 0x212a || (c >= 0x1c80 && c <= 0x1c86); // prettier-ignore
}

function isAlnum(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c);
}

/** [\w.] under /iu */
function isMentionCode(c: number): boolean {
  return isAlnum(c) || c === 95 || c === 46;
}

/** \s under /u */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff; // prettier-ignore
}

/** second char of an emoticon: [()dpрз3*\/] under /iu */
function isEmoticonTail(c: number): boolean {
  switch (c) {
    case 0x28: case 0x29: case 0x2a: case 0x2f: case 0x33: case 0x44: case 0x50: case 0x64: case 0x70:
    case 0x417: case 0x420: case 0x437: case 0x440:
      return true;
    default:
      return false;
  }
} // prettier-ignore

// Extended_Pictographic lives below U+20000; answers are memoised per code point (0 unknown, 1 yes, 2 no)
const EP_RE = /^\p{Extended_Pictographic}$/u;
const epMemo = new Uint8Array(0x20000);
function isEmoji(cp: number): boolean {
  if (cp < 0xa9) return false;
  if (cp === 0x2764 || cp === 0x263a || cp === 0x2639) return true;
  if (cp >= 0x20000) return EP_RE.test(String.fromCodePoint(cp));
  let m = epMemo[cp];
  if (m === 0) {
    m = EP_RE.test(String.fromCodePoint(cp)) ? 1 : 2;
    epMemo[cp] = m;
  }
  return m === 1;
}

function skipNonSpace(text: string, j: number): number {
  const n = text.length;
  while (j < n && !isSpace(text.charCodeAt(j))) j++;
  return j;
}

/** true when text at i starts with the lower-case ASCII code sequence (folded) */
function startsFolded(text: string, i: number, codes: readonly number[]): boolean {
  if (i + codes.length > text.length) return false;
  for (let k = 0; k < codes.length; k++) if (fold(text.charCodeAt(i + k)) !== codes[k]) return false;
  return true;
}
const HTTP = [104, 116, 116, 112];
const WWW_DOT = [119, 119, 119, 46];

/** End of a URL starting at i, or -1. */
function matchUrl(text: string, i: number, c: number): number {
  const n = text.length;
  const f = fold(c);
  if (f === 104 && startsFolded(text, i, HTTP)) {
    let j = i + 4;
    if (j < n && fold(text.charCodeAt(j)) === 115) j++;
    if (
      j + 2 < n &&
      text.charCodeAt(j) === 58 &&
      text.charCodeAt(j + 1) === 47 &&
      text.charCodeAt(j + 2) === 47
    ) {
      if (j + 3 < n && !isSpace(text.charCodeAt(j + 3))) return skipNonSpace(text, j + 3);
    }
  }
  if (f === 119 && i + 4 < n && startsFolded(text, i, WWW_DOT) && !isSpace(text.charCodeAt(i + 4)))
    return skipNonSpace(text, i + 4);
  if (!isAlnum(c)) return -1;
  // [a-z0-9][a-z0-9-]* then a separator: none of the separators is in the run, so no backtracking
  let j = i + 1;
  while (j < n) {
    const d = text.charCodeAt(j);
    if (!isAlnum(d) && d !== 45) break;
    j++;
  }
  if (j >= n) return -1;
  const s = text.charCodeAt(j);
  let k: number;
  if (s === 46) k = j + 1;
  else if (
    (s === 40 || s === 91) &&
    text.charCodeAt(j + 1) === 46 &&
    text.charCodeAt(j + 2) === (s === 40 ? 41 : 93)
  )
    k = j + 3;
  else return -1;
  for (const t of TLD_CODES) {
    if (!startsFolded(text, k, t)) continue;
    const after = k + t.length;
    if (after < n && isWordCode(text.charCodeAt(after))) continue;
    return skipNonSpace(text, after);
  }
  return -1;
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

let KIND = new Uint8Array(256);
let START = new Int32Array(256);
let END = new Int32Array(256);
const OUT: Tokens = { count: 0, kind: KIND, start: START, end: END };

function emit(kind: number, start: number, end: number): void {
  const k = OUT.count;
  if (k === KIND.length) {
    const nk = new Uint8Array(k * 2);
    nk.set(KIND);
    KIND = nk;
    const ns = new Int32Array(k * 2);
    ns.set(START);
    START = ns;
    const ne = new Int32Array(k * 2);
    ne.set(END);
    END = ne;
    OUT.kind = KIND;
    OUT.start = START;
    OUT.end = END;
  }
  KIND[k] = kind;
  START[k] = start;
  END[k] = end;
  OUT.count = k + 1;
}

export function scanTokens(text: string): Tokens {
  OUT.count = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    let e = c < 128 || c === 0x17f || c === 0x212a ? matchUrl(text, i, c) : -1;
    if (e >= 0) {
      emit(TOK_URL, i, e);
      i = e;
      continue;
    }
    if (c === 64 && i + 1 < n && isMentionCode(text.charCodeAt(i + 1))) {
      e = i + 2;
      while (e < n && isMentionCode(text.charCodeAt(e))) e++;
      emit(TOK_MENTION, i, e);
      i = e;
      continue;
    }
    if (isWordCode(c)) {
      e = i + 1;
      for (;;) {
        while (e < n && isWordCode(text.charCodeAt(e))) e++;
        if (e + 1 < n && isApostrophe(text.charCodeAt(e)) && isWordCode(text.charCodeAt(e + 1))) {
          e += 2;
          continue;
        }
        break;
      }
      if (e < n && isApostrophe(text.charCodeAt(e))) e++;
      emit(TOK_WORD, i, e);
      i = e;
      continue;
    }
    if (isDigit(c)) {
      e = i + 1;
      for (;;) {
        while (e < n && isDigit(text.charCodeAt(e))) e++;
        const d = text.charCodeAt(e);
        if ((d === 46 || d === 44 || d === 58) && e + 1 < n && isDigit(text.charCodeAt(e + 1))) {
          e += 2;
          continue;
        }
        break;
      }
      emit(TOK_NUMBER, i, e);
      i = e;
      continue;
    }
    if (c === 63 || c === 33) {
      e = i + 1;
      while (e < n && (text.charCodeAt(e) === 63 || text.charCodeAt(e) === 33)) e++;
      emit(TOK_PUNCT, i, e);
      i = e;
      continue;
    }
    if (c === 46 || c === 44 || c === 0x2026) {
      e = i + 1;
      for (
        let d = text.charCodeAt(e);
        e < n && (d === 46 || d === 44 || d === 0x2026);
        d = text.charCodeAt(e)
      )
        e++;
      emit(TOK_PUNCT, i, e);
      i = e;
      continue;
    }
    e = matchEmoticon(text, i, c);
    if (e >= 0) {
      emit(TOK_EMOTICON, i, e);
      i = e;
      continue;
    }
    // one code point: an emoji token or skipped (surrogate pairs move as one, as under /u)
    let cp = c;
    let len = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = (c - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
        len = 2;
      }
    }
    if (isEmoji(cp)) emit(TOK_EMOJI, i, i + len);
    i += len;
  }
  return OUT;
}

function matchEmoticon(text: string, i: number, c: number): number {
  const n = text.length;
  if (c === 58 || c === 59 || c === 61) {
    const j = i + 1;
    if (j < n && text.charCodeAt(j) === 45 && j + 1 < n && isEmoticonTail(text.charCodeAt(j + 1)))
      return j + 2;
    return j < n && isEmoticonTail(text.charCodeAt(j)) ? j + 1 : -1;
  }
  if (c === 41 || c === 40) {
    if (text.charCodeAt(i + 1) !== c) return -1;
    let j = i + 2;
    while (j < n && text.charCodeAt(j) === c) j++;
    return j;
  }
  if (c === 60 && text.charCodeAt(i + 1) === 51) return i + 2;
  return -1;
}
