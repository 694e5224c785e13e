/**
 * Builds src/analysis/data/train.jsonl: the hand-written seed posts (data/seed/*.txt), template ×
 * slot posts over many fictional industries, and Latin-typed copies of some Russian posts.
 * Run: npx ts-node --transpile-only src/analysis/data/generate.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IntentLabel, Language, LabeledPost, SentimentLabel } from '../analysis.types';
import { mulberry32 } from '../model/logreg';
import { cyrillicToLatin } from '../text/translit';
import { INDUSTRIES, type Industry } from './industries';

const rand = mulberry32(20241126);
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];
const chance = (p: number): boolean => rand() < p;
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const PLATFORMS = ['vk_wall_comment', 'vk_wall_comment', 'vk_wall_comment', 'vk_message', 'telegram_group', 'telegram_dm', 'telegram_channel_comment', 'telegram_channel_comment']; // prettier-ignore
const INTENT: Record<string, IntentLabel> = { c: 'complaint', s: 'sales_question', u: 'support_question', p: 'praise', x: 'spam', o: 'other' }; // prettier-ignore
const SENT: Record<string, SentimentLabel> = { '-': 'negative', '0': 'neutral', '+': 'positive' };

const rows: LabeledPost[] = [];
function add(lang: Language, intent: IntentLabel, sentiment: SentimentLabel, text: string, notes = ''): void {
  const needs = intent !== 'spam' && intent !== 'other';
  rows.push({
    id: '', platform: pick(PLATFORMS), lang, text, sentiment, intent, needs_response: needs,
    deadline_minutes: intent === 'sales_question' ? 60 : needs ? 180 : null, notes,
  }); // prettier-ignore
}

// 1. hand-written seeds
const seedDir = path.join(__dirname, 'seed');
for (const [file, lang] of [
  ['ru.txt', 'ru'],
  ['en.txt', 'en'],
  ['mixed.txt', 'mixed'],
  ['translit.txt', 'translit'],
] as const) {
  for (const line of fs.readFileSync(path.join(seedDir, file), 'utf8').split('\n')) {
    const m = /^([csupxo])([-0+]) (.+)$/.exec(line.trim());
    if (m) add(lang, INTENT[m[1]], SENT[m[2]], m[3], 'seed');
  }
}

// 2. templates
const greet = ['', '', 'Здравствуйте! ', 'Добрый день. ', 'Привет. ', 'Добрый вечер, '];
const greetEn = ['', '', 'Hi, ', 'Hello! ', 'Good afternoon. ', 'Hey, '];
const dur = ['уже третий день', 'вторую неделю', 'с понедельника', 'уже месяц', 'который раз', 'опять'];
const durEn = [
  'for three days now',
  'for two weeks',
  'since Monday',
  'again',
  'for the third time this month',
];
const demand = [
  'Разберитесь, пожалуйста.',
  'Верните деньги.',
  'Когда это исправят?',
  'Сколько можно?',
  'Жду ответа.',
  'Это нормально вообще?',
  'Очень неприятно.',
  '',
];
const demandEn = [
  'Please sort this out.',
  'I want a refund.',
  'When will this be fixed?',
  'Unacceptable.',
  'Very disappointing.',
  '',
];
const sarcRu = [
  'Ну спасибо,',
  'Прекрасно:',
  'Отличный сервис:',
  'Какая забота:',
  'Браво,',
  'Ну супер,',
  'Молодцы, конечно:',
];
const sarcEn = ['Oh great,', 'Wonderful:', 'Thanks a lot,', 'Amazing service:', 'Love it,', 'Brilliant,'];
const ironic = ['👍', '🙂', '👏', '😊', '🙃', ''];
const thanks = [
  'Спасибо!',
  'Спасибо большое!',
  'Так держать!',
  'Рекомендую.',
  'Вы молодцы!',
  'Благодарю!',
  '❤️',
  'Респект.',
];
const thanksEn = [
  'Thank you!',
  'Thanks so much!',
  'Keep it up!',
  'Highly recommend.',
  'You guys rock!',
  '🙌',
];
const nudge = [
  'Третий раз спрашиваю:',
  'Ответьте уже:',
  'Вчера писал, повторю:',
  'Ау, поддержка!',
  'Сколько ждать ответа?',
];
const nudgeEn = ['Asking again:', 'Still no answer:', 'Third time asking:', 'Hello??'];

function complaintRu(ind: Industry): string {
  const b = pick(ind.brands);
  const pr = pick(ind.problems);
  const r = rand();
  if (r < 0.3) return `${pick(greet)}${cap(pr)} ${pick(dur)}. ${pick(demand)}`.trim();
  if (r < 0.5) return `${b}, ${pr}. ${pick(demand)}`.trim();
  if (r < 0.65) return `${pick(sarcRu)} ${pr}. ${pick(ironic)}`.trim();
  if (r < 0.75) return `Спасибо, ${b}, ${pr}. Очень "вовремя" ${pick(ironic)}`.trim();
  if (r < 0.85)
    return `${cap(pr)}. ${pick(['Больше к вам ни ногой.', 'Разочарована.', 'Позор.', 'Не рекомендую.', 'Бесит уже.'])}`;
  return `Почему ${pr}? ${pick(demand)}`.trim();
}
function complaintEn(ind: Industry): string {
  const pr = pick(ind.problemsEn);
  const r = rand();
  if (r < 0.35) return `${pick(greetEn)}${pr} ${pick(durEn)}. ${pick(demandEn)}`.trim();
  if (r < 0.55) return `${pick(sarcEn)} ${pr}. ${pick(ironic)}`.trim();
  if (r < 0.75) return `${cap(pr)}. ${pick(demandEn)}`.trim();
  return `Why is it that ${pr}? ${pick(demandEn)}`.trim();
}
function salesRu(ind: Industry): [string, SentimentLabel] {
  const s = pick(ind.sales);
  const r = rand();
  if (r < 0.4) return [`${pick(greet)}${cap(s)}?`, 'neutral'];
  if (r < 0.6) return [s, 'neutral']; // no question mark
  if (r < 0.7)
    return [
      `${pick(['Давно ваш клиент, всё нравится.', 'Вы лучшие!', 'Друзья очень хвалят.'])} ${cap(s)}?`,
      'positive',
    ];
  if (r < 0.85)
    return [`Хочу ${pick(ind.buy)}, но ${pick(['сайт выдаёт ошибку при оплате', 'никто не перезванивает уже неделю', 'в приложении кнопка не работает', 'в офисе сказали прийти завтра, и так три раза'])}. ${pick(['Как купить?', 'Как оформить по-другому?', 'Вы вообще продаёте?', 'Подскажите, как быть?'])}`, 'negative']; // prettier-ignore
  return [
    `${cap(s)}? ${pick(['Хочу заказать.', 'Выбираю между вами и конкурентами.', 'Нужно к выходным.', 'Для мамы.'])}`,
    'neutral',
  ];
}
function salesEn(ind: Industry): [string, SentimentLabel] {
  const s = pick(ind.salesEn);
  const r = rand();
  if (r < 0.45) return [`${pick(greetEn)}${s}?`, 'neutral'];
  if (r < 0.65) return [s, 'neutral'];
  if (r < 0.75) return [`${pick(['Big fan here.', 'Love your service.'])} ${cap(s)}?`, 'positive'];
  return [`I want to ${pick(ind.buyEn)} but ${pick(['checkout keeps failing', 'nobody calls me back', 'the payment page shows an error'])}. ${pick(['How can I pay?', 'Is there another way?', 'Do you even want customers?'])}`, 'negative']; // prettier-ignore
}
function supportRu(ind: Industry): [string, SentimentLabel] {
  const h = pick(ind.howto);
  const r = rand();
  if (r < 0.45)
    return [`${pick(greet)}${pick(['Подскажите, ', '', 'Скажите, пожалуйста, '])}${h}?`, 'neutral'];
  if (r < 0.7) return [h, 'neutral'];
  if (r < 0.85) return [`${pick(nudge)} ${h}?`, 'negative'];
  return [`${pick(['Всё отлично, спасибо!', 'Пользуюсь давно, всё нравится.'])} ${cap(h)}?`, 'positive'];
}
function supportEn(ind: Industry): [string, SentimentLabel] {
  const h = pick(ind.howtoEn);
  const r = rand();
  if (r < 0.5) return [`${pick(greetEn)}${h}?`, 'neutral'];
  if (r < 0.75) return [h, 'neutral'];
  if (r < 0.9) return [`${pick(nudgeEn)} ${h}?`, 'negative'];
  return [`Love the service! Quick one: ${h}?`, 'positive'];
}
function praiseRu(ind: Industry): string {
  const p = pick(ind.praise);
  const r = rand();
  if (r < 0.4) return `${cap(p)}. ${pick(thanks)}`;
  if (r < 0.6) return `${pick(ind.brands)}, ${p}. ${pick(thanks)}`;
  if (r < 0.75)
    return `${pick(['Не ожидал, но', 'Честно, думала будет хуже, а тут', 'Я обычно ругаюсь, но сегодня:', 'Вот не думал, что скажу, но'])} ${p}. ${pick(thanks)}`;
  return `${pick(['Хочу поблагодарить:', 'Отдельное спасибо —', 'Отзыв:'])} ${p}`;
}
function praiseEn(ind: Industry): string {
  const p = pick(ind.praiseEn);
  const r = rand();
  if (r < 0.5) return `${cap(p)}. ${pick(thanksEn)}`;
  if (r < 0.75)
    return `${pick(["Didn't expect it, but", 'Honestly,', 'Not gonna lie,'])} ${p}. ${pick(thanksEn)}`;
  return `Just wanted to say ${p}. ${pick(thanksEn)}`;
}

for (let k = 0; k < 260; k++) add('ru', 'complaint', 'negative', complaintRu(pick(INDUSTRIES)), 'template');
for (let k = 0; k < 110; k++) add('en', 'complaint', 'negative', complaintEn(pick(INDUSTRIES)), 'template');
for (let k = 0; k < 190; k++) add('ru', 'sales_question', ...swap(salesRu(pick(INDUSTRIES))));
for (let k = 0; k < 80; k++) add('en', 'sales_question', ...swap(salesEn(pick(INDUSTRIES))));
for (let k = 0; k < 140; k++) add('ru', 'support_question', ...swap(supportRu(pick(INDUSTRIES))));
for (let k = 0; k < 60; k++) add('en', 'support_question', ...swap(supportEn(pick(INDUSTRIES))));
for (let k = 0; k < 130; k++) add('ru', 'praise', 'positive', praiseRu(pick(INDUSTRIES)), 'template');
for (let k = 0; k < 50; k++) add('en', 'praise', 'positive', praiseEn(pick(INDUSTRIES)), 'template');
function swap([text, s]: [string, SentimentLabel]): [SentimentLabel, string, string] {
  return [s, text, 'template'];
}

// spam and chatter: generic templates with slots
const spamRu = [
  () =>
    `${pick(['Заработок', 'Доход', 'Подработка'])} от ${pick(['3000', '5000', '10 000'])} в день, ${pick(['пиши в лс', 'ссылка в профиле', 'подробности в био', 'пиши "+" в комментарии'])}`,
  () =>
    `Продам ${pick(['абонемент', 'сертификат', 'билеты', 'подписку', 'купон'])} ${pick(['недорого', 'со скидкой 30%', 'дешевле номинала'])}, пишите в личку`,
  () =>
    `${pick(['🎁', '🔥', '‼️'])} ${pick(INDUSTRIES).brands[0]} ${pick(['дарит', 'раздаёт'])} ${pick(['5000 бонусов', 'подарочные карты', 'iPhone'])} всем подписчикам! Забирай: ${pick(['bonus-gift', 'promo-win', 'secure-login'])}(.)ru`,
  () =>
    `Ваш аккаунт будет заблокирован. Подтвердите данные по ссылке ${pick(['verify-acc', 'safe-bank', 'login-check'])}(.)com`,
  () =>
    `${pick(['Ремонт', 'Натяжные потолки', 'Окна ПВХ', 'Юридическая помощь', 'Бухгалтерские услуги'])} ${pick(['под ключ', 'недорого', 'со скидкой'])}, ${pick(['звоните', 'пишите в лс', 'консультация бесплатно'])}`,
  () =>
    `Подписывайтесь на мой канал про ${pick(['рыбалку', 'путешествия', 'крипту', 'котиков', 'ремонт'])} 🙏`,
  () =>
    `${pick(['Потерялась собака', 'Пропал кот', 'Нашли ключи'])}, район ${pick(['Центральный', 'Ленинский', 'Кировский'])}, просьба репост`,
  () =>
    `Переходите в "${pick(['ВкусноРай', 'СетьПро', 'БыстроМаркет'])}", там ${pick(['дешевле', 'быстрее', 'нормально работает'])}. Промокод ${pick(['START10', 'NEW15', 'GO20'])}`,
  () =>
    `Требуются ${pick(['курьеры', 'операторы', 'менеджеры'])}, удалёнка, оплата ${pick(['ежедневно', 'каждую неделю'])}, пишите @${pick(['job_now', 'hr_fast', 'work24'])}`,
];
const spamEn = [
  () =>
    `${pick(['Earn', 'Make'])} $${pick(['300', '500', '1000'])} a day ${pick(['from home', 'with crypto', 'with my bot'])}, ${pick(['link in bio', 'DM me', 'comment INFO'])}`,
  () => `Your account will be suspended. Verify now at ${pick(['secure-verify', 'account-check'])}(.)com`,
  () =>
    `Selling ${pick(['my membership', 'two tickets', 'a gift card'])}, ${pick(['cheap', 'below face value'])}, DM`,
  () =>
    `${pick(['Our studio builds', 'We make', 'Agency here, we create'])} ${pick(['landing pages', 'mobile apps', 'ad campaigns'])} for ${pick(['small shops', 'cafes', 'startups'])}. ${pick(['Cases on request', 'First call is free', 'DM for prices'])}`,
  () =>
    `Follow my ${pick(['YouTube', 'page', 'channel'])} for ${pick(['daily tips', 'giveaways', 'memes'])} 🙏`,
];
const otherRu = [
  () =>
    `@${pick(['anya', 'dima_k', 'oleg77', 'sveta'])} ${pick(['смотри', 'глянь, про тебя', 'вот, держи', 'ты это видела?'])}`,
  () => pick(['👍', '😂', '🔥🔥', '❤️', '👏👏', '+', 'ок', 'ясно', 'хаха', '👀', 'класс', 'ого']),
  () =>
    `${pick(['Всем', 'Ребята,'])} ${pick(['хороших выходных', 'доброе утро', 'с праздником', 'спокойной ночи'])} ${pick(['☀️', '🎉', '🌙', ''])}`.trim(),
  () =>
    `${pick(['Уважаемые клиенты!', 'Друзья!', 'Напоминаем:'])} ${pick(['с 1 числа меняется график работы', 'в субботу проводим технические работы с 2 до 5 ночи', 'открываем новый офис на Садовой', 'стартовала новая акция, подробности в закрепе'])}.`,
  () =>
    `${pick(['Кто', 'Ребят, кто'])} ${pick(['идёт на матч', 'смотрел новый сериал', 'был на концерте', 'едет на дачу'])} ${pick(['в субботу?', 'вчера?', 'на выходных?'])}`,
  () =>
    `@${pick(['max', 'lena_v', 'kirill'])} ${pick(['у меня тоже так было, перезагрузи', 'там в настройках есть', 'подожди пару дней, всё придёт'])}`,
  () =>
    pick([
      'Вопрос снят, разобралась',
      'Уже не актуально',
      'Всё, нашёл сам',
      'Участвую!',
      'Я в деле 🍀',
      'Хочу выиграть!',
      'Интересно, сколько лайков будет',
    ]),
];
const otherEn = [
  () => `@${pick(['tom', 'kate_s', 'alex'])} ${pick(['look at this', 'told you', 'this is you lol'])}`,
  () => pick(['lol', 'nice', 'ok', 'haha', '😂', 'noted', 'same', 'first!']),
  () =>
    `${pick(['Dear customers,', 'Attention:', 'Good news!'])} ${pick(['our office will be closed on Monday', 'maintenance is scheduled for Sunday night', 'a new branch opens downtown this week'])}.`,
  () =>
    `${pick(['Anyone', 'Who else is'])} ${pick(['going to the game tonight?', 'watching the finale?', 'here from the old group?'])}`,
];
for (let k = 0; k < 70; k++) add('ru', 'spam', 'neutral', pick(spamRu)(), 'template');
for (let k = 0; k < 30; k++) add('en', 'spam', 'neutral', pick(spamEn)(), 'template');
for (let k = 0; k < 90; k++) add('ru', 'other', 'neutral', pick(otherRu)(), 'template');
for (let k = 0; k < 35; k++) add('en', 'other', 'neutral', pick(otherEn)(), 'template');

// 3. Latin-typed copies of some Russian posts, in several informal schemes
const ru = rows.filter((r) => r.lang === 'ru' && /[а-я]/i.test(r.text));
for (const r of ru) {
  if (!chance(0.16)) continue;
  const t = cyrillicToLatin(chance(0.6) ? r.text.toLowerCase() : r.text, Math.floor(rand() * 3));
  add('translit', r.intent!, r.sentiment!, t, 'translit copy');
}
// 4. mixed: swap a Russian word for the English one people type
const SWAP: Array<[RegExp, string]> = [
  [/приложени[ея]/, 'app'], [/заказ\b/, 'order'], [/доставк[ау]/, 'delivery'], [/возврат/, 'refund'], [/оплат[ау]/, 'payment'],
  [/поддержк[аи]/, 'support'], [/скидк[аиу]/, 'discount'], [/тариф/, 'plan'], [/пароль/, 'password'], [/обновлени[ея]/, 'update'],
]; // prettier-ignore
for (const r of ru) {
  if (!chance(0.25)) continue;
  for (const [re, en] of SWAP) {
    if (re.test(r.text)) {
      add('mixed', r.intent!, r.sentiment!, r.text.replace(re, en), 'mixed copy');
      break;
    }
  }
}

const seen = new Set<string>();
const out = rows.filter((r) => (seen.has(r.text) ? false : (seen.add(r.text), true)));
out.forEach((r, i) => (r.id = `t-${String(i + 1).padStart(5, '0')}`));
fs.writeFileSync(path.join(__dirname, 'train.jsonl'), out.map((r) => JSON.stringify(r)).join('\n') + '\n');
const count = (k: keyof LabeledPost): Record<string, number> =>
  out.reduce<Record<string, number>>((a, r) => ((a[String(r[k])] = (a[String(r[k])] ?? 0) + 1), a), {});
console.log(
  JSON.stringify({
    rows: out.length,
    lang: count('lang'),
    intent: count('intent'),
    sentiment: count('sentiment'),
  }),
);
