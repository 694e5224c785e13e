import { workingClockFor, type CalendarSpec } from '../sla/calendar';
import { resumeClock } from '../sla/sla-clock';
import { isCareIntent } from '../sla/sla.types';
import type { CostMatrix } from '../sla/deadline-decision';
import { DEFAULT_POLICIES, triage, type SlaPolicyRule, type TriageResult } from '../sla/triage';
import type { ItemAnalysisResult } from './item-analysis';
import type { PendingConversation, ResumedClock, SlaPolicyRow } from './ingest.repository';

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

/**
 * A customer wrote on conversations that waited on them (pending): each goes back to open, and a
 * paused clock resumes at the message's time (never before the pause began), its deadline moved
 * by the working time spent paused under the clock's own policy calendar.
 */
export function resumePending(
  pending: readonly PendingConversation[],
  customerWroteAt: ReadonlyMap<string, Date>,
  policies: readonly SlaPolicyRule[],
): ResumedClock[] {
  return pending.map((p): ResumedClock => {
    const wrote = customerWroteAt.get(p.id);
    if (!p.pausedAt || !p.dueAt || !wrote) {
      return { id: p.id, resumed: false, dueAt: p.dueAt, pausedMs: Number(p.pausedMs) };
    }
    const policy = p.slaPolicyId ? policies.find((r) => r.id === p.slaPolicyId) : undefined;
    const at = wrote > p.pausedAt ? wrote : p.pausedAt;
    const next = resumeClock(
      {
        startedAt: p.startedAt,
        dueAt: p.dueAt,
        pausedAt: p.pausedAt,
        pausedWorkingMs: Number(p.pausedMs),
        warned50At: null,
        warned80At: null,
        breachedAt: null,
        firstResponseAt: null,
      },
      at,
      workingClockFor(policy?.calendar),
    );
    return { id: p.id, resumed: true, dueAt: next.dueAt, pausedMs: Math.round(next.pausedWorkingMs) };
  });
}
