import { Analyzer } from './analyzer';
import { reviewReason } from './review-flag';

describe('review flag', () => {
  const neutral = { label: 'neutral' as const, headLabel: 'neutral' as const };
  it('flags low intent confidence, an escalated deadline and sentiment that contradicts the intent', () => {
    expect(
      reviewReason({ sentiment: neutral, intent: { label: 'support_question', confidence: 0.55 } }),
    ).toBe('low_intent_confidence');
    expect(
      reviewReason({
        sentiment: neutral,
        intent: { label: 'support_question', confidence: 0.9 },
        policyIntent: 'sales_question',
      }),
    ).toBe('deadline_escalated');
    expect(
      reviewReason({
        sentiment: { label: 'positive', headLabel: 'negative' },
        intent: { label: 'praise', confidence: 0.9 },
      }),
    ).toBe('sentiment_intent_disagree');
    expect(
      reviewReason({
        sentiment: { label: 'negative', headLabel: 'positive' },
        intent: { label: 'complaint', confidence: 0.95 },
      }),
    ).toBe('sentiment_intent_disagree');
  });

  it('leaves confident, consistent analyses alone', () => {
    expect(
      reviewReason({
        sentiment: neutral,
        intent: { label: 'sales_question', confidence: 0.95 },
        policyIntent: 'sales_question',
      }),
    ).toBeNull();
    const a = Analyzer.load().analyze({
      text: 'Третий день нет интернета, верните деньги, это возмутительно',
    });
    expect(a.intent.label).toBe('complaint');
    expect(reviewReason(a)).toBeNull();
  });
});
