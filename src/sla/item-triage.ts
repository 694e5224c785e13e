import type { CostMatrix } from './deadline-decision';
import type { TriageAnalysis } from './sla.types';
import { triage, type SlaPolicyRule, type TriageResult } from './triage';

/**
 * Triage of one stored item against the SLA policies (what ingest calls for every item of a
 * batch, with SlaPolicyService.rules() read once per batch). The brand's own posts and replies
 * never need a response and never start a clock.
 */
export function triageItem(
  analysis: TriageAnalysis,
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
