/**
 * Who gets a waiting conversation (pure rules; the SQL that makes them safe under concurrency is
 * in AssignmentRepository and ConversationsRepository). A care agent handles about six live
 * conversations well, so each has a capacity (users.max_open_conversations, default 6).
 *
 * - Only agents who are online, whose browser is still connected (seen within SEEN_TIMEOUT_MS),
 *   and who are under capacity are candidates.
 * - A conversation routed to a team goes to that team's members only; one whose customer wrote in
 *   a language goes to agents who list that language, or who list none (they take any).
 * - Least loaded first (load over capacity, then fewer open), then whoever waited longest since
 *   their last assignment, then a stable tie-break.
 */
export type AgentState = 'online' | 'away' | 'offline';
export const AGENT_STATES: readonly AgentState[] = ['online', 'away', 'offline'];

/** The statuses that count against an agent's capacity: what they still have to work on. */
export const LOAD_STATUSES = ['open', 'pending'] as const;

/** A browser that has not been on the live stream this long is gone: its agent goes offline. */
export const SEEN_TIMEOUT_MS = 60_000;

export interface AgentLoad {
  userId: string;
  state: AgentState;
  capacity: number;
  /** Conversations held in LOAD_STATUSES. */
  load: number;
  languages: readonly string[];
  teamIds: readonly string[];
  seenAt: Date | null;
  lastAssignedAt: Date | null;
}

export interface WaitingConversation {
  id: string;
  teamId: string | null;
  /** The language of the customer's newest message (null: unknown). */
  language: string | null;
  /** The agent an idle or breach return took it from within RETURN_COOLDOWN_MS (null: none). */
  returnedFrom?: string | null;
}

/**
 * A conversation taken back from an agent (idle, or a breach) is not handed straight back to
 * them: the hand-out skips that agent this long. If nobody else can take it meanwhile it waits in
 * the queue (where anyone may take it by hand); after that the agent is a candidate again, so a
 * team of one still gets its conversations.
 */
export const RETURN_COOLDOWN_MS = 30 * 60_000;

export function connected(a: Pick<AgentLoad, 'seenAt'>, now: Date): boolean {
  return a.seenAt !== null && now.getTime() - a.seenAt.getTime() <= SEEN_TIMEOUT_MS;
}

export function hasRoom(a: Pick<AgentLoad, 'load' | 'capacity'>): boolean {
  return a.load < a.capacity;
}

/** Team and language restrictions (capacity and state aside). */
export function canServe(a: AgentLoad, c: WaitingConversation): boolean {
  if (c.teamId !== null && !a.teamIds.includes(c.teamId)) return false;
  if (c.language !== null && a.languages.length > 0 && !a.languages.includes(c.language)) return false;
  return true;
}

/**
 * The agents who may get this conversation now, best first. The caller locks the first one,
 * checks again under the lock (another assigner may have filled them meanwhile) and moves on to
 * the next when they are full.
 */
export function rankCandidates(
  agents: readonly AgentLoad[],
  c: WaitingConversation,
  now: Date,
  exclude: readonly string[] = [],
): AgentLoad[] {
  return agents
    .filter((a) => a.state === 'online' && connected(a, now) && hasRoom(a) && canServe(a, c))
    .filter((a) => !exclude.includes(a.userId))
    .sort(
      (x, y) =>
        x.load / x.capacity - y.load / y.capacity ||
        x.load - y.load ||
        (x.lastAssignedAt?.getTime() ?? 0) - (y.lastAssignedAt?.getTime() ?? 0) ||
        (x.userId < y.userId ? -1 : x.userId > y.userId ? 1 : 0),
    );
}

/**
 * An assigned open conversation with no action by its holder for the team's idle minutes goes
 * back to the queue. The clock is the later of the assignment and the holder's last action.
 */
export function idleExpired(lastActionAt: Date, idleReturnMinutes: number | null, now: Date): boolean {
  if (idleReturnMinutes === null) return false;
  return now.getTime() - lastActionAt.getTime() >= idleReturnMinutes * 60_000;
}

/** An agent who is not offline and whose browser is gone becomes offline. */
export function timedOut(a: Pick<AgentLoad, 'state' | 'seenAt'>, now: Date): boolean {
  return a.state !== 'offline' && !connected(a, now);
}

/**
 * A person giving a conversation to an agent by hand (taking it, handing it over, an admin's
 * assignment) respects the same capacity as the hand-out: a conversation that will count against
 * the agent (open or pending) needs room. Past capacity only by an admin who says so
 * (`overCapacity`; audited); an agent is refused (409 at_capacity).
 */
export type RoomDecision = 'ok' | 'override' | 'refused';
export function manualAssignRoom(
  room: Pick<AgentLoad, 'load' | 'capacity'>,
  countsAgainstCapacity: boolean,
  actor: { role: string },
  overCapacity: boolean,
): RoomDecision {
  if (!countsAgainstCapacity || hasRoom(room)) return 'ok';
  return actor.role === 'admin' && overCapacity ? 'override' : 'refused';
}
