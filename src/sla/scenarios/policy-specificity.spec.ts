import {
  computeDeadline,
  DEFAULT_POLICIES,
  deadlineMinutesFor,
  resolvePolicy,
  SlaPolicyRule,
} from '../triage';
import { inMsk, msk, officeHours } from './fixtures';

const VK = '11111111-1111-4111-8111-111111111111';
const TG = '22222222-2222-4222-8222-222222222222';

describe('scenario: the most specific policy wins', () => {
  const policies: SlaPolicyRule[] = [
    ...DEFAULT_POLICIES,
    { id: 'vk-any', sourceId: VK, intent: null, firstResponseMinutes: 120 },
    { id: 'vk-complaint', sourceId: VK, intent: 'complaint', firstResponseMinutes: 30 },
    { id: 'any-praise', sourceId: null, intent: 'praise', firstResponseMinutes: 600 },
  ];

  it('source + intent beats source, which beats intent, which beats the default', () => {
    expect(resolvePolicy('complaint', policies, VK)?.id).toBe('vk-complaint');
    expect(resolvePolicy('praise', policies, VK)?.id).toBe('vk-any');
    expect(resolvePolicy('sales_question', policies, VK)?.id).toBe('vk-any');
    expect(resolvePolicy('praise', policies, TG)?.id).toBe('any-praise');
    expect(deadlineMinutesFor('sales_question', policies, TG)).toBe(60);
    expect(deadlineMinutesFor('support_question', policies, TG)).toBe(180);
    expect(deadlineMinutesFor('complaint', policies, null)).toBe(180);
  });

  it('order in the list does not matter', () => {
    const reversed = [...policies].reverse();
    for (const intent of ['complaint', 'praise', 'sales_question', 'support_question'] as const) {
      for (const src of [VK, TG, null]) {
        expect(resolvePolicy(intent, reversed, src)?.id).toBe(resolvePolicy(intent, policies, src)?.id);
      }
    }
  });

  it('disabled policies are ignored', () => {
    const off = policies.map((p) => (p.id === 'vk-complaint' ? { ...p, enabled: false } : p));
    expect(resolvePolicy('complaint', off, VK)?.id).toBe('vk-any');
  });

  it('an empty table still gives every item that needs an answer a deadline', () => {
    expect(deadlineMinutesFor('sales_question', [])).toBe(60);
    expect(deadlineMinutesFor('complaint', [])).toBe(180);
    expect(deadlineMinutesFor('spam', policies, VK)).toBeNull();
  });

  it("the winning policy's calendar sets the deadline", () => {
    const withCalendar = [
      ...policies,
      {
        id: 'tg-sales',
        sourceId: TG,
        intent: 'sales_question' as const,
        firstResponseMinutes: 60,
        calendar: officeHours(),
      },
    ];
    const friday = msk('2025-03-14 17:30');
    expect(
      inMsk(computeDeadline({ createdAt: friday, intent: 'sales_question', sourceId: TG }, withCalendar)),
    ).toBe('2025-03-17 09:30:00');
    expect(
      inMsk(computeDeadline({ createdAt: friday, intent: 'sales_question', sourceId: VK }, withCalendar)),
    ).toBe('2025-03-14 19:30:00');
  });
});
