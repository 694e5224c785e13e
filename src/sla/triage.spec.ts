import { calendarSpecProblems } from './calendar';
import { categoryOf, priorityOf, triage } from './triage';
import { msk, officeHours } from './scenarios/fixtures';

describe('triage', () => {
  it('ranks a lost sale first, then anger, and spam nowhere', () => {
    const p = (label: any, sentiment?: any) => priorityOf({ intent: { label }, sentiment });
    const angrySales = p('sales_question', { label: 'negative', score: -0.8 });
    const calmSales = p('sales_question', { label: 'neutral', score: 0 });
    const angryComplaint = p('complaint', { label: 'negative', score: -0.9 });
    const calmSupport = p('support_question', { label: 'neutral', score: 0 });
    const angrySupport = p('support_question', { label: 'negative', score: -0.5 });
    expect(angrySales).toBeGreaterThan(calmSales);
    expect(calmSales).toBeGreaterThan(calmSupport);
    expect(angryComplaint).toBeGreaterThan(calmSupport);
    expect(angrySupport).toBeGreaterThan(calmSupport);
    expect(p('praise', { label: 'positive', score: 0.9 })).toBeLessThan(calmSupport);
    expect(p('spam', { label: 'negative', score: -1 })).toBe(0);
    expect(angrySales).toBeLessThanOrEqual(100);
  });

  it('categories follow the intent', () => {
    expect(categoryOf('sales_question')).toBe('sales');
    expect(categoryOf('other')).toBe('chatter');
  });

  it('triage returns everything ingest stores', () => {
    const r = triage(
      { intent: { label: 'complaint', confidence: 0.9 }, sentiment: { label: 'negative', score: -0.6 } },
      { createdAt: msk('2025-03-11 10:00'), sourceId: null },
    );
    expect(r).toEqual({
      needsResponse: true,
      deadlineClass: 'standard',
      policyIntent: 'complaint',
      category: 'complaint',
      priority: expect.any(Number),
      deadlineAt: msk('2025-03-11 13:00'),
      slaPolicyId: null,
    });
    const spam = triage({ intent: { label: 'spam' } }, { createdAt: msk('2025-03-11 10:00') });
    expect(spam).toMatchObject({ needsResponse: false, deadlineAt: null, priority: 0 });
  });

  it('rejects calendars an admin got wrong, in words', () => {
    expect(calendarSpecProblems(officeHours())).toEqual([]);
    const bad = calendarSpecProblems({
      timeZone: 'Mars/Olympus',
      week: { mon: [{ from: '14:00', to: '13:00' }], funday: [] } as any,
      holidays: ['2025-13-01'],
      productionCalendar: 'XX',
    });
    expect(bad.join('\n')).toMatch(/IANA/);
    expect(bad.join('\n')).toMatch(/ends before it starts/);
    expect(bad.join('\n')).toMatch(/unknown day/);
    expect(bad.join('\n')).toMatch(/2025-13-01/);
    expect(bad.join('\n')).toMatch(/country/);
    expect(calendarSpecProblems({ timeZone: 'UTC', week: {} })).toEqual([
      'week must have working hours on at least one day',
    ]);
  });
});
