import { MemoryEpisodeBook } from './episodes';
import { DEFAULT_TERM_PARAMS, itemTerms, planTerms, readTerms, TermItem, termKey } from './terms';

const ordinary = (n: number, seed: number): TermItem[] =>
  Array.from({ length: n }, (_, i) => ({
    text: [
      'Спасибо за быстрый ответ',
      'Когда подключат новый тариф?',
      'Сколько стоит роутер?',
      'Интернет медленный вечером',
      'Хочу сменить тариф',
      'Где посмотреть баланс?',
    ][(i + seed) % 6],
    author: `u${(i * 7 + seed) % 40}`,
  }));

describe('complaint-term surge', () => {
  it('counts stemmed words and phrases once per item, translit included', () => {
    const t = itemTerms('Не работает интернет, не работает вообще!');
    expect(t.get('не работа')).toBe('не работает');
    expect(t.has('интернет')).toBe(true);
    expect(t.has('не')).toBe(false); // a stop word alone is no term
    expect(itemTerms('ne rabotaet internet').has('не работа')).toBe(true);
    expect(termKey('списали')).toBe(termKey('Списала'));
    expect(termKey('one two three')).toBeNull();
  });

  it('finds "не работает" rising, folds the words of the same story into it, alerts once', () => {
    const refs = [ordinary(40, 1), ordinary(38, 2), ordinary(42, 3), ordinary(41, 4)];
    const storm: TermItem[] = [
      ...ordinary(40, 5),
      ...Array.from({ length: 12 }, (_, i) => ({
        text: [
          'Опять не работает интернет!',
          'Интернет не работает с утра',
          'не работает ничего, интернета нет',
        ][i % 3],
        author: `angry${i}`,
      })),
    ];
    const readings = readTerms(storm, refs, DEFAULT_TERM_PARAMS, false);
    const book = new MemoryEpisodeBook();
    const now = new Date('2030-01-01T12:00:00Z');
    const plan = planTerms(readings, book, now, {
      cooldownMinutes: 60,
      windowMinutes: 60,
      maxAlertsPerRun: 2,
    });
    expect(plan.fire.map((f) => f.label)).toEqual(['не работает']);
    expect(plan.fire[0].count).toBe(12);
    expect(plan.fire[0].related.length).toBeGreaterThan(0);
    for (const f of plan.fire) book.apply(f.scope, 'fire', now);
    // the next minute: still surging, still one alert
    const again = planTerms(readings, book, new Date(now.getTime() + 60_000), {
      cooldownMinutes: 60,
      windowMinutes: 60,
      maxAlertsPerRun: 2,
    });
    expect(again.fire).toEqual([]);
    // calm later: the all-clear
    const calm = readTerms(ordinary(40, 6), refs, DEFAULT_TERM_PARAMS, false);
    const later = planTerms(calm, book, new Date(now.getTime() + 2 * 3600_000), {
      cooldownMinutes: 60,
      windowMinutes: 60,
      maxAlertsPerRun: 2,
    });
    expect(later.clear.map((c) => c.scope)).toEqual(['term:не работа']);
  });

  it('one angry person repeating a phrase is not a surge (distinct authors)', () => {
    const refs = [ordinary(40, 1), ordinary(40, 2)];
    const one = [
      ...ordinary(40, 3),
      ...Array.from({ length: 10 }, () => ({ text: 'Списали деньги! Верните!', author: 'same' })),
    ];
    const plan = planTerms(
      readTerms(one, refs, DEFAULT_TERM_PARAMS, false),
      new MemoryEpisodeBook(),
      new Date(),
      {
        cooldownMinutes: 60,
        windowMinutes: 60,
        maxAlertsPerRun: 2,
      },
    );
    expect(plan.fire).toEqual([]);
  });

  it('a term that is always common is not a surge', () => {
    const refs = [ordinary(40, 1), ordinary(40, 2), ordinary(40, 3)];
    const plan = planTerms(
      readTerms(ordinary(40, 4), refs, DEFAULT_TERM_PARAMS, false),
      new MemoryEpisodeBook(),
      new Date(),
      {
        cooldownMinutes: 60,
        windowMinutes: 60,
        maxAlertsPerRun: 2,
      },
    );
    expect(plan.fire).toEqual([]);
  });
});
