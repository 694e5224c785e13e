import type { CalendarSpec } from '../sla/calendar';
import { isCareIntent } from '../sla/sla.types';
import type { CostMatrix } from '../sla/deadline-decision';
import { DEFAULT_POLICIES, triage, type SlaPolicyRule, type TriageResult } from '../sla/triage';
import type { ItemAnalysisResult } from './item-analysis';
import type { SlaPolicyRow } from './ingest.repository';

/**
 * Triage of analysed items against the SLA policies (the SLA module's pure rules). Outbound items
 * (the brand's own posts and replies) never need a response and never start a clock.
 */
export function triageItem(
  analysis: ItemAnalysisResult,
  item: { createdAt: Date; direction: 'inbound' | 'outbound'; sourceId: string },
  policies: readonly SlaPolicyRule[],
  costs?: CostMatrix,
): TriageResult {
  if (item.direction === 'outbound') {
    return {
      needsResponse: false,
      deadlineClass: 'none',
      policyIntent: 'other',
      category: 'chatter',
      priority: 0,
      deadlineAt: null,
      slaPolicyId: null,
    };
  }
  return triage(analysis, { createdAt: item.createdAt, sourceId: item.sourceId }, policies, costs);
}

export function toPolicyRules(rows: readonly SlaPolicyRow[]): SlaPolicyRule[] {
  const rules = rows.map((r): SlaPolicyRule => ({
    id: r.id,
    sourceId: r.source_id,
    intent: r.intent && isCareIntent(r.intent) ? r.intent : null,
    firstResponseMinutes: r.first_response_minutes,
    calendar: (r.calendar as CalendarSpec | null) ?? null,
    pauseWhilePending: r.pause_while_pending,
    enabled: r.enabled,
  }));
  return rules.length > 0 ? rules : [...DEFAULT_POLICIES];
}

/** Policies change rarely; ingest re-reads them at most every `ttlMs`. */
export class PolicyCache {
  private rules: SlaPolicyRule[] | undefined;
  private loadedAt = 0;
  constructor(private readonly ttlMs = 30_000) {}

  async get(load: () => Promise<SlaPolicyRow[]>): Promise<SlaPolicyRule[]> {
    if (!this.rules || Date.now() - this.loadedAt > this.ttlMs) {
      this.rules = toPolicyRules(await load());
      this.loadedAt = Date.now();
    }
    return this.rules;
  }

  invalidate() {
    this.rules = undefined;
  }
}
