/**
 * A small fuzzy scorer for the `/` template picker: the query's letters in order (case and ё
 * folded), more for letters in a row and at word starts, less for a match far into the text. 0 is
 * no match. Small enough to keep the reply box's bundle light.
 */
const fold = (s: string) => s.toLowerCase().replace(/ё/g, 'е');

export function fuzzyScore(query: string, text: string): number {
  const q = fold(query.trim());
  if (!q) return 1;
  const t = fold(text);
  const exact = t.indexOf(q);
  if (exact >= 0) return 100 + (exact === 0 || /[\s\p{P}]/u.test(t[exact - 1] ?? '') ? 50 : 0) - exact * 0.01;
  let score = 0;
  let run = 0;
  let from = 0;
  for (const ch of q) {
    if (ch === ' ') continue;
    const at = t.indexOf(ch, from);
    if (at < 0) return 0;
    run = at === from && from > 0 ? run + 1 : 1;
    score += run * 2 + (at === 0 || /[\s\p{P}]/u.test(t[at - 1] ?? '') ? 3 : 0) - (at - from) * 0.05;
    from = at + 1;
  }
  return Math.max(score, 0.01);
}

export interface RankedTemplate {
  id: string;
  name: string;
  shortcut: string | null;
  body: string;
  locale: string;
  intent: string | null;
}

/**
 * Templates for the query, best first. Every template stays reachable: the detected intent and
 * the agent's language only add to the score (a wrong intent never hides the right answer).
 */
export function rankTemplates<T extends RankedTemplate>(
  list: readonly T[],
  query: string,
  intent: string | null,
  lang: string,
): T[] {
  const scored: { t: T; s: number }[] = [];
  for (const t of list) {
    const match = Math.max(
      fuzzyScore(query, t.shortcut ?? '') * 1.5,
      fuzzyScore(query, t.name) * 1.2,
      fuzzyScore(query, t.body) * 0.6,
    );
    if (match <= 0) continue;
    const bonus = (intent && t.intent === intent ? 4 : 0) + (t.locale === lang ? 2 : 0);
    scored.push({ t, s: match + bonus });
  }
  return scored.sort((a, b) => b.s - a.s || a.t.name.localeCompare(b.t.name)).map((x) => x.t);
}

/** The `/query` being typed before the caret (a slash at the start of a word), or null. */
export function slashQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)\/([^\s/]{0,40})$/u.exec(before);
  const query = m?.[2];
  if (query === undefined) return null;
  return { start: before.length - query.length - 1, query };
}
