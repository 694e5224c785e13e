import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ConversationsRepository } from '../conversations/conversations.repository';
import { conversationUpdated, publishInboxEvents } from '../inbox/inbox-events';
import { OnJob } from '../jobs/on-job';
import { NotificationsService } from '../notifications/notifications.service';
import {
  type AgentLoad,
  type AgentState,
  connected,
  idleExpired,
  manualAssignRoom,
  rankCandidates,
  RETURN_COOLDOWN_MS,
  type RoomDecision,
  type WaitingConversation,
} from './assignment-rules';
import { AssignmentRepository } from './assignment.repository';

export const HAND_OUT_JOB = 'assignment.hand-out';
export const IDLE_RETURN_JOB = 'assignment.idle-return';
/** The audit actor of automatic assignments is nobody (null); the data says `by: 'auto'`. */
const MAX_PER_PASS = 500;
/** Lock contention retries per pass before it ends (the next tick goes on). */
const MAX_CONTENDED = 2000;
const ANY: WaitingConversation = { id: '', teamId: null, language: null };

export interface HandOutResult {
  assigned: { conversationId: string; userId: string }[];
  /** Conversations that found nobody with room (they wait in the queue). */
  waiting: number;
}

/**
 * Capacity and auto-assignment. The hand-out takes the waiting conversations one at a time,
 * most urgent first, each in its own short transaction:
 *
 *   1. lock the next waiting conversation, skipping rows someone else holds (SKIP LOCKED): two
 *      assigners never look at the same conversation;
 *   2. rank the online agents with room (pure rules);
 *   3. lock the best agent's availability row and count their load again under that lock (the
 *      count is a statement of its own, after the lock, so it sees every assignment committed by
 *      whoever held the lock before): two assigners never push one agent over capacity;
 *   4. assign (compare-and-set on "nobody holds it"), audit, announce.
 *
 * Runs as a job every few seconds on workers (any number of them) and after an agent goes online.
 */
@Injectable()
export class AssignmentService {
  private readonly log = new Logger('Assignment');

