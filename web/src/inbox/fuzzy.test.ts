import { describe, expect, it } from 'vitest';
import { fuzzyScore, rankTemplates, slashQuery } from './fuzzy';

const tpl = (
  id: string,
  name: string,
  o: { shortcut?: string; body?: string; intent?: string; locale?: string } = {},
) => ({
  id,
  name,
  shortcut: o.shortcut ?? null,
  body: o.body ?? '',
  intent: o.intent ?? null,
  locale: o.locale ?? 'ru',
});

describe('the template picker', () => {
  it('scores letters in order, case and ё folded; no match is 0', () => {
    expect(fuzzyScore('изв', 'Извинение')).toBeGreaterThan(fuzzyScore('изв', 'Ваш заказ из Москвы в пути'));
    expect(fuzzyScore('дост', 'Доставка')).toBeGreaterThan(0);
    expect(fuzzyScore('елка', 'Ёлка')).toBeGreaterThan(100);
    expect(fuzzyScore('xyz', 'Доставка')).toBe(0);
  });

  it('finds a template by its text and ranks by the intent without hiding the others', () => {
    const list = [
      tpl('sorry', 'Извинение', { intent: 'complaint', body: 'Приносим извинения' }),
      tpl('price', 'Цена', { intent: 'sales_question', body: 'Стоимость доставки 300 ₽' }),
      tpl('thanks', 'Спасибо', { intent: 'praise', shortcut: 'thanks', body: 'Спасибо за отзыв!' }),
    ];
    expect(rankTemplates(list, 'доставк', 'complaint', 'ru').map((t) => t.id)).toEqual(['price']);
    // the intent only ranks: the complaint template first, the others still there
    expect(rankTemplates(list, '', 'complaint', 'ru').map((t) => t.id)).toEqual(['sorry', 'thanks', 'price']);
    expect(rankTemplates(list, 'than', 'complaint', 'ru')[0]!.id).toBe('thanks');
  });

  it('reads the /query before the caret only at a word start', () => {
    expect(slashQuery('/изв', 4)).toEqual({ start: 0, query: 'изв' });
    expect(slashQuery('Добрый день /дос', 16)).toEqual({ start: 12, query: 'дос' });
    expect(slashQuery('https://x.ru/a', 14)).toBeNull();
    expect(slashQuery('/изв и дальше', 13)).toBeNull();
  });
});
