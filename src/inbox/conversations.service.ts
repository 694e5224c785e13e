import {
  BadRequestException,
  ConflictException,
  HttpException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LOAD_STATUSES } from '../assignment/assignment-rules';
import { AssignmentService } from '../assignment/assignment.service';
import { AuditService } from '../audit/audit.service';
import type { SessionUser } from '../users/user.types';
import {
  changeStatus,
  type ConversationStatus,
  snoozePastDeadline,
} from '../conversations/conversation-lifecycle';
import { ConversationsRepository, LockedConversation } from '../conversations/conversations.repository';
import {
  actOnConversation,
  heldByAnother,
  mayTake,
  OVERRIDE_AUDIT_ACTION,
  REASSIGNED_AUDIT_ACTION,
  snoozeProblem,
} from '../conversations/holder';
import { SlaPolicyService } from '../sla/sla-policy.service';
import { TagsService } from '../tags/tags.service';
import {
  BulkConversationsDto,
  ConversationFilterDto,
  ListConversationsQuery,
  ReassignConversationDto,
  UnvalidatedQueueQuery,
  UpdateConversationDto,
} from './dto/inbox.dto';
import { conversationReassigned, conversationUpdated, publishInboxEvents } from './inbox-events';
import { ConversationFilter, InboxRepository, QueueFilter } from './inbox.repository';
import { QueueCache } from './queue-cache';
import { decodeQueueCursor, QueueCursor } from './queue-cursor';
import { validatedQuery } from '../security/validation';
import { PostContextService } from './post-context.service';

/** Most conversations one bulk request may change (a page of the queue is 50; 200 is four). */
export const BULK_MAX = 200;

/** The inbox use cases: the queue, one conversation's whole story, assignment and status. */
@Injectable()
export class ConversationsService {
  private readonly pages = new QueueCache();
  private readonly queries = new ValidQueries(1000);

  constructor(
    private readonly db: DataSource,
    private readonly inbox: InboxRepository,
    private readonly conversations: ConversationsRepository,
    private readonly audit: AuditService,
    private readonly policies: SlaPolicyService,
    private readonly tags: TagsService,
    private readonly posts: PostContextService,
    private readonly assignment: AssignmentService,
  ) {}

  /** Adds each conversation's tags (one query for the page). */
  private async withTags<T extends { id: string }>(rows: T[]): Promise<(T & { tags: unknown[] })[]> {
    const tags = await this.tags.ofConversations(rows.map((r) => r.id));
    return rows.map((r) => Object.assign(r, { tags: tags.get(r.id) ?? [] }));
  }

  private async findWithTags(id: string) {
    const c = await this.inbox.find(this.db, id);
    return c ? (await this.withTags([c]))[0] : c;
  }

  /**
   * A page of the queue as QueuePageView's JSON text (the rows come as JSON from PostgreSQL,
   * InboxRepository.queue), from the cache while nothing it shows has been written since
   * (QueueCache; the version read is shared by concurrent requests, InboxRepository.queueState).
   */
  async queue(raw: UnvalidatedQueueQuery, user: SessionUser): Promise<Buffer> {
    const valid = await this.queries.get(raw);
    // only "me" makes the filter the user's own; any other is the same for everyone
    const { filter, key } =
      valid.q.assignee === 'me' ? queuePage(valid, user) : (valid.page ??= queuePage(valid, user));
    const state = await this.inbox.queueState();
    return this.pages.get(key, state, async () => {
      // read before the page: a clock falling due meanwhile only ends the entry early
      const due = filter.sla ? await this.inbox.nextDue() : null;
      const { json, next, pastDueBeyond } = await this.inbox.queue(filter);
      const body = `{"conversations":${json},"nextCursor":${JSON.stringify(next)}}`;
      return { body: Buffer.from(body), until: breachedPageIsFixed(filter, pastDueBeyond) ? null : due };
    });
  }

