import { workingClockFor, type WorkingClock } from './calendar';
import type { SlaPolicyRule } from './triage';

/** What a conversation's SLA clock needs from its policy (the conversation lifecycle asks). */
export interface ClockRules {
  /** The working-time calendar of a clock's policy (24/7 without one, or for an unknown one). */
  clockOf(policyId: string | null): WorkingClock;
  /** Whether waiting on the customer stops this policy's clock (policies say so by default). */
  pausesWhilePending(policyId: string | null): boolean;
}

/** The rules of every policy by id (disabled ones included: a running clock keeps its policy). */
export function clockRulesOf(byId: ReadonlyMap<string, SlaPolicyRule>): ClockRules {
  const policy = (id: string | null) => (id ? byId.get(id) : undefined);
  return {
    clockOf: (id) => workingClockFor(policy(id)?.calendar),
    pausesWhilePending: (id) => policy(id)?.pauseWhilePending !== false,
  };
}
