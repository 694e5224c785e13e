/**
 * Auto-tag rules (plain TypeScript): a rule puts its tag on a conversation when a new customer
 * item meets every condition the rule sets — a word or phrase matched on stems (Russian and
 * English, the analysis tokenizer's stems, so "интернет" matches "интернета", "refund" matches
 * "refunds"), the item's intent, its sentiment, its source.
 *
 * Ingest runs this for every item of a page, so a phrase rule first looks for a cheap prefix of
 * each stem in the lower-cased text, then stems only the words that start with one.
 */
import { prepare, stem } from '../analysis/text/tokenize';

export interface TagRuleInput {
  id: string;
  tagId: string;
  phrase: string | null;
  intent: string | null;
  sentiment: string | null;
  sourceId: string | null;
}

export interface CompiledRule extends TagRuleInput {
  /** the phrase's stems, in order; empty when the rule has no phrase */
  stems: string[];
  /** substrings every matching text contains (lower case, ё → е) */
  needles: string[];
}

export interface RuleItem {
  text: string;
  intent: string | null;
  sentiment: string | null;
  sourceId: string;
}

export interface TagMatch {
  tagId: string;
  ruleId: string;
}

/** Lower case, ё → е: how the tokenizer spells words before stemming. */
function fold(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е');
}

/**
 * A stem is the word minus an ending, so it is (nearly) a prefix of every form: Russian stems
 * exactly; English (Porter) may rewrite the last letters (happy → happi, hoping → hope), so
 * only the part before them is looked for.
 */
function needleOf(s: string): string {
  if (/[а-я]/.test(s)) return s;
  return s.slice(0, Math.max(1, s.length - 2));
}

export function compileRules(rules: readonly TagRuleInput[]): CompiledRule[] {
  return rules.map((r) => {
    const words = r.phrase ? prepare(r.phrase).words : [];
    const stems = words.map(stem);
    return { ...r, stems, needles: stems.map(needleOf) };
  });
}

/** A rule's phrase that has no word in it (only punctuation, emoji) can never match. */
export function phraseHasWords(phrase: string): boolean {
  return prepare(phrase).words.length > 0;
}

/** Words as the tokenizer spells them (lower case, ё → е; letters, digits, apostrophe). */
const WORD = /[a-zа-я0-9']+/g;

/**
 * Whether the folded text has the phrase's stems as consecutive words. Only a word that starts
 * with the first stem's needle is stemmed (stem() caches), so an item is never fully tokenized.
 */
function containsRun(words: readonly string[], rule: CompiledRule): boolean {
  const first = rule.needles[0]!;
  outer: for (let i = 0; i + rule.stems.length <= words.length; i++) {
    if (!words[i]!.startsWith(first)) continue;
    for (let j = 0; j < rule.stems.length; j++) {
      const w = words[i + j]!;
      if (!w.startsWith(rule.needles[j]!) || stem(w) !== rule.stems[j]) continue outer;
    }
    return true;
  }
  return false;
}

/**
 * The tags the rules put on for one item (each tag once: the first rule that matched it).
 * The folded text and its words are shared across an item's rules.
 */
export function matchRules(rules: readonly CompiledRule[], item: RuleItem): TagMatch[] {
  if (rules.length === 0) return [];
  let folded: string | undefined;
  let words: string[] | undefined;
  const out: TagMatch[] = [];
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.tagId)) continue;
    if (r.sourceId !== null && r.sourceId !== item.sourceId) continue;
    if (r.intent !== null && r.intent !== item.intent) continue;
    if (r.sentiment !== null && r.sentiment !== item.sentiment) continue;
    if (r.phrase !== null) {
      if (r.stems.length === 0) continue;
      folded ??= fold(item.text);
      if (!r.needles.every((n) => folded!.includes(n))) continue;
      words ??= folded.match(WORD) ?? [];
      if (!containsRun(words, r)) continue;
    }
    seen.add(r.tagId);
    out.push({ tagId: r.tagId, ruleId: r.id });
  }
  return out;
}
