import { CalendarSpec, workingClockFor } from './calendar';
import {
  decideDeadline,
  DEFAULT_COSTS,
  deadlineClassOf,
  type CostMatrix,
  type DeadlineClass,
} from './deadline-decision';
import { CareIntent, TriageAnalysis } from './sla.types';

/**
 * Triage: does an item need an answer, how urgent is it, and by when. Pure functions; the
 * policies come from the database through the SLA module.
 */

/** A first-response target for a scope; `null` source or intent means "any". */
export interface SlaPolicyRule {
  id?: string | null;
  sourceId: string | null;
  intent: CareIntent | null;
  firstResponseMinutes: number;
  calendar?: CalendarSpec | null;
  pauseWhilePending?: boolean;
  enabled?: boolean;
  /** At breach the conversation goes to another agent (the escalation's rule). */
  reassignOnBreach?: boolean;
}

/** The care rules: sales questions within an hour, everything else that needs an answer in three. */
export const DEFAULT_POLICIES: readonly SlaPolicyRule[] = Object.freeze([
  { id: null, sourceId: null, intent: 'sales_question', firstResponseMinutes: 60 },
  { id: null, sourceId: null, intent: null, firstResponseMinutes: 180 },
]);

export type TriageCategory = 'sales' | 'complaint' | 'support' | 'praise' | 'spam' | 'chatter';

const CATEGORY: Record<CareIntent, TriageCategory> = {
  sales_question: 'sales',
  complaint: 'complaint',
  support_question: 'support',
  praise: 'praise',
  spam: 'spam',
  other: 'chatter',
};

/** People who praise get a thank-you too; spam and chatter get no answer. */
export function needsResponse(intent: CareIntent): boolean {
  return intent !== 'spam' && intent !== 'other';
}

export function categoryOf(intent: CareIntent): TriageCategory {
  return CATEGORY[intent];
}

const BASE_PRIORITY: Record<CareIntent, number> = {
  sales_question: 60,
  complaint: 50,
  support_question: 40,
  praise: 20,
  spam: 0,
  other: 0,
};

/**
 * 0..100, higher first (conversations.priority). A lost sale costs most, then an angry
 * customer; a negative tone adds up to 30 whatever the intent, so an angry support question
 * outranks a calm one.
 */
export function priorityOf(analysis: TriageAnalysis): number {
  const intent = analysis.intent.label;
  if (!needsResponse(intent)) return 0;
  let p = BASE_PRIORITY[intent];
  const s = analysis.sentiment;
  if (s && s.label === 'negative') p += 10 + Math.round(20 * Math.min(1, Math.max(0, -s.score)));
  return Math.max(0, Math.min(100, p));
}

/**
 * The policy that applies to an item, most specific first:
 * source + intent > source > intent > global default; the built-in defaults stand behind the
 * table so an item that needs an answer always gets a deadline. `null` when no answer is needed.
 */
export function resolvePolicy(
  intent: CareIntent,
  policies: readonly SlaPolicyRule[],
  sourceId: string | null = null,
): SlaPolicyRule | null {
  if (!needsResponse(intent)) return null;
  let best: SlaPolicyRule | null = null;
  let bestRank = -1;
  for (const p of policies) {
    if (p.enabled === false) continue;
    if (p.sourceId !== null && p.sourceId !== sourceId) continue;
    if (p.intent !== null && p.intent !== intent) continue;
    const rank = (p.sourceId !== null ? 2 : 0) + (p.intent !== null ? 1 : 0);
    if (rank > bestRank) {
      best = p;
      bestRank = rank;
    }
  }
  return best ?? resolveDefault(intent);
}

function resolveDefault(intent: CareIntent): SlaPolicyRule {
  return (
    DEFAULT_POLICIES.find((p) => p.intent === intent) ?? DEFAULT_POLICIES.find((p) => p.intent === null)!
  );
}

/** Minutes of working time to the first answer, or null when the item needs no answer. */
export function deadlineMinutesFor(
  intent: CareIntent,
  policies: readonly SlaPolicyRule[] = DEFAULT_POLICIES,
  sourceId: string | null = null,
): number | null {
  return resolvePolicy(intent, policies, sourceId)?.firstResponseMinutes ?? null;
}

export interface DeadlineInput {
  /** When the customer wrote (the platform's timestamp), not when we noticed. */
  createdAt: Date;
  intent: CareIntent;
  sourceId?: string | null;
}

export interface Deadline {
  dueAt: Date;
  policy: SlaPolicyRule;
}

/** The deadline and the policy that set it, counted in the policy's working time. */
export function computeDeadlineWithPolicy(
  input: DeadlineInput,
  policies: readonly SlaPolicyRule[] = DEFAULT_POLICIES,
): Deadline | null {
  const policy = resolvePolicy(input.intent, policies, input.sourceId ?? null);
  if (!policy) return null;
  const clock = workingClockFor(policy.calendar);
  return { dueAt: clock.addWorkingMs(input.createdAt, policy.firstResponseMinutes * 60_000), policy };
}

export function computeDeadline(
  input: DeadlineInput,
  policies: readonly SlaPolicyRule[] = DEFAULT_POLICIES,
): Date | null {
  return computeDeadlineWithPolicy(input, policies)?.dueAt ?? null;
}

export interface TriageResult {
  needsResponse: boolean;
  /** the deadline class decided from the intent probabilities and the cost matrix */
  deadlineClass: DeadlineClass;
  /** the intent whose policy set the deadline (differs from the label when the decision escalated it) */
  policyIntent: CareIntent;
  category: TriageCategory;
  priority: number;
  deadlineAt: Date | null;
  /** The id of the policy used (null for a built-in default or no deadline). */
  slaPolicyId: string | null;
}

/**
 * Everything triage decides for one analysed item. With intent probabilities the deadline is the
 * cheapest class under `costs` (see deadline-decision.ts): a likely-enough sales question gets the
 * sales policy, a likely-enough customer message gets a deadline even when chatter is likelier.
 */
export function triage(
  analysis: TriageAnalysis,
  item: { createdAt: Date; sourceId?: string | null },
  policies: readonly SlaPolicyRule[] = DEFAULT_POLICIES,
  costs: CostMatrix = DEFAULT_COSTS,
): TriageResult {
  const label = analysis.intent.label;
  const decision = analysis.intent.probs
    ? decideDeadline(analysis.intent.probs, label, costs)
    : { deadlineClass: deadlineClassOf(label), policyIntent: label };
  const intent = decision.policyIntent;
  const deadline = computeDeadlineWithPolicy(
    { createdAt: item.createdAt, intent, sourceId: item.sourceId },
    policies,
  );
  return {
    needsResponse: needsResponse(intent),
    deadlineClass: decision.deadlineClass,
    policyIntent: intent,
    category: categoryOf(label),
    priority: priorityOf({ ...analysis, intent: { ...analysis.intent, label: intent } }),
    deadlineAt: deadline?.dueAt ?? null,
    slaPolicyId: deadline?.policy.id ?? null,
  };
}