  async details(id: string) {
    const conversation = await this.inbox.find(this.db, id);
    if (!conversation) throw new NotFoundException('conversation not found');
    const loadedAt = new Date();
    const [items, replies, notes, slaEvents, otherConversations, [withTags]] = await Promise.all([
      this.inbox.items(id),
      this.inbox.replies(id),
      this.inbox.notes(id),
      this.inbox.slaEvents(id),
      conversation.customerId
        ? this.inbox.otherConversationsOfCustomer(conversation.customerId, id)
        : Promise.resolve([]),
      this.withTags([conversation]),
    ]);
    const post = await this.posts.of(conversation, items);
    return { conversation: withTags, post, items, replies, notes, slaEvents, otherConversations, loadedAt };
  }

  /**
   * Taking is first-come for everyone, admins included: assigneeId changes only a conversation
   * nobody holds, or one's own (hand over, release); moving it away from its holder is
   * reassign(). Status, snooze, team and priority are the holder's (see conversations/holder.ts):
   * another agent gets 409, an admin's change is audited as an override. Status and the SLA clock
   * follow the conversation lifecycle; a snooze past the deadline needs confirmPastDeadline.
   * Every change is audited.
   */
  async update(id: string, dto: UpdateConversationDto, user: SessionUser) {
    const status = this.resolveStatus(dto);
    const rules = status !== undefined ? await this.policies.clockRules() : undefined;
    await this.db.transaction(async (tx) => {
      const current = await this.conversations.lock(tx, id);
      if (!current) throw new NotFoundException('conversation not found');

      // Judged against who held it when the request came: the holder may hand over and set
      // pending in one go.
      const changes = stateChanges(dto, status);
      if (changes) {
        const decision = actOnConversation(current.assigneeId, user);
        if (decision === 'refused') throw new ConflictException(heldByAnother(current.assigneeId));
        if (decision === 'override') {
          await this.audit.record(
            user.id,
            OVERRIDE_AUDIT_ACTION,
            'conversation',
            id,
            { holderId: current.assigneeId, action: 'conversation.update', changes },
            tx,
          );
        }
      }

      const assigned = dto.assigneeId !== undefined && dto.assigneeId !== current.assigneeId;
      if (assigned) await this.take(tx, current, dto.assigneeId!, user, dto.overCapacity === true);

      if (dto.teamId && !(await this.inbox.teamExists(tx, dto.teamId))) {
        throw new BadRequestException('teamId does not exist');
      }
      if (status !== undefined) await this.setStatus(tx, current, status, dto, rules!, user);
      // the holder acted: the idle return's clock starts again
      if (changes) await this.conversations.touchAgentAction(tx, id, user.id);
      await this.conversations.setTeamAndPriority(tx, id, { teamId: dto.teamId, priority: dto.priority });
      const other = { teamId: dto.teamId, priority: dto.priority };
      if (other.teamId !== undefined || other.priority !== undefined) {
        await this.audit.record(user.id, 'conversation.updated', 'conversation', id, other, tx);
      }
      if (changes || assigned) {
        await publishInboxEvents(tx, [
          conversationUpdated(id, { ...changes, ...(assigned ? { assigneeId: dto.assigneeId } : {}) }),
        ]);
      }
    });
    return this.findWithTags(id);
  }

