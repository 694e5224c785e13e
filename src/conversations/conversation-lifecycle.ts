import type { ClockRules } from '../sla/clock-rules';
import type { WorkingClock } from '../sla/calendar';
import { changeTarget, resumeClock, type SlaClockState } from '../sla/sla-clock';
import type { ConversationActivity } from './conversation-activity';

export type { ClockRules };

/**
 * The conversation lifecycle, in one place (pure): status and the SLA clock a conversation
 * carries. Every writer (ingest, the inbox, replies, the snooze wake-up, the SLA sweep, a policy
 * change) reads the row, asks these functions for the next state and writes it back through
 * ConversationsRepository; the SQL holds no decisions except the sweep's running-clock predicate,
 * which is defined here too (RUNNING_CLOCK).
 *
 * The clock is a next-response clock: it runs from the first customer message that needs an
 * answer and is not answered yet, to our answer.
 *
 * - A customer message that needs an answer starts a clock when none runs (a new conversation,
 *   after our answer, after resolving), counted from when the customer wrote, by that item's
 *   intent and policy (its deadline from triage). A clock already running keeps its start and
 *   takes the earlier deadline.
 * - Any customer message brings a pending, snoozed or resolved conversation back to open; on a
 *   resolved one everything restarts (first response included: it is a new episode).
 * - Our answer (a delivered reply that answers every customer message so far) stops the clock.
 * - Resolving stops the clock. An agent reopening a resolved conversation starts none: the
 *   customer's next message does.
 * - Pending (waiting on the customer) pauses the clock when the policy says so; snoozing always
 *   pauses it. Leaving pending or snoozed, by hand, by the wake-up or by a customer message,
 *   resumes it: the deadline moves by the working time it stood still.
 * - Snoozing past the deadline is allowed only when the agent confirms it (snoozePastDeadline).
 */
export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved';

/** The SLA columns of a conversation (sla_policy_id, sla_started_at, due_at, sla_paused_*, warnings, breach). */
export interface SlaClockColumns {
  policyId: string | null;
  /** When the customer wrote the message that started the clock. */
  startedAt: Date | null;
  /** null: no clock (none started, answered or resolved). */
  dueAt: Date | null;
  pausedAt: Date | null;
  /** Working milliseconds spent in finished pauses. */
  pausedMs: number;
  warned50At: Date | null;
  warned80At: Date | null;
  breachedAt: Date | null;
}

/** The columns of conversations the lifecycle decides. */
export interface ConversationState {
  id: string;
  status: ConversationStatus;
  snoozedUntil: Date | null;
  resolvedAt: Date | null;
  needsResponse: boolean;
  intent: string | null;
  sentimentLabel: string | null;
  priority: number;
  contactId: string | null;
  customerId: string | null;
  firstMessageAt: Date | null;
  lastMessageAt: Date | null;
  lastCustomerMessageAt: Date | null;
  firstResponseAt: Date | null;
  firstResponseSeconds: number | null;
  sla: SlaClockColumns;
}

/**
 * A clock that counts now, on a conversation the team still owes an answer: it has a deadline,
 * is not paused, and the conversation is open or pending (resolved and snoozed ones never count).
 */
export function countingClock(alias: string): string {
  const c = alias ? `${alias}.` : '';
  return `${c}due_at IS NOT NULL AND ${c}sla_paused_at IS NULL AND ${c}status IN ('open', 'pending')`;
}

/**
 * The sweep's predicate: a counting clock not yet breached. The partial index
 * conversations_sla_sweep_idx is built on exactly this (migration NextResponseClock).
 */
export function runningClock(alias: string): string {
  const c = alias ? `${alias}.` : '';
  return `${countingClock(alias)} AND ${c}sla_breached_at IS NULL`;
}

export const NO_CLOCK: Readonly<SlaClockColumns> = Object.freeze({
  policyId: null,
  startedAt: null,
  dueAt: null,
  pausedAt: null,
  pausedMs: 0,
  warned50At: null,
  warned80At: null,
  breachedAt: null,
});

/** A clock exists and counts now. */
export function clockRuns(s: ConversationState): boolean {
  return s.sla.dueAt !== null && s.sla.pausedAt === null;
}

/** A new clock for the earliest new customer item that needs an answer (or none). */
function clockFrom(a: ConversationActivity): SlaClockColumns {
  if (!a.needsResponse || !a.dueAt) return { ...NO_CLOCK };
  return { ...NO_CLOCK, policyId: a.slaPolicyId, startedAt: a.slaStartAt, dueAt: a.dueAt };
}

