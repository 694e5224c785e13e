import { Analyzer } from './analyzer';

describe('Analyzer with the shipped model', () => {
  const analyzer = Analyzer.load();

  it('returns the public shape with the model version', () => {
    const a = analyzer.analyze({ text: 'Сколько стоит безлимитный тариф?', platform: 'vk_wall_comment' });
    expect(a.modelVersion).toBe(analyzer.modelVersion);
    expect(a.language).toBe('ru');
    expect(a.intent.label).toBe('sales_question');
    expect(a.sentiment.score).toBeGreaterThanOrEqual(-1);
    expect(a.sentiment.score).toBeLessThanOrEqual(1);
    expect(a.intent.confidence).toBeGreaterThan(0);
  });

  it('keeps complaints negative and praise positive', () => {
    for (const a of analyzer.analyzeBatch([
      { text: 'Третий день нет интернета, верните деньги' },
      { text: 'The courier was late and rude, never again' },
      { text: 'Спасибо огромное, всё привезли вовремя, вы лучшие!' },
    ])) {
      if (a.intent.label === 'complaint') expect(a.sentiment.label).toBe('negative');
      if (a.intent.label === 'praise') expect(a.sentiment.label).toBe('positive');
    }
  });

  it('reads sarcasm and negation', () => {
    expect(
      analyzer.analyze({ text: 'Ну спасибо, опять отключили интернет в день экзамена 👍' }).sentiment.label,
    ).toBe('negative');
    expect(analyzer.analyze({ text: 'А ведь не плохо, совсем не плохо. Спасибо' }).sentiment.label).toBe(
      'positive',
    );
  });

  it('handles empty and emoji-only posts', () => {
    expect(analyzer.analyze({ text: '' }).intent.label).toBe('other');
    expect(analyzer.analyze({ text: '👍' }).language).toBe('ru');
  });

  it('says why: the words and signals that pushed each label, strongest first', () => {
    const a = analyzer.analyze({ text: 'Сколько стоит безлимитный тариф?' });
    const words = a.why.intent.map((f) => f.feature);
    expect(
      words.some((w) => ['сколько', 'стоит', 'тариф', 'сколько стоит', 'purchase words'].includes(w)),
    ).toBe(true);
    const weights = a.why.intent.map((f) => f.weight);
    expect(weights).toEqual([...weights].sort((x, y) => y - x));
    expect(a.why.intent.length).toBeLessThanOrEqual(4);
    // translit posts are explained in the words the customer typed
    const t = analyzer.analyze({ text: 'nu spasibo, opyat zakaz ne tot' });
    expect(t.language).toBe('translit');
    const typed = ['nu', 'spasibo', 'opyat', 'zakaz', 'ne', 'tot'];
    expect([...t.why.sentiment, ...t.why.intent].some((f) => f.feature.split(' ').some((w) => typed.includes(w)))).toBe(true); // prettier-ignore
    expect(analyzer.analyze({ text: '' }).why).toEqual({
      sentiment: expect.any(Array),
      intent: expect.any(Array),
    });
  });
});

describe('neutral calibration', () => {
  const analyzer = Analyzer.load();

  it('shifts the neutral class of its own language only, and ships with the model', () => {
    expect(Analyzer.load()['model'].neutralBias).toEqual({ ru: expect.any(Number), en: expect.any(Number) });
    const ru = { text: 'Банк сегодня поменял условия по вкладам, вроде неплохо' };
    const en = { text: 'The bank changed its savings terms today, seems fine' };
    const towardsNeutral = analyzer.withNeutralBias({ ru: 8 });
    expect(towardsNeutral.analyze(ru).sentiment.label).toBe('neutral');
    // a Russian shift leaves English posts alone
    expect(towardsNeutral.analyze(en)).toEqual(analyzer.withNeutralBias({}).analyze(en));
    expect(analyzer.withNeutralBias({ ru: -8 }).analyze(ru).sentiment.label).not.toBe('neutral');
    expect(analyzer.withNeutralBias({ en: 8 }).analyze(en).sentiment.label).toBe('neutral');
    expect(analyzer.withNeutralBias({ en: -8 }).analyze(en).sentiment.label).not.toBe('neutral');
  });
});
