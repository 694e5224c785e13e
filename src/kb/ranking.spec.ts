import { bestExcerpt, Bm25Index, conversationQuery, kbTerms, searchQuery } from './ranking';

const docs = [
  {
    id: 'wifi',
    title: 'Пароль Wi-Fi',
    body: 'Смените пароль беспроводной сети в настройках роутера.',
    tags: ['wifi'],
    locale: 'ru',
  },
  {
    id: 'pay',
    title: 'Оплата',
    body: 'Оплатить интернет можно картой. Деньги зачисляются сразу.',
    tags: ['оплата'],
    locale: 'ru',
  },
  {
    id: 'pay-en',
    title: 'Payment',
    body: 'Pay by card; money arrives at once.',
    tags: ['payment'],
    locale: 'en',
  },
  {
    id: 'tv',
    title: 'Каналы',
    body: 'Пакеты каналов: кино, спорт. Оплата пакетов картой.',
    tags: ['телевидение'],
    locale: 'ru',
  },
];

describe('kbTerms', () => {
  it('stems, drops greetings and function words, reads translit and joins wi-fi', () => {
    expect(kbTerms('Здравствуйте! Подскажите, пожалуйста, как оплатить интернет?')).toEqual(
      kbTerms('оплатить интернет'),
    );
    expect(kbTerms('kak oplatit internet, ne rabotaet')).toEqual(
      kbTerms('как оплатить интернет, не работает'),
    );
    expect(kbTerms('пароль от вай фай')).toEqual(kbTerms('пароль wi-fi'));
    expect(kbTerms('инет не работает')).toEqual(kbTerms('интернет работает'));
  });
});

describe('Bm25Index', () => {
  const index = new Bm25Index(docs);

  it('ranks the article that shares the rarer words first and leaves out unrelated ones', () => {
    const r = index.rank(searchQuery('как поменять пароль вайфая'), 5);
    expect(r[0].id).toBe('wifi');
    expect(r.map((x) => x.id)).not.toContain('tv');
  });

  it('weighs a title or tag match above a body mention of the same word', () => {
    // "оплата" is the title of pay and only in the body of tv
    const r = index.rank(searchQuery('оплата'), 5).map((x) => x.id);
    expect(r.indexOf('pay')).toBeLessThan(r.indexOf('tv'));
  });

  it('a rarer word counts more than a common one (idf)', () => {
    expect(index.idf(kbTerms('спорт')[0])).toBeGreaterThan(index.idf(kbTerms('картой')[0]));
  });

  it('prefers the customer language when scores are otherwise equal', () => {
    const mixed = new Bm25Index([
      { id: 'a-en', title: 'wifi', body: '', tags: [], locale: 'en' },
      { id: 'b-ru', title: 'wifi', body: '', tags: [], locale: 'ru' },
    ]);
    expect(mixed.rank(searchQuery('wifi'), 2, 'ru')[0].id).toBe('b-ru');
    expect(mixed.rank(searchQuery('wifi'), 2, 'en')[0].id).toBe('a-en');
  });
});

describe('conversationQuery', () => {
  it('weighs the newest message most; a term takes its highest weight', () => {
    const q = conversationQuery(['каналы спорт', 'хочу оплатить картой', 'пароль']);
    expect(q.get(kbTerms('пароль')[0])).toBe(1);
    expect(q.get(kbTerms('картой')[0])).toBe(0.5);
    expect(q.get(kbTerms('спорт')[0])).toBe(0.25);
    expect(conversationQuery(['a1 спорт', 'b', 'c', 'd']).has(kbTerms('спорт')[0])).toBe(false);
  });
});

describe('bestExcerpt', () => {
  const body = 'Первый абзац про тарифы.\n\nВторой абзац: как сменить пароль Wi-Fi в роутере.';
  it('takes the paragraph that matches the query, else the first', () => {
    expect(bestExcerpt(body, searchQuery('пароль вайфай'))).toMatch(/^Второй абзац/);
    expect(bestExcerpt(body, searchQuery('погода'))).toBe('Первый абзац про тарифы.');
  });
  it('cuts a long paragraph at a sentence end', () => {
    const long = `${'Слово. '.repeat(100)}`;
    const e = bestExcerpt(long, searchQuery('слово'), 100);
    expect(e.length).toBeLessThanOrEqual(100);
    expect(e.endsWith('.')).toBe(true);
  });
});
