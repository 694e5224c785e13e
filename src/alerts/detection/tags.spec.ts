import { MemoryEpisodeBook } from './episodes';
import { DEFAULT_TAG_PARAMS, readTagSurges, Tagging } from './tags';
import { planTerms } from './terms';

const tagged = (tagId: string, tag: string, n: number, from = 0, prefix = 'c'): Tagging[] =>
  Array.from({ length: n }, (_, i) => ({
    tagId,
    tag,
    conversation: `${prefix}${from + i}`,
    customer: `${prefix}-customer-${from + i}`,
  }));
/** An ordinary hour: «Доставка» on about ten conversations, «Оплата» on one or two. */
const ordinary = (k: number): Tagging[] => [
  ...tagged('t-delivery', 'Доставка', 9 + (k % 3), 0, `h${k}-`),
  ...tagged('t-payment', 'Оплата', 1 + (k % 2), 50, `h${k}-`),
];
const refs = [ordinary(1), ordinary(2), ordinary(3), ordinary(4)];
const now = new Date('2030-01-09T12:00:00Z');
const timing = {
  cooldownMinutes: 60,
  windowMinutes: 60,
  maxAlertsPerRun: DEFAULT_TAG_PARAMS.maxAlertsPerRun,
};

describe('tag surge', () => {
  it('a tag put on many more conversations than usual alerts once; a busy usual tag does not', () => {
    const current = [...tagged('t-delivery', 'Доставка', 12), ...tagged('t-payment', 'Оплата', 11, 100)];
    const readings = readTagSurges(current, refs, DEFAULT_TAG_PARAMS, false);
    const book = new MemoryEpisodeBook();
    const plan = planTerms(readings, book, now, timing);
    expect(plan.fire.map((r) => [r.scope, r.label, r.count, r.authors])).toEqual([
      ['tag:t-payment', 'Оплата', 11, 11],
    ]);
    expect(readings.find((r) => r.key === 't-delivery')!.signal).toBe('calm');
    // the next minute: already open, not a second alert
    book.apply('tag:t-payment', 'fire', now);
    expect(planTerms(readings, book, new Date(now.getTime() + 60_000), timing).fire).toEqual([]);
  });

  it('needs several customers: one person tagged in eleven conversations is no surge', () => {
    const current = tagged('t-payment', 'Оплата', 11).map((t) => ({ ...t, customer: 'same' }));
    const [r] = readTagSurges(current, refs, DEFAULT_TAG_PARAMS, false);
    expect(r.signal).not.toBe('active');
  });

  it('only the listed tags when the rule names some', () => {
    const current = tagged('t-payment', 'Оплата', 11);
    expect(readTagSurges(current, refs, { ...DEFAULT_TAG_PARAMS, tags: ['t-delivery'] }, false)).toEqual([]);
  });

  it('two tags on the same conversations are one story, told in one message', () => {
    const current = [...tagged('t-payment', 'Оплата', 11), ...tagged('t-refund', 'Возврат', 10)];
    const plan = planTerms(
      readTagSurges(current, refs, DEFAULT_TAG_PARAMS, false),
      new MemoryEpisodeBook(),
      now,
      timing,
    );
    expect(plan.fire).toHaveLength(1);
    expect([plan.fire[0].label, ...plan.fire[0].related].sort()).toEqual(['Возврат', 'Оплата']);
  });
});
