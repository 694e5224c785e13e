/**
 * Keeps training text apart from the dev set: a training row overlaps a dev-set row when their
 * normalised texts are equal, or they share most of their character 4-grams (Jaccard ≥ 0.6),
 * or half the word trigrams of the shorter one (at least three: a shared five-word run). Written data is checked against the dev set
 * before it is committed (overlap.spec.ts), so dev-set figures stay figures on unseen posts.
 */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^a-zа-я0-9]+/g, ' ')
    .trim();
}

function grams(s: string, n: number): Set<string> {
  const out = new Set<string>();
  const t = ` ${s} `;
  for (let i = 0; i + n <= t.length; i++) out.add(t.slice(i, i + n));
  return out;
}

function wordTrigrams(s: string): Set<string> {
  const w = s.split(' ').filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i + 3 <= w.length; i++) out.add(w.slice(i, i + 3).join(' '));
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union > 0 ? inter / union : 0;
}

export interface Overlap {
  train: string;
  dev: string;
  why: string;
}

export const CHAR_JACCARD = 0.6;
export const TRIGRAM_CONTAINMENT = 0.5;

/** Every training text that overlaps a dev-set text, with the reason. */
export function findOverlaps(train: readonly string[], dev: readonly string[]): Overlap[] {
  const devN = dev.map((d) => {
    const n = normalise(d);
    return { text: d, n, g: grams(n, 4), t: wordTrigrams(n) };
  });
  const exact = new Map(devN.map((d) => [d.n, d.text]));
  const out: Overlap[] = [];
  for (const text of train) {
    const n = normalise(text);
    if (n.length === 0) continue;
    const same = exact.get(n);
    if (same !== undefined) {
      // reactions of up to three words ("ok", "+", "спасибо") are the same everywhere; only longer texts count
      if (n.split(' ').length > 3) out.push({ train: text, dev: same, why: 'same text' });
      continue;
    }
    const g = grams(n, 4);
    const t = wordTrigrams(n);
    for (const d of devN) {
      if (Math.min(g.size, d.g.size) / Math.max(g.size, d.g.size) < CHAR_JACCARD) continue;
      const j = jaccard(g, d.g);
      if (j >= CHAR_JACCARD) {
        out.push({ train: text, dev: d.text, why: `character 4-gram Jaccard ${j.toFixed(2)}` });
        break;
      }
      if (t.size > 0 && d.t.size > 0) {
        let inter = 0;
        for (const x of t) if (d.t.has(x)) inter++;
        const c = inter / Math.min(t.size, d.t.size);
        if (c >= TRIGRAM_CONTAINMENT && inter >= 3) {
          out.push({ train: text, dev: d.text, why: `word trigram containment ${c.toFixed(2)}` });
          break;
        }
      }
    }
  }
  return out;
}
