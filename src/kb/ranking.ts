/**
 * Knowledge-base ranking: Okapi BM25 over stemmed Russian and English (the analysis tokenizer:
 * translit-typed Russian is read as Cyrillic, natural's Porter stemmers), plain TypeScript.
 *
 * An article is one document whose fields weigh differently (a BM25F-style sum: a word in the
 * title or the tags says more about the article than one in its body). A query is the customer's
 * latest messages, the newest counting most: people add details in a second message, but the
 * newest is usually the question.
 */
import { prepare } from '../analysis/text/tokenize';

export interface KbDocument {
  id: string;
  title: string;
  body: string;
  tags: readonly string[];
  locale: string;
}

export interface RankedArticle {
  id: string;
  score: number;
}

export interface Bm25Options {
  k1: number;
  b: number;
  titleWeight: number;
  tagWeight: number;
}

export const DEFAULT_BM25: Bm25Options = { k1: 1.2, b: 0.6, titleWeight: 2.5, tagWeight: 2 };

/**
 * Words that say nothing about which article answers: function words and the greetings and
 * courtesies every customer message carries.
 */
const STOP = new Set(
  (
    'и в во не на я что он она оно они мы вы ты с со как а то все всё так его ее её но да к ко у же ' +
    'вот от меня мне мой моя мое моё мои было был была были быть бы по только там тут где уже ещё еще или ни ' +
    'нет ли если до из за для при про под над об о это этот эта эти тот та те чем чего кто кого ему ей им их ' +
    'вас нас вам нам себя себе свой своя свои ваш ваша ваши наш наша наши когда потом очень может можно ' +
    'будет есть раз просто даже сейчас опять снова уж вообще тоже какой какая какие какое который ' +
    'чтобы ну вдруг ведь лишь пока вы всего всех всем тогда тем том этого этой этом эту ' +
    'здравствуйте здравствуй добрый доброе доброго день вечер утро привет приветствую подскажите ' +
    'скажите пожалуйста спасибо благодарю заранее ребята хочу хотел хотела хотелось бы вопрос ' +
    'the a an and or but to of in on at for with is are was were be been it this that these those ' +
    'i you he she we they my your our their me us them not no so as if by from again just very can ' +
    'do does did how what when where why which who will would could should there here have has had ' +
    'hello hi hey please thanks thank dear team guys any some get got im it’s its'
  ).split(/\s+/),
);

/**
 * Spellings people use for one thing, mapped to the word the articles use (before stemming).
 * Domain vocabulary of a home-internet provider, not tuned to any question.
 */
const SYNONYMS: Record<string, string> = {
  инет: 'интернет',
  инета: 'интернет',
  инете: 'интернет',
  инетом: 'интернет',
  интернетом: 'интернет',
  вайфай: 'wifi',
  вайфая: 'wifi',
  вафля: 'wifi',
  вифи: 'wifi',
  маршрутизатор: 'роутер',
  маршрутизатора: 'роутер',
  роутера: 'роутер',
  роутером: 'роутер',
  router: 'router',
  modem: 'router',
  модем: 'роутер',
  модема: 'роутер',
  бабки: 'деньги',
  денег: 'деньги',
  деньгами: 'деньги',
  телик: 'телевидение',
  тв: 'телевидение',
  телевизор: 'телевидение',
  телевизора: 'телевидение',
  tv: 'television',
  комп: 'компьютер',
  компа: 'компьютер',
  ноут: 'ноутбук',
  ноута: 'ноутбук',
  лк: 'кабинет',
  симка: 'sim',
  договора: 'договор',
  мастера: 'мастер',
  монтажник: 'мастер',
  техник: 'мастер',
  технику: 'мастер',
  mb: 'mbps',
  мбит: 'мегабит',
  мегабит: 'мегабит',
  пинг: 'пинг',
  ping: 'ping',
  lag: 'ping',
  lags: 'ping',
  laggy: 'ping',
};

/** The ranking terms of a text: stems of its content words, in order (repeats kept). */
export function kbTerms(text: string): string[] {
  const p = prepare(text);
  const out: string[] = [];
  for (let i = 0; i < p.words.length; i++) {
    let w = p.words[i];
    // "wi-fi", "wi fi" → wifi
    if ((w === 'wi' || w === 'вай') && (p.words[i + 1] === 'fi' || p.words[i + 1] === 'фай')) {
      out.push('wifi');
      i++;
      continue;
    }
    if (STOP.has(w) || /^\d{1,2}$/.test(w)) continue;
    const syn = SYNONYMS[w];
    if (syn) {
      w = syn;
      out.push(stemOf(w, p.stems[i]));
      continue;
    }
    if (w.length < 2) continue;
    out.push(p.stems[i]);
  }
  return out;
}