/** The clock stops: no deadline any more (its start, warnings and breach stay as history). */
function stop(sla: SlaClockColumns): SlaClockColumns {
  return { ...sla, dueAt: null, pausedAt: null };
}

function pause(sla: SlaClockColumns, at: Date): SlaClockColumns {
  return sla.dueAt === null || sla.pausedAt !== null ? sla : { ...sla, pausedAt: at };
}

/** The clock arithmetic's view of a stored clock with a deadline (src/sla/sla-clock.ts). */
export function clockState(s: ConversationState & { sla: { dueAt: Date } }): SlaClockState {
  const { sla } = s;
  return {
    startedAt: sla.startedAt ?? s.firstMessageAt ?? sla.dueAt,
    dueAt: sla.dueAt,
    pausedAt: sla.pausedAt,
    pausedWorkingMs: sla.pausedMs,
    warned50At: sla.warned50At,
    warned80At: sla.warned80At,
    breachedAt: sla.breachedAt,
    firstResponseAt: null,
  };
}

const hasClock = (s: ConversationState): s is ConversationState & { sla: { dueAt: Date } } =>
  s.sla.dueAt !== null;

/** Resumes a paused clock at `at` (never before the pause began). */
function resume(s: ConversationState, at: Date, rules: ClockRules): SlaClockColumns {
  const { sla } = s;
  if (sla.pausedAt === null) return sla;
  if (!hasClock(s)) return { ...sla, pausedAt: null };
  const from = at > sla.pausedAt ? at : sla.pausedAt;
  const next = resumeClock(clockState(s), from, rules.clockOf(sla.policyId));
  return { ...sla, pausedAt: null, pausedMs: Math.round(next.pausedWorkingMs), dueAt: next.dueAt };
}

const later = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);
const earlier = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a < b ? a : b);

/** A conversation ingest creates for new customer activity (all its items are new). */
export function openConversation(id: string, a: ConversationActivity | undefined): ConversationState {
  return {
    id,
    status: 'open',
    snoozedUntil: null,
    resolvedAt: null,
    needsResponse: a?.needsResponse ?? false,
    intent: a?.intent ?? null,
    sentimentLabel: a?.sentimentLabel ?? null,
    priority: a?.priority ?? 0,
    contactId: a?.contactId ?? null,
    customerId: a?.customerId ?? null,
    firstMessageAt: a?.firstAt ?? null,
    lastMessageAt: a?.lastAt ?? null,
    lastCustomerMessageAt: a?.lastCustomerAt ?? null,
    firstResponseAt: null,
    firstResponseSeconds: null,
    sla: a ? clockFrom(a) : { ...NO_CLOCK },
  };
}

/**
 * New items stored on an existing conversation. Brand items only move its message times; a
 * customer message brings it back to open (see the module comment for the clock).
 */
export function applyActivity(
  s: ConversationState,
  a: ConversationActivity,
  rules: ClockRules,
): ConversationState {
  const next: ConversationState = {
    ...s,
    firstMessageAt: earlier(s.firstMessageAt, a.firstAt),
    lastMessageAt: later(s.lastMessageAt, a.lastAt),
    lastCustomerMessageAt: later(s.lastCustomerMessageAt, a.lastCustomerAt),
    contactId: s.contactId ?? a.contactId,
    customerId: s.customerId ?? a.customerId,
    sentimentLabel: a.sentimentLabel ?? s.sentimentLabel,
  };
  if (a.lastCustomerAt === null) return next;

  if (s.status === 'resolved') {
    // A new episode: the clock, the first response and the urgency start over.
    return {
      ...next,
      status: 'open',
      resolvedAt: null,
      snoozedUntil: null,
      needsResponse: a.needsResponse,
      intent: a.intent ?? s.intent,
      priority: a.priority,
      firstResponseAt: null,
      firstResponseSeconds: null,
      sla: clockFrom(a),
    };
  }

  let sla = resume(s, a.lastCustomerAt, rules);
  if (a.needsResponse && a.dueAt) {
    if (sla.dueAt === null) sla = clockFrom(a);
    else if (a.dueAt < sla.dueAt) sla = { ...sla, dueAt: a.dueAt, policyId: a.slaPolicyId };
  }
  return {
    ...next,
    status: 'open',
    snoozedUntil: null,
    needsResponse: s.needsResponse || a.needsResponse,
    // The queue filters by intent: the newest item that needs an answer sets it.
    intent: a.needsResponse || s.intent === null ? (a.intent ?? s.intent) : s.intent,
    priority: Math.max(s.priority, a.priority),
    sla,
  };
}

