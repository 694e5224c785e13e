import { Logger } from '@nestjs/common';
import { Analyzer } from '../analysis/analyzer';
import { DEFAULT_COSTS, type CostMatrix } from '../sla/deadline-decision';
import type { CareIntent, SentimentLabel } from '../sla/sla.types';
import type { AnalysisWhy } from '../analysis/analysis.types';

/**
 * What ingest needs from analysis: one result per item, in order. A small seam so the analyser
 * can be swapped (or be missing, e.g. before a model is trained) without touching ingest.
 */
export interface ItemAnalysisResult {
  language: string | null;
  /** headLabel: the sentiment classifier's own answer before the care rules (review flags) */
  sentiment: { score: number; label: SentimentLabel; confidence: number; headLabel?: SentimentLabel };
  /** probs: each intent's probability (INTENT_LABELS order), for the cost-sensitive deadline */
  intent: { label: CareIntent; confidence: number; probs?: number[] };
  /** the few features that decided each label, with their weights */
  why?: AnalysisWhy;
  modelVersion: string;
}

export interface ItemAnalysisInput {
  text: string;
  platform: string;
  kind: string;
}

export abstract class ItemAnalysis {
  abstract analyzeBatch(inputs: readonly ItemAnalysisInput[]): ItemAnalysisResult[];
  /** the deadline cost matrix triage decides with (configuration, else the model's, else the default) */
  get deadlineCosts(): CostMatrix {
    return DEFAULT_COSTS;
  }
}

/**
 * Used only when no model can be loaded: neutral tone, and "support question" with zero
 * confidence so every customer item still gets the default 3-hour deadline rather than being
 * silently dropped from the queue.
 */
export class NeutralItemAnalysis extends ItemAnalysis {
  static readonly VERSION = 'placeholder-0';
  analyzeBatch(inputs: readonly ItemAnalysisInput[]): ItemAnalysisResult[] {
    return inputs.map(() => ({
      language: null,
      sentiment: { score: 0, label: 'neutral', confidence: 0 },
      intent: { label: 'support_question', confidence: 0 },
      modelVersion: NeutralItemAnalysis.VERSION,
    }));
  }
}

/** The analysis module's Analyzer behind the ingest seam. */
export class AnalyzerItemAnalysis extends ItemAnalysis {
  constructor(private readonly analyzer: Analyzer) {
    super();
  }
  analyzeBatch(inputs: readonly ItemAnalysisInput[]): ItemAnalysisResult[] {
    return this.analyzer.analyzeBatch(inputs);
  }
  override get deadlineCosts(): CostMatrix {
    return this.analyzer.deadlineCosts;
  }
}

/** The shipped model when there is one, else the neutral placeholder (logged once). */
export function loadItemAnalysis(logger = new Logger('ItemAnalysis')): ItemAnalysis {
  try {
    return new AnalyzerItemAnalysis(Analyzer.load());
  } catch (err) {
    logger.warn(`no analysis model available (${(err as Error).message}); using the neutral placeholder`);
    return new NeutralItemAnalysis();
  }
}
