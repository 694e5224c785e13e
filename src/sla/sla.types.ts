import { INTENT_LABELS, type IntentLabel, type SentimentLabel } from '../analysis/analysis.types';

/**
 * The intents SLA policies can target are analysis's own (its public contract, plain TypeScript
 * like this module), so a new intent reaches policies without a second list to keep in step.
 */
export const CARE_INTENTS = INTENT_LABELS;
export type CareIntent = IntentLabel;
export type { SentimentLabel };

/** What triage reads from an analysis result. */
export interface TriageAnalysis {
  sentiment?: { score: number; label: SentimentLabel; confidence?: number };
  /** probs: each intent's probability in CARE_INTENTS order; when given, the deadline is a cost-sensitive decision */
  intent: { label: CareIntent; confidence?: number; probs?: readonly number[] };
}

export type SlaEventKind = 'warning_50' | 'warning_80' | 'breach';

export function isCareIntent(v: unknown): v is CareIntent {
  return typeof v === 'string' && (CARE_INTENTS as readonly string[]).includes(v);
}
