/**
 * Feature vector for both classifiers: hashed stem unigrams/bigrams (negation-marked), hashed
 * character 3–5-grams, emoji, plus a dense block of lexicon scores and cue flags.
 */
import { CUES, CUE_NAMES } from '../lexicon/cues';
import { PhraseMatcher } from '../lexicon/phrase-matcher';
import {
  isCommaMark,
  negatorWords,
  OPINION_VERBS,
  scoreLexicon,
  type LexiconScore,
} from '../lexicon/sentiment-lexicon';
import type { Prepared } from '../text/tokenize';
import { fnvStep, hashString, FNV_OFFSET } from './hashing';

export interface FeatureConfig {
  hashBits: number;
  charMin: number;
  charMax: number;
}
export const DEFAULT_FEATURES: FeatureConfig = { hashBits: 16, charMin: 3, charMax: 4 };

export interface SparseVector {
  idx: ArrayLike<number>;
  val: ArrayLike<number>;
}

// one growing scratch buffer of hashed feature indices (and who each came from, for "why");
// training copies what it keeps
let IDX = new Int32Array(4096);
let OWN = new Int32Array(4096);
let N = 0;
function push(i: number, owner: number): void {
  if (N === IDX.length) {
    const ni = new Int32Array(N * 2);
    ni.set(IDX);
    IDX = ni;
    const no = new Int32Array(N * 2);
    no.set(OWN);
    OWN = no;
  }
  OWN[N] = owner;
  IDX[N++] = i;
}

