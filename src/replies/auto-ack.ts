/**
 * Auto-acknowledgement rules (issue 12.6), plain TypeScript: which rule applies, whether a new
 * customer message gets the one "we will answer by …" message, and its text. Tell the customer
 * how long the answer will take — and never pretend the acknowledgement is the answer.
 */
import { DateTime } from 'luxon';

export interface AutoAckRule {
  id: string;
  sourceId: string | null;
  intent: string | null;
  enabled: boolean;
  /** acknowledge messages written outside the policy calendar's working hours */
  outsideHours: boolean;
  /** acknowledge when the expected wait is at least this long (null: never for the wait) */
  waitOverMinutes: number | null;
  /** public comments too (default: direct messages only) */
  publicComments: boolean;
  templateRu: string;
  templateEn: string;
}

export const DEFAULT_TEMPLATES = {
  ru: 'Здравствуйте! Мы получили ваше сообщение. Ответим {when}.',
  en: 'Hello! We have your message and will answer {when}.',
} as const;

/** The most specific enabled rule: source + intent, source, intent, then the default (neither). */
export function ruleFor(
  rules: readonly AutoAckRule[],
  sourceId: string,
  intent: string | null,
): AutoAckRule | undefined {
  const score = (r: AutoAckRule) => (r.sourceId ? 2 : 0) + (r.intent ? 1 : 0);
  return rules
    .filter(
      (r) =>
        r.enabled &&
        (r.sourceId === null || r.sourceId === sourceId) &&
        (r.intent === null || r.intent === intent),
    )
    .sort((a, b) => score(b) - score(a))[0];
}

/** Items the platform shows only to us and the customer. */
export function isDirect(kind: string): boolean {
  return kind === 'message';
}

export type AckReason = 'outside_hours' | 'long_wait';

/**
 * Whether the message that started this clock gets an acknowledgement, and why. `working`:
 * the policy's calendar had working hours when the customer wrote; `expectedWaitMinutes`: the
 * queue's expected wait now (null: unknown).
 */
export function ackReason(
  rule: AutoAckRule | undefined,
  m: { kind: string; working: boolean; expectedWaitMinutes: number | null },
): AckReason | null {
  if (!rule?.enabled) return null;
  if (!isDirect(m.kind) && !rule.publicComments) return null;
  if (rule.outsideHours && !m.working) return 'outside_hours';
  if (
    rule.waitOverMinutes !== null &&
    m.expectedWaitMinutes !== null &&
    m.expectedWaitMinutes >= rule.waitOverMinutes
  )
    return 'long_wait';
  return null;
}

/**
 * "до 10:00 завтра" / "by 10:00 tomorrow": the deadline in the calendar's zone, said as a person
 * would (today, tomorrow, or the date).
 */
export function answerBy(dueAt: Date, now: Date, zone: string, locale: 'ru' | 'en'): string {
  const due = DateTime.fromJSDate(dueAt, { zone });
  // round up to the minute: a promise is never earlier than the deadline the team has
  const at = due.second || due.millisecond ? due.plus({ minutes: 1 }).startOf('minute') : due;
  const time = at.toFormat('HH:mm');
  const days = at.startOf('day').diff(DateTime.fromJSDate(now, { zone }).startOf('day'), 'days').days;
  if (locale === 'ru') {
    if (days <= 0) return `до ${time} сегодня`;
    if (days === 1) return `до ${time} завтра`;
    return `до ${time} ${at.setLocale('ru').toFormat('d MMMM')}`;
  }
  if (days <= 0) return `by ${time} today`;
  if (days === 1) return `by ${time} tomorrow`;
  return `by ${time} on ${at.setLocale('en-GB').toFormat('d MMMM')}`;
}

/** The message: the rule's template in the customer's language with {when} filled in. */
export function ackText(
  rule: AutoAckRule,
  language: string | null,
  when: { ru: string; en: string },
): string {
  const en = language === 'en';
  const template = en ? rule.templateEn : rule.templateRu;
  return template.replace(/\{\s*when\s*\}/g, en ? when.en : when.ru);
}
