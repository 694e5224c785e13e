import { KB_ARTICLES } from '../demo-articles';
import { Bm25Index, conversationQuery } from '../ranking';
import { KB_QUESTIONS } from './questions';

/**
 * The knowledge base's suggestion quality: every labelled customer question is asked as the
 * customer's latest message, and its right article must be among the top three suggestions.
 * Prints the hit rates (top-1 and top-3) and the misses; fails below 0.8 at top 3.
 */
describe('knowledge-base suggestions: labelled questions against the «ДомНет» articles', () => {
  const index = new Bm25Index(
    KB_ARTICLES.map((a) => ({ id: a.slug, title: a.title, body: a.body, tags: a.tags, locale: a.locale })),
  );

  it('has a fixture large enough to mean something', () => {
    expect(KB_ARTICLES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(KB_ARTICLES.map((a) => a.locale))).toEqual(new Set(['ru', 'en']));
    expect(KB_QUESTIONS.length).toBeGreaterThanOrEqual(100);
    const slugs = new Set(KB_ARTICLES.map((a) => a.slug));
    expect(KB_QUESTIONS.filter((q) => !slugs.has(q.article))).toEqual([]);
  });

  it('puts the right article in the top 3 for at least 80 % of the questions', () => {
    let top1 = 0;
    let top3 = 0;
    const misses: string[] = [];
    for (const q of KB_QUESTIONS) {
      const ranked = index.rank(conversationQuery([q.text]), 3).map((r) => r.id);
      if (ranked[0] === q.article) top1++;
      if (ranked.includes(q.article)) top3++;
      else misses.push(`  ${q.article} ← "${q.text}" got [${ranked.join(', ')}]`);
    }
    const n = KB_QUESTIONS.length;
    const rate3 = top3 / n;
    // the figure the issue asks for, printed on every run
    console.log(
      `KB suggestions over ${n} questions, ${KB_ARTICLES.length} articles: top-1 ${(top1 / n).toFixed(3)}, ` +
        `top-3 hit rate ${rate3.toFixed(3)} (${top3}/${n})\nmisses:\n${misses.join('\n')}`,
    );
    expect(rate3).toBeGreaterThanOrEqual(0.8);
  });
});
