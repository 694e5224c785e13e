/**
 * "Why": the few features that decided an analysis, as words, phrases or named signals with
 * their weight (how far they pushed the decided class past the runner-up, in logits).
 */
import { DENSE_FEATURE_NAMES } from './features';

export interface WhyFeature {
  /** a word or two-word phrase of the post as written, an emoji, or a named signal ("question mark") */
  feature: string;
  weight: number;
}
export interface AnalysisWhy {
  sentiment: WhyFeature[];
  intent: WhyFeature[];
}

/** How many features an analysis keeps per decision. */
export const WHY_TOP = 4;

const CUE_LABEL: Record<string, string> = {
  price: 'purchase words', howto: 'how-to words', problem: 'problem words', repeat: 'again/still',
  thanks: 'thanks', sarcasm: 'ironic praise', spam: 'spam words', announce: 'announcement words',
  peer: 'talk to other users', brand: 'addresses the brand', greeting: 'greeting', polite: 'polite words',
  qword: 'question word', why: 'why-question', praise: 'praise words', closing: 'question withdrawn',
  reaction: 'short reaction',
}; // prettier-ignore
const DENSE_LABEL: Record<string, string> = {
  lex_pos: 'positive words', lex_neg: 'negative words', lex_pos_any: 'positive words', lex_neg_any: 'negative words',
  lex_pos_strong: 'many positive words', lex_neg_strong: 'many negative words', lex_balance: 'positive vs negative words',
  lex_negated_pos: 'negated praise', lex_negated_neg: 'negated complaint', lex_intensified: 'intensifier',
  emoji_pos: 'positive emoji', emoji_neg: 'negative emoji', emoji_ironic_after_neg: 'ironic emoji',
  sarc_pos_and_neg: 'praise and problem together', sarc_thanks_and_problem: 'thanks for a problem',
  sarc_pos_opener_neg_body: 'praise opener, complaint body', sarc_quoted: 'scare quotes', sarc_cue_and_neg: 'irony',
  contrast_pos_then_neg: '"…, but" a problem', contrast_neg_then_pos: '"…, but" praise', contrast_after_balance: 'after "but"',
  q_any: 'question mark', q_end: 'ends with a question', q_multi: '"??"', q_implicit: 'question without "?"',
  excl: 'exclamation', excl_multi: '"!!"', caps: 'CAPS', url: 'link', mention: '@mention', mention_first: 'starts with @mention',
  number: 'number', emoji_only: 'emoji only', multiline: 'several lines',
}; // prettier-ignore

function denseLabel(name: string): string | undefined {
  if (name === 'bias_dense') return undefined;
  if (name.startsWith('cue_')) {
    const first = name.endsWith('_first3');
    const cue = name.slice(4, first ? -7 : undefined);
    const label = CUE_LABEL[cue] ?? cue;
    return first ? `${label} (at the start)` : label;
  }
  if (name.startsWith('len_')) return 'length';
  if (name.startsWith('lang_')) return `language: ${name.slice(5)}`;
  if (name.startsWith('platform_')) return `platform: ${name.slice(9)}`;
  return DENSE_LABEL[name] ?? name;
}
// dense features that read the same to a person (lex_pos, lex_pos_any) are one group
const DENSE_LABELS = DENSE_FEATURE_NAMES.map(denseLabel);
const GROUP_LABELS = [...new Set(DENSE_LABELS.filter((l): l is string => l !== undefined))];
const GROUP_OF = DENSE_LABELS.map((l) => (l === undefined ? -1 : GROUP_LABELS.indexOf(l)));
const GROUPS = new Float64Array(GROUP_LABELS.length);
const CAND = 2 * WHY_TOP;
const candW = new Float64Array(CAND);
const candId = new Int32Array(CAND);

/**
 * The top features of one decision: owner sums (words, bigrams, emoji; see FeatureWalk.owner)
 * and dense features, largest positive weight first. Runs on every analysed item, so it keeps a
 * short numeric candidate list and names only those.
 */
export function topFeatures(
  byOwner: Float64Array,
  dense: Float64Array,
  words: readonly string[],
  symbols: readonly string[],
  k = WHY_TOP,
): WhyFeature[] {
  const n = words.length;
  const owners = 2 * n + symbols.length;
  let m = 0;
  GROUPS.fill(0);
  for (let d = 0; d < dense.length; d++)
    if (dense[d] !== 0 && GROUP_OF[d] >= 0) GROUPS[GROUP_OF[d]] += dense[d];
  const total = owners + GROUPS.length;
  for (let id = 0; id < total; id++) {
    const w = id < owners ? byOwner[id] : GROUPS[id - owners];
    // keep the CAND largest above the noise floor, in descending order (insertion into a short list)
    if (w <= 0.05 || (m === CAND && w <= candW[m - 1])) continue;
    let j = m < CAND ? m++ : m - 1;
    while (j > 0 && candW[j - 1] < w) {
      candW[j] = candW[j - 1];
      candId[j] = candId[j - 1];
      j--;
    }
    candW[j] = w;
    candId[j] = id;
  }
  const out: WhyFeature[] = [];
  for (let c = 0; c < m && out.length < k; c++) {
    const o = candId[c];
    const label =
      o < n
        ? words[o]
        : o < 2 * n
          ? `${words[o - n - 1]} ${words[o - n]}`
          : o < owners
            ? symbols[o - 2 * n]
            : GROUP_LABELS[o - owners];
    const weight = Math.round(candW[c] * 100) / 100;
    const same = out.find((f) => f.feature === label);
    if (same) same.weight = Math.round((same.weight + weight) * 100) / 100;
    else out.push({ feature: label, weight });
  }
  return out;
}
