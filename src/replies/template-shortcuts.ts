/**
 * A template's shortcut (`/thanks`) is how an agent finds it in the reply box; it must never reach
 * a customer as literal text. These are the shortcut-shaped words of a reply (a slash at the
 * start of a word, then what a shortcut may hold), for the outbox to check against the templates.
 * URLs and paths (`https://x.ru/thanks`, `a/b`) are not words that start with a slash.
 */
const SHORTCUT_WORD = /(?:^|[\s([{«"'])\/([\p{L}\p{N}_-]{1,40})(?=$|[\s.,!?;:)\]}»"'])/gu;

export function shortcutCandidates(text: string): string[] {
  if (!text.includes('/')) return [];
  const out = new Set<string>();
  for (const m of text.matchAll(SHORTCUT_WORD)) out.add(m[1]);
  return [...out];
}
