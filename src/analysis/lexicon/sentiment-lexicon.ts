/**
 * Lexicon scoring with negation and intensifiers. Russian words match by stem (PorterStemmerRu),
 * English words by en-care.json (care phrases), else AFINN-165 as shipped in wink-sentiment. Negation flips the next few words
 * ("не плохо", "не то чтобы доволен"); a negated negative counts as a weak positive.
 */
import data from './ru-sentiment.json';
import enCare from './en-care.json';
import type { Prepared } from '../text/tokenize';
import { afinnEn, winkEmojis, winkEmoticons } from '../text/vendor';
import { PhraseMatcher, stemPhrase } from './phrase-matcher';

export interface LexiconScore {
  pos: number;
  neg: number;
  negatedPos: number;
  negatedNeg: number;
  intensified: number;
  emojiPos: number;
  emojiNeg: number;
  /** positive emoji / emoticon that comes after a negative word: "обновили, всё сломалось 👍" */
  posEmojiAfterNeg: number;
  /** index of the first positive and negative hit (-1 if none), for "positive opener, negative body" */
  firstPos: number;
  firstNeg: number;
  /** index of the last contrast word ("но", "однако", "зато", "but", "however"), -1 if none */
  contrastAt: number;
  /** lexicon score before and after the last contrast word ("спасибо, но …": the part after it decides) */
  posBeforeContrast: number;
  negBeforeContrast: number;
  posAfterContrast: number;
  negAfterContrast: number;
  /** a negator after the last contrast word: "спасибо, но деньги так и не вернули" */
  negatorAfterContrast: boolean;
}

const ruMatcher = new PhraseMatcher<number>();
for (const [w, s] of Object.entries(data.words as Record<string, number>)) if (s !== 0) ruMatcher.add(w, s);
// care phrases in English: matched like the Russian ones, before the AFINN fallback
for (const [w, s] of Object.entries(enCare.words as Record<string, number>)) if (s !== 0) ruMatcher.add(w, s);
const negators = new Set(data.negators.flatMap((w) => stemPhrase(w)).concat(data.negators));
// any English "n't" form negates too ("wouldn't", "couldn't"), as in the features
const isNegator = (st: string, w: string): boolean =>
  negators.has(st) || negators.has(w) || (w.length > 3 && w.endsWith("n't"));
/**
 * Verbs of saying and opinion: negated, they carry the negation over a comma into the clause they
 * introduce ("не сказал бы, что доволен", "I wouldn't say I'm happy", "не думаю, что это удобно").
 */
export const OPINION_VERBS: ReadonlySet<string> = new Set(
  ['сказать', 'скажу', 'сказал', 'сказала', 'сказали', 'назвать', 'назову', 'назвал', 'назвала', 'думаю',
    'считаю', 'say', 'call', 'think'].map((w) => stemPhrase(w)[0]),
); // prettier-ignore
/** Contrast words: what follows them outweighs what came before ("спасибо, но …", "nice, but …"). */
const CONTRAST = new Set(['но', 'однако', 'зато', 'but', 'however']);
/** The negation words (ru + en), as typed: the features mark the few words after them. */
export function negatorWords(): string[] {
  return [...data.negators];
}
const intensifiers = new Set(data.intensifiers.flatMap((w) => stemPhrase(w)));
const EXTRA_EMOJI: Record<string, number> = {
  '🙃': 1,
  '🤡': -2,
  '🤬': -3,
  '😡': -3,
  '👎': -2,
  '💩': -2,
  '🔥': 2,
  '💯': 2,
  '🥰': 3,
  '😋': 2,
};
const EMOTICON_RU: Record<string, number> = { '))': 2, '(((': -2, '((': -2 };
/** Emoji people use with a straight face after a failure. */
export const IRONIC_EMOJI = new Set(['👍', '🙂', '😊', '🙃', '👏', '😁', '🤡', '😄', '😀']);

// scratch buffers reused across calls (the analysis pass is synchronous)
let hitsBuf = new Float32Array(256);
let spanBuf = new Uint8Array(256);
let breakBuf = new Uint8Array(256);

function emojiScore(e: string): number {
  return EXTRA_EMOJI[e] ?? winkEmojis[e] ?? winkEmojis[e.replace(/\ufe0f/g, '')] ?? 0;
}