  /**
   * An admin moves a conversation away from its holder, naming whom it is taken from (409 when
   * someone else holds it by now). Audited; the previous holder gets a `conversation.reassigned`
   * inbox event naming them.
   */
  async reassign(id: string, dto: ReassignConversationDto, user: SessionUser) {
    await this.db.transaction(async (tx) => {
      const current = await this.conversations.lock(tx, id);
      if (!current) throw new NotFoundException('conversation not found');
      if (current.assigneeId !== dto.fromAssigneeId) {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message:
            'the conversation is not held by fromAssigneeId any more; look again before reassigning it',
          assigneeId: current.assigneeId,
        });
      }
      if (dto.assigneeId === current.assigneeId) return;
      await this.checkAssignable(tx, dto.assigneeId);
      const room = await this.checkRoom(tx, current, dto.assigneeId, user, dto.overCapacity === true);
      await this.conversations.assign(tx, id, dto.assigneeId, current.assigneeId);
      const move = { from: current.assigneeId, to: dto.assigneeId, ...room };
      await this.audit.record(user.id, REASSIGNED_AUDIT_ACTION, 'conversation', id, move, tx);
      await publishInboxEvents(tx, [
        conversationUpdated(id, { assigneeId: dto.assigneeId }),
        ...(move.from ? [conversationReassigned(id, move.from, move.to, user.id)] : []),
      ]);
    });
    return this.findWithTags(id);
  }

  /**
   * One action on several conversations (POST /api/conversations/bulk). Resolve and assign go
   * through update(), one conversation at a time with its own transaction, holder rules and audit
   * entry, so one refused (held by another: 409) or missing (404) does not stop the others; tags go
   * on or off in one transaction. The request itself is audited with what it did.
   */
  async bulk(dto: BulkConversationsDto, user: SessionUser) {
    const results: { id: string; ok: boolean; status: number; error: string | null; code: string | null }[] =
      [];
    if (dto.action === 'tag' || dto.action === 'untag') {
      const on = dto.action === 'tag';
      const changed = await this.db.transaction(async (tx) => {
        const existing = await this.tags.existing(tx, dto.conversationIds);
        const ids = dto.conversationIds.filter((id) => existing.has(id));
        await this.tags.apply(tx, ids, dto.tagId!, user, on);
        return existing;
      });
      for (const id of dto.conversationIds) {
        results.push(
          changed.has(id)
            ? { id, ok: true, status: 200, error: null, code: null }
            : { id, ok: false, status: 404, error: 'conversation not found', code: null },
        );
      }
    } else {
      const change: UpdateConversationDto =
        dto.action === 'resolve'
          ? { status: 'resolved' }
          : { assigneeId: dto.assigneeId ?? null, overCapacity: dto.overCapacity };
      for (const id of dto.conversationIds) {
        try {
          await this.update(id, change, user);
          results.push({ id, ok: true, status: 200, error: null, code: null });
        } catch (err) {
          if (!(err instanceof HttpException) || err.getStatus() >= 500) throw err;
          const body = err.getResponse();
          const message =
            typeof body === 'object' && body && 'message' in body ? String(body.message) : err.message;
          const code = typeof body === 'object' && body && 'code' in body ? String(body.code) : null;
          results.push({ id, ok: false, status: err.getStatus(), error: message, code });
        }
      }
    }
    const succeeded = results.filter((r) => r.ok).length;
    await this.audit.record(user.id, 'conversation.bulk', 'conversation', null, {
      action: dto.action,
      ...(dto.action === 'assign' ? { assigneeId: dto.assigneeId ?? null } : {}),
      ...(dto.tagId ? { tagId: dto.tagId } : {}),
      succeeded,
      failed: results.length - succeeded,
      conversationIds: dto.conversationIds,
    });
    return { action: dto.action, succeeded, failed: results.length - succeeded, results };
  }

  /**
   * Take, hand over or release: only a conversation nobody else holds (409 names the holder), and
   * only to an agent with room (409 at_capacity; an admin may say overCapacity, audited).
   */
  private async take(
    tx: EntityManager,
    current: LockedConversation,
    to: string | null,
    user: SessionUser,
    overCapacity: boolean,
  ) {
    if (!mayTake(current.assigneeId, user)) {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message:
          'another agent is already working on this conversation' +
          (user.role === 'admin' ? '; an admin may reassign it (POST /api/conversations/:id/reassign)' : ''),
        assigneeId: current.assigneeId,
      });
    }
    await this.checkAssignable(tx, to);
    const room = await this.checkRoom(tx, current, to, user, overCapacity);
    await this.conversations.assign(tx, current.id, to, current.assigneeId);
    await this.audit.record(
      user.id,
      'conversation.assigned',
      'conversation',
      current.id,
      { from: current.assigneeId, to, ...room },
      tx,
    );
  }

  /**
   * The capacity of the agent a person gives a conversation to (the hand-out's rule: see
   * AssignmentService.manualRoom). Returns what the audit entry records of a deliberate
   * over-capacity assignment; throws 409 at_capacity otherwise.
   */
  private async checkRoom(
    tx: EntityManager,
    current: LockedConversation,
    to: string | null,
    user: SessionUser,
    overCapacity: boolean,
  ): Promise<{ overCapacity?: { load: number; capacity: number } }> {
    if (to === null || to === current.assigneeId) return {};
    const counts = (LOAD_STATUSES as readonly string[]).includes(current.status);
    const room = await this.assignment.manualRoom(tx, to, counts, user, overCapacity);
    if (room.decision === 'ok') return {};
    if (room.decision === 'override') return { overCapacity: { load: room.load, capacity: room.capacity } };
    const who = to === user.id ? 'you already have' : `${room.name || 'this agent'} already has`;
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      code: 'at_capacity',
      message:
        `${who} ${room.load} of ${room.capacity} conversations open or pending; ` +
        (user.role === 'admin'
          ? 'send overCapacity: true to assign it anyway'
          : 'finish one first, or ask an admin to assign past capacity'),
      assigneeId: to,
      load: room.load,
      capacity: room.capacity,
    });
  }

  private async checkAssignable(tx: EntityManager, userId: string | null) {
    if (userId !== null && !(await this.inbox.assignableUser(tx, userId))) {
      throw new BadRequestException('assigneeId is not an active agent or admin');
    }
  }

  /** The lifecycle decides the clock; a snooze past the deadline waits for the agent's confirmation. */
  private async setStatus(
    tx: EntityManager,
    current: LockedConversation,
    status: ConversationStatus,
    dto: UpdateConversationDto,
    rules: Awaited<ReturnType<SlaPolicyService['clockRules']>>,
    user: SessionUser,
  ) {
    const now = new Date();
    const pastDeadline =
      status === 'snoozed' ? snoozePastDeadline(current, dto.snoozedUntil!, now, rules) : null;
    if (pastDeadline && dto.confirmPastDeadline !== true) {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        code: 'snooze_past_deadline',
        message: 'the answer is due before this snooze ends; send confirmPastDeadline: true to snooze anyway',
        dueAt: pastDeadline.toISOString(),
      });
    }
    const next = changeStatus(current, status, { at: now, snoozedUntil: dto.snoozedUntil }, rules);
    await this.conversations.save(tx, [next]);
    if (status === current.status && !pastDeadline) return;
    await this.audit.record(
      user.id,
      'conversation.status_changed',
      'conversation',
      current.id,
      {
        from: current.status,
        to: status,
        ...(status === 'snoozed' ? { snoozedUntil: dto.snoozedUntil } : {}),
        ...(pastDeadline ? { pastDeadline: pastDeadline.toISOString() } : {}),
      },
      tx,
    );
  }

  async addNote(id: string, text: string, user: SessionUser) {
    return this.db.transaction(async (tx) => {
      if (!(await this.conversations.lock(tx, id))) throw new NotFoundException('conversation not found');
      const note = await this.inbox.addNote(tx, id, user.id, text);
      await this.conversations.touchAgentAction(tx, id, user.id);
      await this.audit.record(user.id, 'note.created', 'conversation', id, { noteId: note!.id }, tx);
      await publishInboxEvents(tx, [
        { type: 'note.created', conversationIds: [id], data: { noteId: note!.id } },
      ]);
      return { ...note, authorName: user.name };
    });
  }

  /** Snoozing needs a wake-up time within MAX_SNOOZE_DAYS; a wake-up time alone means "snooze". */
  private resolveStatus(dto: UpdateConversationDto): ConversationStatus | undefined {
    const status = dto.status ?? (dto.snoozedUntil ? 'snoozed' : undefined);
    if (status === 'snoozed') {
      if (!dto.snoozedUntil) throw new BadRequestException('snoozedUntil is required to snooze');
      const problem = snoozeProblem(dto.snoozedUntil, new Date());
      if (problem) throw new BadRequestException(problem);
    } else if (dto.snoozedUntil) {
      throw new BadRequestException('snoozedUntil only goes with status snoozed');
    }
    return status;
  }
}

