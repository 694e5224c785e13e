import { CARE_INTENTS } from '../sla.types';
import { computeDeadline, deadlineMinutesFor, needsResponse } from '../triage';
import { inMsk, msk } from './fixtures';

describe('scenario: sales questions get 60 minutes, every other item that needs an answer 180', () => {
  it.each([
    ['sales_question', 60],
    ['complaint', 180],
    ['support_question', 180],
    ['praise', 180],
    ['spam', null],
    ['other', null],
  ] as const)('%s -> %p minutes', (intent, minutes) => {
    expect(deadlineMinutesFor(intent)).toBe(minutes);
    expect(needsResponse(intent)).toBe(minutes !== null);
  });

  it('every intent is covered', () => {
    expect(CARE_INTENTS).toHaveLength(6);
  });

  it('the deadline is counted from when the customer wrote', () => {
    const wrote = msk('2025-03-11 10:00');
    expect(inMsk(computeDeadline({ createdAt: wrote, intent: 'sales_question' }))).toBe(
      '2025-03-11 11:00:00',
    );
    expect(inMsk(computeDeadline({ createdAt: wrote, intent: 'praise' }))).toBe('2025-03-11 13:00:00');
    expect(computeDeadline({ createdAt: wrote, intent: 'spam' })).toBeNull();
  });
});
