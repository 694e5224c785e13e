import { WorkingClock } from './calendar';
import { SlaEventKind } from './sla.types';

/**
 * One conversation's first-response clock, as stored on conversations (sla_started_at, due_at,
 * sla_paused_at, sla_paused_ms, sla_warned_50_at, sla_warned_80_at, sla_breached_at,
 * first_response_at). Pure functions: every change returns a new state.
 *
 * The target is not stored: it is the working time between start and due minus the working
 * time spent paused, so whatever wrote due_at stays the single source of truth.
 */
export interface SlaClockState {
  /** When the customer wrote the message that started this clock. */
  startedAt: Date;
  dueAt: Date;
  /** Set while the conversation waits on the customer (pending). */
  pausedAt: Date | null;
  /** Working milliseconds spent in finished pauses (sla_paused_ms). */
  pausedWorkingMs: number;
  warned50At: Date | null;
  warned80At: Date | null;
  breachedAt: Date | null;
  /** When our answer was delivered; the clock stops. */
  firstResponseAt: Date | null;
}

const MINUTE = 60_000;

export function startClock(startedAt: Date, targetMinutes: number, clock: WorkingClock): SlaClockState {
  return {
    startedAt,
    dueAt: clock.addWorkingMs(startedAt, targetMinutes * MINUTE),
    pausedAt: null,
    pausedWorkingMs: 0,
    warned50At: null,
    warned80At: null,
    breachedAt: null,
    firstResponseAt: null,
  };
}

/** The working time the team has for this clock (what the policy gave). */
export function targetWorkingMs(state: SlaClockState, clock: WorkingClock): number {
  return Math.max(0, clock.workingMsBetween(state.startedAt, state.dueAt) - state.pausedWorkingMs);
}

/** Working time used so far; frozen while paused. */
export function elapsedWorkingMs(state: SlaClockState, now: Date, clock: WorkingClock): number {
  const end = state.pausedAt && state.pausedAt < now ? state.pausedAt : now;
  return Math.max(0, clock.workingMsBetween(state.startedAt, end) - state.pausedWorkingMs);
}

/** The conversation now waits on the customer: the clock stops counting. */
export function pauseClock(state: SlaClockState, at: Date): SlaClockState {
  if (state.pausedAt || state.firstResponseAt) return state;
  return { ...state, pausedAt: at };
}

/** The customer is back: the paused working time is added, the deadline moves by that much. */
export function resumeClock(state: SlaClockState, at: Date, clock: WorkingClock): SlaClockState {
  if (!state.pausedAt) return state;
  const target = targetWorkingMs(state, clock);
  const paused = state.pausedWorkingMs + clock.workingMsBetween(state.pausedAt, at);
  return {
    ...state,
    pausedAt: null,
    pausedWorkingMs: paused,
    dueAt: clock.addWorkingMs(state.startedAt, target + paused),
  };
}

/** Our answer was delivered: no more warnings or breach for this clock. */
export function recordFirstResponse(state: SlaClockState, at: Date): SlaClockState {
  return state.firstResponseAt ? state : { ...state, firstResponseAt: at };
}

/**
 * A new customer message. On a resolved or answered conversation (or none yet) it opens a new
 * deadline from the message's own time; on a paused one it resumes the clock; on a clock still
 * running it changes nothing (the first unanswered message sets the deadline).
 */
export function onCustomerMessage(
  state: SlaClockState | null,
  messageAt: Date,
  opts: { resolved: boolean; targetMinutes: number },
  clock: WorkingClock,
): SlaClockState {
  if (!state || opts.resolved || state.firstResponseAt)
    return startClock(messageAt, opts.targetMinutes, clock);
  if (state.pausedAt) return resumeClock(state, messageAt, clock);
  return state;
}

/**
 * The policy changed while the clock runs: the new target counts from the original start, so
 * the working time already used stays used. Warnings not yet earned under the new target are
 * cleared so they fire again (sla_events is keyed by due_at, which changes with it).
 */
export function changeTarget(
  state: SlaClockState,
  targetMinutes: number,
  now: Date,
  clock: WorkingClock,
): SlaClockState {
  const target = targetMinutes * MINUTE;
  const dueAt = clock.addWorkingMs(state.startedAt, target + state.pausedWorkingMs);
  const elapsed = elapsedWorkingMs(state, now, clock);
  return {
    ...state,
    dueAt,
    warned50At: elapsed >= target * 0.5 ? state.warned50At : null,
    warned80At: elapsed >= target * 0.8 ? state.warned80At : null,
    breachedAt: !state.pausedAt && now >= dueAt ? state.breachedAt : null,
  };
}

/**
 * Which events are due now and not yet raised, in order. Nothing while paused or answered.
 * The caller records them (sla_events' unique key makes each fire exactly once per deadline).
 */
export function dueSlaEvents(state: SlaClockState, now: Date, clock: WorkingClock): SlaEventKind[] {
  if (state.firstResponseAt || state.pausedAt) return [];
  const out: SlaEventKind[] = [];
  const target = targetWorkingMs(state, clock);
  const elapsed = elapsedWorkingMs(state, now, clock);
  const breached = now >= state.dueAt;
  if (!state.warned50At && (breached || elapsed >= target * 0.5)) out.push('warning_50');
  if (!state.warned80At && (breached || elapsed >= target * 0.8)) out.push('warning_80');
  if (!state.breachedAt && breached) out.push('breach');
  return out;
}

/** Marks events as raised at `at` (what the sweep writes back). */
export function markRaised(state: SlaClockState, kinds: SlaEventKind[], at: Date): SlaClockState {
  const next = { ...state };
  for (const k of kinds) {
    if (k === 'warning_50') next.warned50At ??= at;
    if (k === 'warning_80') next.warned80At ??= at;
    if (k === 'breach') next.breachedAt ??= at;
  }
  return next;
}

/** When a threshold (0.5, 0.8, 1) will be reached if nothing pauses the clock again. */
export function thresholdAt(state: SlaClockState, fraction: number, clock: WorkingClock): Date {
  return clock.addWorkingMs(
    state.startedAt,
    targetWorkingMs(state, clock) * fraction + state.pausedWorkingMs,
  );
}