  constructor(
    private readonly db: DataSource,
    private readonly repo: AssignmentRepository,
    private readonly conversations: ConversationsRepository,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  @OnJob({ name: HAND_OUT_JOB, every: 5, expireInSeconds: 120 })
  async handOutJob(): Promise<void> {
    await this.timeOutAgents();
    const r = await this.handOut();
    if (r.assigned.length) this.log.log(`handed out ${r.assigned.length}; ${r.waiting} waiting`);
  }

  @OnJob({ name: IDLE_RETURN_JOB, every: 30, expireInSeconds: 120 })
  async idleReturnJob(): Promise<void> {
    await this.returnIdle();
  }

  async handOut(now: () => Date = () => new Date(), max = MAX_PER_PASS): Promise<HandOutResult> {
    const assigned: HandOutResult['assigned'] = [];
    const tried: string[] = [];
    let contended = 0;
    while (assigned.length + tried.length < max && contended < MAX_CONTENDED) {
      const step = await this.db.transaction(async (tx) => {
        // who has room (each pick is checked again under that agent's lock)
        const agents = await this.repo.agents(tx, true);
        const at = now();
        if (!agents.some((a) => rankCandidates([a], ANY, at).length > 0)) return null; // all full: everything waits
        const [c] = await this.conversations.lockNextWaiting(tx, tried, 1, RETURN_COOLDOWN_MS);
        if (!c) return null;
        // not straight back to the agent an idle or breach return took it from
        const exclude = c.returnedFrom ? [c.returnedFrom] : [];
        return { conversationId: c.id, outcome: await this.assignOne(tx, c, at, exclude, null, agents) };
      });
      if (!step) break;
      const { conversationId, outcome } = step;
      if (outcome === 'busy') {
        // the agents with room are being assigned by another worker this instant: look again
        contended++;
        await new Promise((r) => setTimeout(r, 5));
      } else if (outcome) assigned.push({ conversationId, userId: outcome });
      else tried.push(conversationId);
    }
    return { assigned, waiting: tried.length };
  }

  /**
   * Gives a conversation locked by the caller to the best agent with room (not one of `exclude`),
   * inside the caller's transaction. Returns who got it; null when nobody has room; 'busy' when
   * the ones with room are locked by another assigner right now (agent locks are taken with SKIP
   * LOCKED: an assigner never waits for a lock, so two can never deadlock).
   */
  async assignOne(
    tx: EntityManager,
    c: WaitingConversation,
    now: Date,
    exclude: readonly string[],
    from: string | null = null,
    agents?: AgentLoad[],
  ): Promise<string | null | 'busy'> {
    agents ??= await this.repo.agents(tx, true);
    let busy = false;
    for (const candidate of rankCandidates(agents, c, now, exclude)) {
      const locked = await this.repo.lockAgent(tx, candidate.userId);
      if (locked === 'busy') {
        busy = true;
        continue;
      }
      if (!locked || locked.state !== 'online' || !connected(locked, now) || locked.load >= locked.capacity)
        continue;
      if (!(await this.conversations.assign(tx, c.id, candidate.userId, from))) return null;
      await this.repo.markAssigned(tx, candidate.userId);
      await this.audit.record(
        null,
        'conversation.assigned',
        'conversation',
        c.id,
        { from, to: candidate.userId, by: 'auto', load: locked.load + 1, capacity: locked.capacity },
        tx,
      );
      await publishInboxEvents(tx, [conversationUpdated(c.id, { assigneeId: candidate.userId, auto: true })]);
      return candidate.userId;
    }
    return busy ? 'busy' : null;
  }

  /**
   * Whether a person may give a conversation (locked by the caller) to agent `to` by hand: the
   * agent's row is locked and the load counted inside the caller's transaction, so concurrent takes
   * and the hand-out never put the agent past capacity (see manualAssignRoom).
   */
  async manualRoom(
    tx: EntityManager,
    to: string,
    countsAgainstCapacity: boolean,
    actor: { role: string },
    overCapacity: boolean,
  ): Promise<{ decision: RoomDecision; name: string; load: number; capacity: number }> {
    if (!countsAgainstCapacity) return { decision: 'ok', name: '', load: 0, capacity: 0 };
    const room = await this.repo.lockAgentRoom(tx, to);
    if (!room) return { decision: 'ok', name: '', load: 0, capacity: 0 }; // not an agent: the caller refuses it
    return { decision: manualAssignRoom(room, true, actor, overCapacity), ...room };
  }

  /**
   * Assigned open conversations whose holder did nothing for their team's idle minutes go back
   * to the queue (the holder is told); the next hand-out gives them to someone with room.
   */
  async returnIdle(now: Date = new Date()): Promise<{ conversationId: string; from: string }[]> {
    return this.db.transaction(async (tx) => {
      const idle = (await this.conversations.lockIdleAssigned(tx, now, 200)).filter((c) =>
        idleExpired(new Date(c.lastActionAt), c.idleMinutes, now),
      );
      const returned: { conversationId: string; from: string }[] = [];
      for (const c of idle) {
        if (!(await this.conversations.returnToQueue(tx, c.id, c.assigneeId))) continue;
        returned.push({ conversationId: c.id, from: c.assigneeId });
        await this.audit.record(
          null,
          'conversation.returned_to_queue',
          'conversation',
          c.id,
          { from: c.assigneeId, idleMinutes: c.idleMinutes },
          tx,
        );
        await publishInboxEvents(tx, [
          conversationUpdated(c.id, { assigneeId: null, returnedToQueue: true }),
        ]);
      }
      await this.notifications.notify(
        tx,
        idle
          .filter((c) => returned.some((r) => r.conversationId === c.id))
          .map((c) => ({
            userId: c.assigneeId,
            kind: 'returned_to_queue' as const,
            conversationId: c.id,
            data: { idleMinutes: c.idleMinutes },
            dedupeKey: `idle:${c.id}:${new Date(c.lastActionAt).toISOString()}`,
          })),
      );
      return returned;
    });
  }

  /** Agents whose browser is gone become offline (they get nothing more until they are back). */
  async timeOutAgents(now: Date = new Date()): Promise<string[]> {
    return (await this.repo.timeOut(now)).map((r) => r.userId);
  }

  async setState(userId: string, state: AgentState, languages?: string[]) {
    await this.repo.setState(this.db, userId, state, languages);
    await this.audit.record(userId, 'agent.status', 'user', userId, {
      state,
      ...(languages ? { languages } : {}),
    });
    return this.status(userId);
  }

  async status(userId: string) {
    const a = await this.repo.agent(userId);
    return a ? agentView(a) : null;
  }

  async agents() {
    return (await this.repo.agents()).map(agentView);
  }

  async setLanguages(actorId: string, userId: string, languages: string[]) {
    await this.repo.setLanguages(this.db, userId, languages);
    await this.audit.record(actorId, 'agent.languages', 'user', userId, { languages });
    return this.status(userId);
  }

  teamSettings() {
    return this.repo.teamSettings();
  }

  async setTeamSettings(
    actorId: string,
    s: { teamId: string; autoAssign: boolean; idleReturnMinutes: number | null },
  ) {
    const ok = await this.db.transaction(async (tx) => {
      const done = await this.repo.setTeamSettings(tx, s);
      if (done) await this.audit.record(actorId, 'team.assignment', 'team', s.teamId, { ...s }, tx);
      return done;
    });
    return ok ? (await this.repo.teamSettings()).find((t) => t.teamId === s.teamId)! : null;
  }

  /** Browsers of these people are connected (the live stream's heartbeat). */
  touchSeen(userIds: readonly string[]) {
    return this.repo.touchSeen(userIds);
  }
}

function agentView(a: Awaited<ReturnType<AssignmentRepository['agent']>> & object) {
  return {
    userId: a.userId,
    name: a.name,
    state: a.state,
    capacity: a.capacity,
    load: a.load,
    languages: a.languages,
    teamIds: a.teamIds,
    seenAt: a.seenAt,
    changedAt: a.changedAt,
  };
}
