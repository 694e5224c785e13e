/** Public contract of the analysis module: other parts of Otklik depend on these shapes. */
import type { AnalysisWhy } from './model/explain';
export type { AnalysisWhy, WhyFeature } from './model/explain';
export type Language = 'ru' | 'en' | 'mixed' | 'translit' | 'other';
export type BaseLanguage = 'ru' | 'en' | 'other';
export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export type IntentLabel = 'complaint' | 'sales_question' | 'support_question' | 'praise' | 'spam' | 'other';

export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];
export const INTENT_LABELS: readonly IntentLabel[] = [
  'complaint',
  'sales_question',
  'support_question',
  'praise',
  'spam',
  'other',
];

export interface AnalysisInput {
  text: string;
  platform?: string;
  kind?: string;
}

export interface Analysis {
  language: Language;
  /** headLabel: the sentiment classifier's own answer, before the care rules tie it to the intent */
  sentiment: { score: number; label: SentimentLabel; confidence: number; headLabel: SentimentLabel };
  /** probs: every intent's probability, in INTENT_LABELS order (the deadline decision reads them) */
  intent: { label: IntentLabel; confidence: number; probs: number[] };
  /** the few features that decided each label, with their weights */
  why: AnalysisWhy;
  modelVersion: string;
}

/** One line of the dev set / training set (JSONL). Labels are optional for unlabelled files. */
export interface LabeledPost {
  id: string;
  platform?: string;
  lang?: Language;
  text: string;
  sentiment?: SentimentLabel;
  intent?: IntentLabel;
  needs_response?: boolean;
  deadline_minutes?: number | null;
  notes?: string;
}
