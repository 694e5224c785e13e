import { prepare, stem } from './tokenize';
import { naturalTokenizerRu } from './vendor';
import { cyrillicToLatin, latinWordToCyrillic } from './translit';

describe('tokenize', () => {
  it('splits words like natural AggressiveTokenizerRu and keeps URLs, mentions, emoji and ?! apart', () => {
    const p = prepare('Привет, @vasya! Заказ 123 где?? 👍 :) https://x.ru/a');
    expect(p.words).toEqual(naturalTokenizerRu.tokenize('Привет, Заказ где').map((w) => w.toLowerCase()));
    expect(p.mentions).toBe(1);
    expect(p.urls).toBe(1);
    expect(p.numbers).toBe(1);
    expect(p.emojis).toEqual(['👍']);
    expect(p.emoticons).toEqual([':)']);
    expect(p.punct.map((m) => m.mark)).toEqual([',', '!', '??']);
  });

  it('stems Russian with PorterStemmerRu and English with Porter, ё folded to е', () => {
    expect(stem('ужасный')).toBe('ужасн');
    expect(stem('waiting')).toBe('wait');
    expect(prepare('Всё ещё ждём').words).toEqual(['все', 'еще', 'ждем']);
  });
});

describe('language detection', () => {
  it.each([
    ['Третий день нет интернета, верните деньги', 'ru'],
    ['My order never arrived and support is silent', 'en'],
    ['Приложение опять crash при оплате, annoying', 'mixed'],
    ['spasibo, vse prishlo vovremya i v celosti', 'translit'],
    ['В ShopBox отменили заказ, а CRM не видит оплату', 'ru'],
    ['🔥🔥', 'ru'],
    ['这个产品很好用，我很喜欢', 'other'],
  ])('%s → %s', (text, lang) => {
    expect(prepare(text).language).toBe(lang);
  });

  it('maps translit words to Cyrillic so the Russian model reads them', () => {
    expect(prepare('internet opyat ne rabotaet').words).toEqual(['интернет', 'опят', 'не', 'работает']);
  });
});

describe('translit', () => {
  it('handles digraphs, soft sign and -yi endings', () => {
    expect(latinWordToCyrillic('zhdu')).toBe('жду');
    expect(latinWordToCyrillic("svyaz'")).toBe('связь');
    expect(latinWordToCyrillic('dobryi')).toBe('добрый');
    expect(latinWordToCyrillic('shchuka')).toBe('щука');
    expect(latinWordToCyrillic('stoit')).toBe('стоит');
  });
  it('round-trips Cyrillic → Latin → Cyrillic for common words', () => {
    for (const w of ['спасибо', 'доставка', 'почему', 'хорошо', 'жду'])
      expect(latinWordToCyrillic(cyrillicToLatin(w))).toBe(w);
  });
});