/** The API's filter as the read model takes it: `me` is the reader, status defaults to open. */
export function conversationFilter(q: ConversationFilterDto, user: SessionUser): ConversationFilter {
  const { status, assignee } = q;
  return {
    q: q.q,
    sourceId: q.sourceId,
    platform: q.platform,
    sentiment: q.sentiment,
    intent: q.intent,
    language: q.language,
    teamId: q.teamId,
    tagId: q.tagId,
    sla: q.sla,
    from: q.from,
    to: q.to,
    status: status === 'all' ? undefined : (status ?? 'open'),
    assigneeId:
      assignee === undefined
        ? undefined
        : assignee === 'me'
          ? user.id
          : assignee === 'unassigned'
            ? null
            : assignee,
  };
}

/**
 * The queue's query strings as validated before (class-validator, the cursor decoded), by the
 * query as it came: validation and its transforms depend on nothing else, so a query string seen
 * before is valid and means the same. A query that fails is never kept (every time a 400). "me"
 * stays in the DTO: conversationFilter makes it the user's id per request. Bounded (entries and
 * the length of a kept query string).
 */
export interface ValidQuery {
  q: ListConversationsQuery;
  after?: QueueCursor;
  /** The filter and cache key, once worked out, for a query without `assignee=me`. */
  page?: { filter: QueueFilter; key: string };
}