function stemOf(word: string, fallback: string): string {
  return prepare(word).stems[0] ?? fallback;
}

interface Indexed {
  id: string;
  locale: string;
  tf: Map<string, number>;
  length: number;
}

/**
 * An immutable BM25 index over a set of articles. Built once per change of the knowledge base
 * (a few hundred articles index in milliseconds); ranking a query is a pass over its terms'
 * postings.
 */
export class Bm25Index {
  private readonly docs: Indexed[];
  private readonly postings = new Map<string, number[]>();
  private readonly avgLength: number;

  constructor(
    documents: readonly KbDocument[],
    private readonly opts: Bm25Options = DEFAULT_BM25,
  ) {
    this.docs = documents.map((d) => {
      const tf = new Map<string, number>();
      const add = (terms: string[], w: number) => {
        for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + w);
      };
      const title = kbTerms(d.title);
      const tags = kbTerms(d.tags.join(' , '));
      const body = kbTerms(d.body);
      add(title, opts.titleWeight);
      add(tags, opts.tagWeight);
      add(body, 1);
      const length = title.length * opts.titleWeight + tags.length * opts.tagWeight + body.length;
      return { id: d.id, locale: d.locale, tf, length };
    });
    this.docs.forEach((d, i) => {
      for (const t of d.tf.keys()) {
        let list = this.postings.get(t);
        if (!list) this.postings.set(t, (list = []));
        list.push(i);
      }
    });
    this.avgLength = this.docs.reduce((s, d) => s + d.length, 0) / Math.max(1, this.docs.length);
  }

  get size(): number {
    return this.docs.length;
  }

  /** Inverse document frequency (BM25's, floored at a small positive value). */
  idf(term: string): number {
    const n = this.postings.get(term)?.length ?? 0;
    const N = this.docs.length;
    return Math.max(0.01, Math.log(1 + (N - n + 0.5) / (n + 0.5)));
  }

  /**
   * Articles by score for weighted query terms, best first; articles with no term in common are
   * left out. `locale` slightly prefers articles in the customer's language.
   */
  rank(query: ReadonlyMap<string, number>, limit = 5, locale?: string): RankedArticle[] {
    const { k1, b } = this.opts;
    const scores = new Map<number, number>();
    for (const [term, weight] of query) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (const i of list) {
        const d = this.docs[i];
        const f = d.tf.get(term)!;
        const s = (idf * (f * (k1 + 1))) / (f + k1 * (1 - b + (b * d.length) / this.avgLength));
        scores.set(i, (scores.get(i) ?? 0) + weight * s);
      }
    }
    return [...scores]
      .map(([i, s]) => ({
        id: this.docs[i].id,
        score: locale && this.docs[i].locale !== locale ? s * 0.8 : s,
      }))
      .sort((a, b2) => b2.score - a.score || a.id.localeCompare(b2.id))
      .slice(0, limit);
  }
}

/**
 * The query for a conversation: the customer's latest messages, newest last in `messages`.
 * The newest weighs 1, each earlier one half the one after it; a term takes its highest weight.
 */
export function conversationQuery(messages: readonly string[], keep = 3): Map<string, number> {
  const q = new Map<string, number>();
  const recent = messages.slice(-keep);
  recent.forEach((text, i) => {
    const weight = Math.pow(0.5, recent.length - 1 - i);
    for (const t of kbTerms(text)) q.set(t, Math.max(q.get(t) ?? 0, weight));
  });
  return q;
}

/** A search box query: every term weighs the same. */
export function searchQuery(text: string): Map<string, number> {
  return new Map(kbTerms(text).map((t) => [t, 1]));
}

/**
 * The excerpt an agent inserts: the paragraph of the body that shares most terms with the
 * query (the first one when none does), cut at a sentence end near `max` characters.
 */
export function bestExcerpt(body: string, query: ReadonlyMap<string, number>, max = 400): string {
  const paragraphs = body
    .split(/\n\s*\n|\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (paragraphs.length === 0) return '';
  let best = paragraphs[0];
  let bestScore = 0;
  for (const p of paragraphs) {
    const terms = new Set(kbTerms(p));
    let s = 0;
    for (const [t, w] of query) if (terms.has(t)) s += w;
    if (s > bestScore) {
      best = p;
      bestScore = s;
    }
  }
  if (best.length <= max) return best;
  const cut = best.slice(0, max);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  return end > max / 2 ? cut.slice(0, end + 1) : `${cut.trimEnd()}…`;
}