/** "," or ",,": a comma, which a negated verb of saying reaches over (not ".", "?", "!" or "…"). */
export function isCommaMark(mark: string): boolean {
  for (let k = 0; k < mark.length; k++) if (mark.charCodeAt(k) !== 44) return false;
  return mark.length > 0;
}

export function scoreLexicon(p: Prepared): LexiconScore {
  const r: LexiconScore = {
    pos: 0, neg: 0, negatedPos: 0, negatedNeg: 0, intensified: 0, emojiPos: 0, emojiNeg: 0, posEmojiAfterNeg: 0,
    firstPos: -1, firstNeg: -1, contrastAt: -1, posBeforeContrast: 0, negBeforeContrast: 0, posAfterContrast: 0,
    negAfterContrast: 0, negatorAfterContrast: false,
  }; // prettier-ignore
  const { stems, words } = p;
  const n = stems.length;
  if (hitsBuf.length < n + 1) {
    hitsBuf = new Float32Array(2 * n + 1);
    spanBuf = new Uint8Array(2 * n + 1);
    breakBuf = new Uint8Array(2 * n + 1);
  }
  const hits = hitsBuf.fill(0, 0, n + 1);
  const span = spanBuf.fill(0, 0, n + 1);
  ruMatcher.scan(stems, (v, start, len) => {
    hits[start] = v;
    span[start] = len;
  });
  // scope breaks at punctuation (1: commas only, 2: anything else)
  const breakAt = breakBuf.fill(0, 0, n + 1);
  for (const q of p.punct) breakAt[q.at] = Math.max(breakAt[q.at], isCommaMark(q.mark) ? 1 : 2);
  let negLeft = 0;
  let boost = 0;
  // a negated verb of saying carries the negation over one comma
  let bridge = false;
  for (let i = 0; i < n; i++) {
    if (breakAt[i]) {
      if (bridge && breakAt[i] === 1) bridge = false;
      else {
        negLeft = 0;
        bridge = false;
      }
      boost = 0;
    }
    const st = stems[i];
    if (CONTRAST.has(words[i])) {
      r.contrastAt = i;
      r.posBeforeContrast = r.pos;
      r.negBeforeContrast = r.neg;
      r.negatorAfterContrast = false;
    }
    let v = hits[i];
    if (v === 0) {
      const a = afinnEn[words[i]];
      if (a !== undefined && !/[а-я]/.test(words[i])) v = a / 1.5;
    }
    if (v !== 0) {
      if (boost > 0) {
        v *= 1.5;
        r.intensified++;
      }
      if (negLeft > 0) {
        if (v > 0) r.negatedPos += v;
        else r.negatedNeg -= v;
        v = v > 0 ? -v * 0.8 : -v * 0.5;
        negLeft = 0;
      }
      if (v > 0) {
        r.pos += v;
        if (r.firstPos < 0) r.firstPos = i;
      } else {
        r.neg -= v;
        if (r.firstNeg < 0) r.firstNeg = i;
      }
      boost = 0;
      if (span[i] > 1) i += span[i] - 1;
      continue;
    }
    if (isNegator(st, words[i])) {
      negLeft = 3;
      if (r.contrastAt >= 0) r.negatorAfterContrast = true;
    } else if (negLeft > 0 && OPINION_VERBS.has(st)) {
      negLeft = 4;
      bridge = true;
    } else if (negLeft > 0) negLeft--;
    if (intensifiers.has(st)) boost = 2;
    else if (boost > 0) boost--;
  }
  if (r.contrastAt >= 0) {
    r.posAfterContrast = r.pos - r.posBeforeContrast;
    r.negAfterContrast = r.neg - r.negBeforeContrast;
  }
  for (const e of p.emojis) {
    const s = emojiScore(e);
    if (s > 0) r.emojiPos += s;
    else if (s < 0) r.emojiNeg -= s;
    if (IRONIC_EMOJI.has(e) && r.neg > 0) r.posEmojiAfterNeg++;
  }
  for (const e of p.emoticons) {
    const s = winkEmoticons[e] ?? EMOTICON_RU[e] ?? (e.startsWith(')') ? 1 : e.startsWith('(') ? -1 : 0);
    if (s > 0) r.emojiPos += s;
    else if (s < 0) r.emojiNeg -= s;
  }
  return r;
}