/** The repository's filter for a validated query, and its page cache key. */
function queuePage(v: ValidQuery, user: SessionUser): { filter: QueueFilter; key: string } {
  const filter: QueueFilter = { ...conversationFilter(v.q, user), after: v.after, limit: v.q.limit ?? 50 };
  return { filter, key: JSON.stringify(filter) };
}

export class ValidQueries {
  private readonly known = new Map<string, ValidQuery>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxKeyLength = 2048,
  ) {}

  async get(raw: object): Promise<ValidQuery> {
    const key = JSON.stringify(raw);
    const hit = this.known.get(key);
    if (hit) return hit;
    const q = await validatedQuery(ListConversationsQuery, raw);
    const after = q.cursor ? decodeQueueCursor(q.cursor) : undefined;
    if (q.cursor && !after) throw new BadRequestException('cursor is not valid');
    const valid: ValidQuery = { q, after };
    if (key.length <= this.maxKeyLength) {
      if (this.known.size >= this.maxEntries) this.known.delete(this.known.keys().next().value!);
      this.known.set(key, valid);
    }
    return valid;
  }
}

/**
 * Whether a page of the "breached" filter stays what it is while nothing is written, however
 * long. With the clock alone conversations only join "breached" (a running clock falls due; none
 * leaves without a write), and one that joins later was not yet due when the page was read, so
 * its due time is later than that moment. The queue's order is by due time first: when the row
 * after the page (the page reads one more to know there is a next page) was already past due at
 * that moment, every later joiner sorts after it, so the page, its `more` and its cursor stay the
 * same. Otherwise (a short page: the last one) the page ends when the next clock falls due.
 */
export function breachedPageIsFixed(filter: Pick<QueueFilter, 'sla'>, pastDueBeyond: boolean): boolean {
  return filter.sla === 'breached' && pastDueBeyond;
}

/** The holder's fields a request changes (what an override audit records), or null for none. */
function stateChanges(
  dto: UpdateConversationDto,
  status: ConversationStatus | undefined,
): Record<string, unknown> | null {
  const changes: Record<string, unknown> = {};
  if (status !== undefined) changes.status = status;
  if (dto.snoozedUntil) changes.snoozedUntil = dto.snoozedUntil.toISOString();
  if (dto.teamId !== undefined) changes.teamId = dto.teamId;
  if (dto.priority !== undefined) changes.priority = dto.priority;
  return Object.keys(changes).length > 0 ? changes : null;
}
