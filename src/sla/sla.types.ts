/**
 * The shapes triage needs from analysis. They mirror IntentLabel / SentimentLabel in
 * src/analysis/analysis.types.ts (same literals; an `Analysis` fits TriageAnalysis), kept here so
 * the SLA code compiles and tests on its own.
 */
export const CARE_INTENTS = [
  'complaint',
  'sales_question',
  'support_question',
  'praise',
  'spam',
  'other',
] as const;
export type CareIntent = (typeof CARE_INTENTS)[number];

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** What triage reads from an analysis result. */
export interface TriageAnalysis {
  sentiment?: { score: number; label: SentimentLabel; confidence?: number };
  intent: { label: CareIntent; confidence?: number };
}

export type SlaEventKind = 'warning_50' | 'warning_80' | 'breach';

export function isCareIntent(v: unknown): v is CareIntent {
  return typeof v === 'string' && (CARE_INTENTS as readonly string[]).includes(v);
}