export interface Answer {
  /** When the agent typed the reply: it answers what the customer wrote until then. */
  replyCreatedAt: Date;
  deliveredAt: Date;
  /** When this is recorded (a status the agent chose takes effect now). */
  at: Date;
  /** The status the agent chose with the reply, if any. */
  statusAfter: 'open' | 'pending' | 'resolved' | null;
  /** The first customer item's time, for a conversation with neither clock start nor first message. */
  firstInboundAt?: Date | null;
}

/**
 * A reply was delivered. The first one is the first response (its seconds counted from the
 * customer message that started the clock). A reply that answers everything the customer wrote
 * before it was typed stops the clock and leaves the conversation waiting on the customer
 * (pending), unless the agent chose another status.
 */
export function recordAnswer(
  s: ConversationState,
  r: Answer,
  rules: ClockRules,
): { state: ConversationState; firstResponse: boolean } {
  const firstResponse = s.firstResponseAt === null;
  const from = s.sla.startedAt ?? s.firstMessageAt ?? r.firstInboundAt ?? r.deliveredAt;
  const answered = s.lastCustomerMessageAt === null || s.lastCustomerMessageAt <= r.replyCreatedAt;
  let next: ConversationState = {
    ...s,
    firstResponseAt: s.firstResponseAt ?? r.deliveredAt,
    firstResponseSeconds:
      s.firstResponseSeconds ?? Math.max(0, Math.round((r.deliveredAt.getTime() - from.getTime()) / 1000)),
    lastMessageAt: later(s.lastMessageAt, r.deliveredAt),
    sla: answered ? stop(s.sla) : s.sla,
  };
  if (r.statusAfter) next = changeStatus(next, r.statusAfter, { at: r.at }, rules);
  else if (answered && s.status === 'open') next = { ...next, status: 'pending' };
  return { state: next, firstResponse };
}

/**
 * A person (or the reply's statusAfter) sets the status. Leaving pending or snoozed resumes a
 * paused clock; resolving stops it; pending pauses it if the policy says so; snoozing pauses it.
 */
export function changeStatus(
  s: ConversationState,
  to: ConversationStatus,
  opts: { at: Date; snoozedUntil?: Date | null },
  rules: ClockRules,
): ConversationState {
  if (to === s.status && to !== 'snoozed') return s;
  let sla = s.sla;
  if (s.status === 'pending' || s.status === 'snoozed') sla = resume(s, opts.at, rules);
  if (to === 'resolved') sla = stop(sla);
  else if (to === 'snoozed') sla = pause(sla, opts.at);
  else if (to === 'pending' && rules.pausesWhilePending(sla.policyId)) sla = pause(sla, opts.at);
  return {
    ...s,
    status: to,
    resolvedAt: to === 'resolved' ? (s.status === 'resolved' ? s.resolvedAt : opts.at) : null,
    snoozedUntil: to === 'snoozed' ? (opts.snoozedUntil ?? null) : null,
    sla,
  };
}

/** A snooze ran out: open again, the clock resumes from the wake-up time. */
export function wake(s: ConversationState, now: Date, rules: ClockRules): ConversationState {
  const at = s.snoozedUntil && s.snoozedUntil < now ? s.snoozedUntil : now;
  return changeStatus(s, 'open', { at }, rules);
}

/**
 * The deadline a snooze until `until` would pass (the agent must confirm it), or null. A clock
 * paused while pending is judged as if it resumed now.
 */
export function snoozePastDeadline(
  s: ConversationState,
  until: Date,
  now: Date,
  rules: ClockRules,
): Date | null {
  if (s.sla.dueAt === null) return null;
  const due = s.sla.pausedAt ? resume(s, now, rules).dueAt : s.sla.dueAt;
  return due && until > due ? due : null;
}

/**
 * The clock's policy changed its target or calendar (`clock`: the policy's new calendar): the new
 * target counts from the original start, so working time already used stays used; warnings not
 * yet earned under it fire again (see changeTarget).
 */
export function retarget(
  s: ConversationState,
  targetMinutes: number,
  now: Date,
  clock: WorkingClock,
): ConversationState {
  if (!hasClock(s)) return s;
  const next = changeTarget(clockState(s), targetMinutes, now, clock);
  return {
    ...s,
    sla: {
      ...s.sla,
      dueAt: next.dueAt,
      warned50At: next.warned50At,
      warned80At: next.warned80At,
      breachedAt: next.breachedAt,
    },
  };
}