const cueMatcher = new PhraseMatcher<number>();
CUE_NAMES.forEach((name, k) => {
  for (const phrase of CUES[name]) cueMatcher.add(phrase, k);
});
const CUE_INDEX = Object.fromEntries(CUE_NAMES.map((n, i) => [n, i])) as Record<string, number>;
const BOS_H = hashString('<s>', 2);
const EOS_H = hashString('</s>', 3);
const QUOTE_CHARS = /["«“]/;
const QUOTED = /["«“][^"»”]{1,40}["»”]/;
// the lexicon's negators (ru + en) and any English "n't" form: a negated word is its own feature
const NEGATORS = new Set(negatorWords());
const isNegator = (w: string): boolean => NEGATORS.has(w) || (w.length > 3 && w.endsWith("n't"));
const PLATFORMS = [
  'vk_wall_comment',
  'vk_message',
  'vk_board_post',
  'telegram_group',
  'telegram_dm',
  'telegram_channel_comment',
];
const DENSE_NAMES = [
  ...CUE_NAMES.map((n) => `cue_${n}`),
  ...CUE_NAMES.map((n) => `cue_${n}_first3`),
  'lex_pos', 'lex_neg', 'lex_pos_any', 'lex_neg_any', 'lex_pos_strong', 'lex_neg_strong', 'lex_balance', 'lex_negated_pos',
  'lex_negated_neg', 'lex_intensified', 'emoji_pos', 'emoji_neg', 'emoji_ironic_after_neg', 'sarc_pos_and_neg',
  'sarc_thanks_and_problem', 'sarc_pos_opener_neg_body', 'sarc_quoted', 'sarc_cue_and_neg', 'contrast_pos_then_neg', 'contrast_neg_then_pos', 'contrast_after_balance', 'q_any', 'q_end', 'q_multi',
  'q_implicit', 'excl', 'excl_multi', 'caps', 'url', 'mention', 'mention_first', 'number', 'len_0', 'len_1', 'len_2_3',
  'len_4_8', 'len_9_20', 'len_21_40', 'len_41', 'emoji_only', 'lang_ru', 'lang_en', 'lang_mixed', 'lang_translit',
  'lang_other', 'multiline', 'bias_dense', ...PLATFORMS.map((p) => `platform_${p}`), 'platform_unknown',
]; // prettier-ignore
export const DENSE_SIZE = DENSE_NAMES.length;
/** Dense features only the sentiment classifier learns from (polarity after "but", not what a post asks). */
export const SENTIMENT_ONLY_DENSE: readonly number[] = [
  'contrast_pos_then_neg',
  'contrast_neg_then_pos',
  'contrast_after_balance',
].map((n) => DENSE_NAMES.indexOf(n));
/** The dense features by index (cue_price, q_end, lex_neg, …), for explanations. */
export const DENSE_FEATURE_NAMES: readonly string[] = DENSE_NAMES;
const D = Object.fromEntries(DENSE_NAMES.map((n, i) => [n, i])) as Record<string, number>;

const LANG_INDEX = new Map(['ru', 'en', 'mixed', 'translit', 'other'].map((l) => [l, D[`lang_${l}`]]));
const PLATFORM_INDEX = new Map(PLATFORMS.map((p) => [p, D[`platform_${p}`]]));
const DENSE_BUF = new Float32Array(DENSE_SIZE);
let CODES = new Uint16Array(1024);
let WORD_AT = new Int32Array(1024);
const CUE_BUF = new Float32Array(CUE_NAMES.length);

export function featureDim(cfg: FeatureConfig): number {
  return (1 << cfg.hashBits) + DENSE_SIZE;
}

export interface Extra {
  platform?: string;
  text: string;
}

/**
 * The features of one post, in scratch buffers that the next call overwrites: hashed indices
 * (word group in [0, nWord), character group in [nWord, nWord + nChar)) and the dense block.
 * Word features share the value 1/√nWord and character features 1/√nChar, so a scorer can sum
 * raw weights per group and scale once instead of materialising a vector.
 */
export interface FeatureWalk {
  idx: Int32Array;
  /**
   * per hashed feature, the words it came from: i for word i (its unigrams and the character
   * n-grams that start in it), n + i for the bigram of words i-1 and i, 2n + k for emoji or
   * emoticon k (n = number of words)
   */
  owner: Int32Array;
  nWord: number;
  nChar: number;
  dense: Float32Array;
  lex: LexiconScore;
}
const WALK: FeatureWalk = {
  idx: IDX,
  owner: OWN,
  nWord: 0,
  nChar: 0,
  dense: DENSE_BUF,
  lex: undefined as unknown as LexiconScore,
};

/** Builds the sparse feature vector (for training); also returns the lexicon score. */
export function extractFeatures(
  p: Prepared,
  extra: Extra,
  cfg: FeatureConfig,
): { x: SparseVector; lex: LexiconScore } {
  const w = walkFeatures(p, extra, cfg);
  const n = w.nWord + w.nChar;
  let nz = 0;
  for (let k = 0; k < DENSE_SIZE; k++) if (w.dense[k] !== 0) nz++;
  const idx = new Int32Array(n + nz);
  const val = new Float32Array(n + nz);
  idx.set(w.idx.subarray(0, n));
  val.fill(w.nWord > 0 ? 1 / Math.sqrt(w.nWord) : 0, 0, w.nWord);
  val.fill(w.nChar > 0 ? 1 / Math.sqrt(w.nChar) : 0, w.nWord, n);
  const base = 1 << cfg.hashBits;
  let j = n;
  for (let k = 0; k < DENSE_SIZE; k++) {
    if (w.dense[k] !== 0) {
      idx[j] = base + k;
      val[j++] = w.dense[k];
    }
  }
  return { x: { idx, val }, lex: w.lex };
}

/** Fills the scratch buffers with the features of one post (see FeatureWalk). */
export function walkFeatures(p: Prepared, extra: Extra, cfg: FeatureConfig): FeatureWalk {
  const mask = (1 << cfg.hashBits) - 1;
  N = 0;
  const { stems } = p;
  const n = stems.length;

  // words: unigrams with negation marking, bigrams with sentence edges
  let negLeft = 0;
  const wordStart = N;
  let prevH = BOS_H;
  // a negation's scope ends at punctuation ("not bad. Great" negates only "bad"), except one comma
  // after a negated verb of saying ("не сказал бы, что доволен"), as in the lexicon
  let pk = 0;
  let bridge = false;
  const punct = p.punct;
  for (let i = 0; i < n; i++) {
    while (pk < punct.length && punct[pk].at <= i) {
      if (punct[pk].at === i) {
        if (bridge && isCommaMark(punct[pk].mark)) bridge = false;
        else {
          negLeft = 0;
          bridge = false;
        }
      }
      pk++;
    }
    const s = stems[i];
    push(hashString(s, negLeft > 0 ? 7 : 1) & mask, i);
    if (negLeft > 0) push(hashString(s, 1) & mask, i);
    push((prevH ^ hashString(s, 3)) & mask, i > 0 ? n + i : i);
    prevH = hashString(s, 2);
    if (isNegator(p.words[i])) negLeft = 3;
    else if (negLeft > 0 && OPINION_VERBS.has(s)) {
      negLeft = 4;
      bridge = true;
    } else if (negLeft > 0) negLeft--;
  }
  if (n > 0) push((prevH ^ EOS_H) & mask, n - 1);
  let k0 = 2 * n;
  for (const e of p.emojis) push(hashString(e, 5) & mask, k0++);
  for (const e of p.emoticons) push(hashString(e, 6) & mask, k0++);
  const nWord = N - wordStart;

  // characters of the words joined by single spaces and padded with spaces, as char codes
  let L = 1;
  for (let i = 0; i < n; i++) L += p.words[i].length + 1;
  if (L < 2) L = 2; // no words: "  "
  if (CODES.length < L) {
    CODES = new Uint16Array(2 * L);
    WORD_AT = new Int32Array(2 * L);
  }
  const codes = CODES;
  const wordAt = WORD_AT;
  codes[0] = 32;
  wordAt[0] = 0;
  let at = 1;
  for (let i = 0; i < n; i++) {
    const w = p.words[i];
    if (i > 0) {
      wordAt[at] = i;
      codes[at++] = 32;
    }
    for (let k = 0; k < w.length; k++) {
      wordAt[at] = i;
      codes[at++] = w.charCodeAt(k);
    }
  }
  wordAt[at] = n > 0 ? n - 1 : 0;
  codes[at] = 32;
  const charStart = N;
  const { charMin, charMax } = cfg;
  for (let i = 0; i + charMin <= L; i++) {
    let h = FNV_OFFSET;
    for (let k = 0; k < charMax && i + k < L; k++) {
      h = fnvStep(h, codes[i + k]);
      if (k + 1 >= charMin) push(fnvStep(h, k) & mask, wordAt[i]);
    }
  }
  const nChar = N - charStart;

  // dense block
  const dense = DENSE_BUF.fill(0);
  const cueCount = CUE_BUF.fill(0);
  cueMatcher.scan(stems, (k, start) => {
    cueCount[k]++;
    if (start < 3) dense[CUE_NAMES.length + k] = 1;
  });
  for (let k = 0; k < CUE_NAMES.length; k++) dense[k] = Math.min(cueCount[k], 3) / 2;
  const lex = scoreLexicon(p);
  const c = (name: string): number => cueCount[CUE_INDEX[name]];
  dense[D.lex_pos] = Math.min(lex.pos, 9) / 3;
  dense[D.lex_neg] = Math.min(lex.neg, 9) / 3;
  dense[D.lex_pos_any] = lex.pos > 0 ? 1 : 0;
  dense[D.lex_neg_any] = lex.neg > 0 ? 1 : 0;
  dense[D.lex_pos_strong] = lex.pos >= 3 ? 1 : 0;
  dense[D.lex_neg_strong] = lex.neg >= 3 ? 1 : 0;
  dense[D.lex_balance] = Math.tanh((lex.pos + lex.emojiPos * 0.5 - lex.neg - lex.emojiNeg * 0.5) / 3);
  dense[D.lex_negated_pos] = lex.negatedPos > 0 ? 1 : 0;
  dense[D.lex_negated_neg] = lex.negatedNeg > 0 ? 1 : 0;
  dense[D.lex_intensified] = lex.intensified > 0 ? 1 : 0;
  dense[D.emoji_pos] = Math.min(lex.emojiPos, 6) / 3;
  dense[D.emoji_neg] = Math.min(lex.emojiNeg, 6) / 3;
  dense[D.emoji_ironic_after_neg] = lex.posEmojiAfterNeg > 0 ? 1 : 0;
  const problem = c('problem') + c('repeat');
  dense[D.sarc_pos_and_neg] = lex.pos >= 2 && lex.neg >= 1 ? 1 : 0;
  dense[D.sarc_thanks_and_problem] = c('thanks') > 0 && (problem > 0 || lex.neg >= 2) ? 1 : 0;
  dense[D.sarc_pos_opener_neg_body] =
    lex.firstPos >= 0 && lex.firstPos < 3 && lex.firstNeg > lex.firstPos ? 1 : 0;
  dense[D.sarc_quoted] = QUOTE_CHARS.test(extra.text) && QUOTED.test(extra.text) ? 1 : 0;
  dense[D.sarc_cue_and_neg] = c('sarcasm') > 0 && (problem > 0 || lex.neg > 0) ? 1 : 0;
  // "X, but Y": the part after the contrast word decides ("спасибо, но деньги так и не вернули")
  if (lex.contrastAt >= 0) {
    const negAfter = lex.negAfterContrast > 0 || lex.negatorAfterContrast;
    dense[D.contrast_pos_then_neg] = lex.posBeforeContrast > 0 && negAfter ? 1 : 0;
    dense[D.contrast_neg_then_pos] =
      lex.negBeforeContrast > 0 && lex.posAfterContrast > 0 && !negAfter ? 1 : 0;
    dense[D.contrast_after_balance] = Math.tanh((lex.posAfterContrast - lex.negAfterContrast) / 3);
  }
  let q = 0;
  let qEnd = false;
  let qMulti = false;
  let excl = 0;
  let exclMulti = false;
  for (const m of p.punct) {
    if (m.mark.includes('?')) {
      q++;
      if (m.at === n) qEnd = true;
      if (m.mark.length > 1) qMulti = true;
    }
    if (m.mark.includes('!')) {
      excl++;
      if (m.mark.length > 1) exclMulti = true;
    }
  }
  dense[D.q_any] = q > 0 ? 1 : 0;
  dense[D.q_end] = qEnd ? 1 : 0;
  dense[D.q_multi] = qMulti ? 1 : 0;
  dense[D.q_implicit] = q === 0 && n > 0 && (c('qword') > 0 || c('price') > 0 || c('howto') > 0) ? 1 : 0;
  dense[D.excl] = excl > 0 ? 1 : 0;
  dense[D.excl_multi] = exclMulti ? 1 : 0;
  dense[D.caps] = n > 0 && p.capsWords / n > 0.5 && p.capsWords >= 2 ? 1 : 0;
  dense[D.url] = p.urls > 0 ? 1 : 0;
  // On Twitter an @mention is how a customer addresses the brand; in VK and Telegram it means
  // talking to another user (peer chatter), which is what these two features learn.
  const addressesBrand = extra.platform === 'twitter';
  dense[D.mention] = p.mentions > 0 && !addressesBrand ? 1 : 0;
  dense[D.mention_first] = p.mentionFirst && !addressesBrand ? 1 : 0;
  dense[D.number] = p.numbers > 0 ? 1 : 0;
  dense[n === 0 ? D.len_0 : n === 1 ? D.len_1 : n <= 3 ? D.len_2_3 : n <= 8 ? D.len_4_8 : n <= 20 ? D.len_9_20 : n <= 40 ? D.len_21_40 : D.len_41] = 1; // prettier-ignore
  dense[D.emoji_only] = n === 0 && p.emojis.length + p.emoticons.length > 0 ? 1 : 0;
  dense[LANG_INDEX.get(p.language) ?? D.lang_other] = 1;
  dense[D.multiline] = extra.text.includes('\n') ? 1 : 0;
  dense[D.bias_dense] = 1;
  dense[
    (extra.platform !== undefined ? PLATFORM_INDEX.get(extra.platform) : undefined) ?? D.platform_unknown
  ] = 1;
  WALK.idx = IDX;
  WALK.owner = OWN;
  WALK.nWord = nWord;
  WALK.nChar = nChar;
  WALK.lex = lex;
  return WALK;
}
