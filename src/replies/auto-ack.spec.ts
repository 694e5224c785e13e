import { ackReason, ackText, answerBy, AutoAckRule, DEFAULT_TEMPLATES, ruleFor } from './auto-ack';

const rule = (o: Partial<AutoAckRule> = {}): AutoAckRule => ({
  id: 'r',
  sourceId: null,
  intent: null,
  enabled: true,
  outsideHours: true,
  waitOverMinutes: null,
  publicComments: false,
  templateRu: DEFAULT_TEMPLATES.ru,
  templateEn: DEFAULT_TEMPLATES.en,
  ...o,
});

describe('ruleFor', () => {
  const rules = [
    rule({ id: 'default' }),
    rule({ id: 'intent', intent: 'complaint' }),
    rule({ id: 'source', sourceId: 's1' }),
    rule({ id: 'both', sourceId: 's1', intent: 'complaint' }),
    rule({ id: 'off', sourceId: 's2', enabled: false }),
  ];
  it('takes the most specific enabled rule', () => {
    expect(ruleFor(rules, 's1', 'complaint')?.id).toBe('both');
    expect(ruleFor(rules, 's1', 'praise')?.id).toBe('source');
    expect(ruleFor(rules, 's9', 'complaint')?.id).toBe('intent');
    expect(ruleFor(rules, 's2', null)?.id).toBe('default'); // the disabled one is skipped
    expect(ruleFor([], 's1', null)).toBeUndefined();
  });
});

describe('ackReason', () => {
  it('acknowledges a direct message outside working hours', () => {
    expect(ackReason(rule(), { kind: 'message', working: false, expectedWaitMinutes: null })).toBe(
      'outside_hours',
    );
    expect(ackReason(rule(), { kind: 'message', working: true, expectedWaitMinutes: null })).toBeNull();
    expect(
      ackReason(rule({ outsideHours: false }), {
        kind: 'message',
        working: false,
        expectedWaitMinutes: null,
      }),
    ).toBeNull();
  });
  it('acknowledges when the expected wait reaches the rule’s threshold', () => {
    const r = rule({ waitOverMinutes: 30 });
    expect(ackReason(r, { kind: 'message', working: true, expectedWaitMinutes: 45 })).toBe('long_wait');
    expect(ackReason(r, { kind: 'message', working: true, expectedWaitMinutes: 29 })).toBeNull();
    expect(ackReason(r, { kind: 'message', working: true, expectedWaitMinutes: null })).toBeNull();
  });
  it('never on public comments unless the rule enables them; never without a rule', () => {
    expect(ackReason(rule(), { kind: 'comment', working: false, expectedWaitMinutes: null })).toBeNull();
    expect(
      ackReason(rule({ publicComments: true }), {
        kind: 'comment',
        working: false,
        expectedWaitMinutes: null,
      }),
    ).toBe('outside_hours');
    expect(ackReason(undefined, { kind: 'message', working: false, expectedWaitMinutes: 999 })).toBeNull();
  });
});

describe('answerBy', () => {
  const zone = 'Europe/Moscow';
  const now = new Date('2026-12-03T20:30:00Z'); // 23:30 Thursday in Moscow
  it('says today, tomorrow or the date, in the calendar’s zone', () => {
    expect(answerBy(new Date('2026-12-03T20:45:00Z'), now, zone, 'ru')).toBe('до 23:45 сегодня');
    expect(answerBy(new Date('2026-12-04T07:00:00Z'), now, zone, 'ru')).toBe('до 10:00 завтра');
    expect(answerBy(new Date('2026-12-04T07:00:00Z'), now, zone, 'en')).toBe('by 10:00 tomorrow');
    expect(answerBy(new Date('2026-12-07T07:00:00Z'), now, zone, 'ru')).toBe('до 10:00 7 декабря');
    expect(answerBy(new Date('2026-12-07T07:00:00Z'), now, zone, 'en')).toBe('by 10:00 on 7 December');
  });
  it('rounds up to the minute, never promising earlier than the deadline', () => {
    expect(answerBy(new Date('2026-12-04T07:00:20Z'), now, zone, 'ru')).toBe('до 10:01 завтра');
  });
});

describe('ackText', () => {
  it('fills the template in the customer’s language', () => {
    const when = { ru: 'до 10:00 завтра', en: 'by 10:00 tomorrow' };
    expect(ackText(rule(), 'ru', when)).toBe(
      'Здравствуйте! Мы получили ваше сообщение. Ответим до 10:00 завтра.',
    );
    expect(ackText(rule(), 'en', when)).toBe(
      'Hello! We have your message and will answer by 10:00 tomorrow.',
    );
    expect(ackText(rule(), null, when)).toMatch(/^Здравствуйте/);
  });
});
