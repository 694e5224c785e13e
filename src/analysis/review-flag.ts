/**
 * Which analysed items to ask the team about: the labels that teach the model most are those it
 * was unsure of. An item is flagged for review when its intent confidence is low, when the
 * sentiment classifier disagrees with what the intent implies (praise it reads as negative, a
 * complaint it reads as positive), or when the deadline decision overrode the intent label.
 */
import type { IntentLabel, SentimentLabel } from './analysis.types';

export type ReviewReason = 'low_intent_confidence' | 'sentiment_intent_disagree' | 'deadline_escalated';
export const REVIEW_REASONS: readonly ReviewReason[] = [
  'low_intent_confidence',
  'sentiment_intent_disagree',
  'deadline_escalated',
];

/** Below this intent confidence an item is flagged (about one item in eight on the dev set, see docs/analysis.md). */
export const LOW_INTENT_CONFIDENCE = 0.7;

export interface ReviewInput {
  sentiment: { label: SentimentLabel; headLabel?: SentimentLabel };
  intent: { label: IntentLabel; confidence: number };
  /** the intent whose policy set the deadline, when triage decided it */
  policyIntent?: IntentLabel;
}

export function reviewReason(a: ReviewInput, threshold = LOW_INTENT_CONFIDENCE): ReviewReason | null {
  if (a.policyIntent !== undefined && a.policyIntent !== a.intent.label) return 'deadline_escalated';
  if (a.intent.confidence < threshold) return 'low_intent_confidence';
  const head = a.sentiment.headLabel ?? a.sentiment.label;
  if (
    (a.intent.label === 'praise' && head === 'negative') ||
    (a.intent.label === 'complaint' && head === 'positive')
  )
    return 'sentiment_intent_disagree';
  return null;
}
