/**
 * The words of alert messages in the team's language (ru default, en). Plain TypeScript.
 */
import type { Language } from '../alert.types';

const plural = new Intl.PluralRules('ru');

/** Russian: 1 обращение, 2 обращения, 5 обращений. */
export function ruPlural(n: number, one: string, few: string, many: string): string {
  const form = plural.select(Math.round(n));
  return form === 'one' ? one : form === 'few' ? few : many;
}

export function count(lang: Language, n: number, ru: [string, string, string], en: [string, string]): string {
  return `${formatNumber(lang, n)} ${lang === 'ru' ? ruPlural(n, ...ru) : n === 1 ? en[0] : en[1]}`;
}

export function formatNumber(lang: Language, n: number, digits = 0): string {
  return new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-US', { maximumFractionDigits: digits }).format(
    n,
  );
}

export function percent(lang: Language, share: number): string {
  return new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-US', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(share);
}

export function duration(lang: Language, minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return count(lang, m, ['минута', 'минуты', 'минут'], ['minute', 'minutes']);
  const h = Math.floor(m / 60);
  const rest = m % 60;
  const hours = count(lang, h, ['час', 'часа', 'часов'], ['hour', 'hours']);
  return rest ? `${hours} ${count(lang, rest, ['минута', 'минуты', 'минут'], ['minute', 'minutes'])}` : hours;
}

export function time(lang: Language, at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    day: 'numeric',
    month: 'short',
  }).format(at);
}

const WORDS = {
  ru: {
    spike: 'Всплеск негатива',
    spikeClear: 'Отбой: негатив вернулся к обычному',
    term: 'Растёт жалоба',
    termClear: 'Отбой: жалоба больше не растёт',
    tag: 'Растёт тег',
    tagClear: 'Отбой: тег больше не растёт',
    tagged: 'Обращений с тегом',
    highReach: 'Негатив с большим охватом',
    sla: 'SLA: сроки ответа',
    escalation: 'Эскалация: просрочено и без ответа',
    needsAttention: 'Источник требует внимания',
    silent: 'Источник молчит',
    sourceClear: 'Источник снова в порядке',
    overall: 'все источники',
    negatives: 'Негативных',
    usual: 'обычно',
    share: 'Доля негатива',
    window: 'Окно',
    where: 'Где',
    breakdown: 'По источникам',
    wider: 'Шире',
    mentions: 'Упоминаний',
    people: 'Авторов',
    related: 'Вместе с ним',
    comments: 'Комментарии',
    reactions: 'Реакции',
    reposts: 'Репосты',
    views: 'Просмотры',
    breached: 'Просрочено',
    dueSoon: 'Скоро истекает',
    unanswered: 'Без ответа после просрочки',
    reason: 'Причина',
    silentFor: 'Нет сообщений и успешных запросов',
    lasted: 'Длилось',
    now: 'Сейчас',
    samples: 'Примеры',
    open: 'Открыть в Отклике',
    openOn: 'открыть',
    rule: 'правило',
    test: 'Проверка связи: Отклик будет присылать сюда оповещения',
    testText: 'Это тестовое сообщение. Так будет выглядеть оповещение о всплеске негатива.',
    baselineNote: {
      weekly: 'по тем же часам прошлых недель и таких же дней (будни или выходные)',
      daily: 'по тем же часам прошлых дней',
      recent: 'по последним часам',
    },
  },
  en: {
    spike: 'Negative spike',
    spikeClear: 'All clear: negativity back to usual',
    term: 'Complaint on the rise',
    termClear: 'All clear: the complaint has stopped rising',
    tag: 'Tag on the rise',
    tagClear: 'All clear: the tag has stopped rising',
    tagged: 'Conversations tagged',
    highReach: 'High-reach negative post',
    sla: 'SLA: response deadlines',
    escalation: 'Escalation: breached and still unanswered',
    needsAttention: 'A source needs attention',
    silent: 'A source has gone silent',
    sourceClear: 'The source is fine again',
    overall: 'all sources',
    negatives: 'Negative',
    usual: 'usually',
    share: 'Negative share',
    window: 'Window',
    where: 'Where',
    breakdown: 'By source',
    wider: 'Around it',
    mentions: 'Mentions',
    people: 'Authors',
    related: 'Along with',
    comments: 'Comments',
    reactions: 'Reactions',
    reposts: 'Reposts',
    views: 'Views',
    breached: 'Breached',
    dueSoon: 'Due soon',
    unanswered: 'Still unanswered after the breach',
    reason: 'Reason',
    silentFor: 'No items and no successful calls for',
    lasted: 'Lasted',
    now: 'Now',
    samples: 'Examples',
    open: 'Open in Otklik',
    openOn: 'open',
    rule: 'rule',
    test: 'Connection check: Otklik will post alerts here',
    testText: 'This is a test message. A negative-spike alert will look like this.',
    baselineNote: {
      weekly: 'same hours of past weeks and of last week’s days of the same kind',
      daily: 'same hours on past days',
      recent: 'the last few hours',
    },
  },
} as const;

export type Words = (typeof WORDS)['en'];

export function words(lang: Language): Words {
  return WORDS[lang] as Words;
}
