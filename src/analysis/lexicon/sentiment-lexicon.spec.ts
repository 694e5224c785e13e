import { prepare } from '../text/tokenize';
import { extractFeatures, DEFAULT_FEATURES } from '../model/features';
import { scoreLexicon } from './sentiment-lexicon';

const lex = (t: string) => scoreLexicon(prepare(t));

describe('lexicon with negation and intensifiers', () => {
  it('"не плохо" turns a negative word into a weak positive', () => {
    const r = lex('не плохо');
    expect(r.neg).toBe(0);
    expect(r.pos).toBeGreaterThan(0);
    expect(r.negatedNeg).toBeGreaterThan(0);
  });
  it('"не то чтобы доволен" negates across two function words', () => {
    const r = lex('Не то чтобы доволен');
    expect(r.pos).toBe(0);
    expect(r.neg).toBeGreaterThan(0);
  });
  it('negation scope stops at punctuation', () => {
    expect(lex('Не знаю. Ужасно').neg).toBeGreaterThan(2);
  });
  it('a negated verb of saying carries the negation over a comma into what it introduces', () => {
    for (const t of [
      'Не сказал бы, что доволен',
      'Не могу сказать, что доволен',
      "I wouldn't say I'm happy",
      'Не думаю, что это хорошо',
    ]) {
      const r = lex(t);
      expect(r.pos).toBe(0);
      expect(r.negatedPos).toBeGreaterThan(0);
      expect(r.neg).toBeGreaterThan(0);
    }
    // without the verb of saying the comma still ends the scope
    expect(lex('Не дозвониться, ужасно').negatedNeg).toBe(0);
    expect(lex('Не дозвониться, ужасно').neg).toBeGreaterThan(2);
  });
  it("any n't form negates, as in the features", () => {
    expect(lex("wouldn't be happy").negatedPos).toBeGreaterThan(0);
    expect(lex('would be happy').negatedPos).toBe(0);
  });
  it('intensifiers raise the score', () => {
    expect(lex('очень плохо').neg).toBeGreaterThan(lex('плохо').neg);
  });
  it('matches phrases and English AFINN words', () => {
    expect(lex('ну так себе').neg).toBeGreaterThan(0);
    expect(lex('this is terrible').neg).toBeGreaterThan(0);
    expect(lex('not bad at all').pos).toBeGreaterThan(0);
  });
  it('reads slang and news words of tweets about a company, and English care phrases AFINN scores wrong', () => {
    expect(lex('сбер в целом днище').neg).toBeGreaterThan(0);
    expect(lex('Проект банка удостоен награды').pos).toBeGreaterThan(0);
    // AFINN has "joke" at +2; a customer saying it means the opposite
    expect(lex('what a joke').neg).toBeGreaterThan(0);
    expect(lex('what a joke').pos).toBe(0);
    expect(lex('stranded for hours, still waiting').neg).toBeGreaterThanOrEqual(5);
  });
});

describe('contrast ("…, but …")', () => {
  it('splits the score at the last contrast word and notes a negator after it', () => {
    const r = lex('Спасибо, но деньги так и не вернули');
    expect(r.contrastAt).toBe(1);
    expect(r.posBeforeContrast).toBeGreaterThan(0);
    expect(r.negatorAfterContrast).toBe(true);
    const e = lex('great phone but the battery died in a week');
    expect(e.posBeforeContrast).toBeGreaterThan(0);
    expect(e.negAfterContrast).toBeGreaterThan(0);
    expect(e.posAfterContrast).toBe(0);
    const p = lex('Долго ждал, но всё починили, отлично');
    expect(p.posAfterContrast).toBeGreaterThan(0);
    expect(p.negatorAfterContrast).toBe(false);
  });
  it('has no contrast without a contrast word', () => {
    const r = lex('Спасибо, деньги так и не вернули');
    expect(r.contrastAt).toBe(-1);
    expect(r.negatorAfterContrast).toBe(false);
  });
});

describe('sarcasm cues', () => {
  const dense = (t: string) => extractFeatures(prepare(t), { text: t }, DEFAULT_FEATURES).x;
  const has = (t: string) => {
    const x = dense(t);
    return Array.from(x.idx).filter((i) => i >= 1 << DEFAULT_FEATURES.hashBits).length;
  };
  it('a thumbs-up after a failure is flagged', () => {
    expect(lex('Обновили приложение, всё сломалось 👍').posEmojiAfterNeg).toBe(1);
    expect(lex('Всё пришло вовремя 👍').posEmojiAfterNeg).toBe(0);
  });
  it('"спасибо, что опять…" fires more cue features than a plain thanks', () => {
    expect(has('Спасибо, что опять отключили интернет')).toBeGreaterThan(has('Спасибо за помощь'));
  });
});
