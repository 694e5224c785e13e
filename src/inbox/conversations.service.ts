import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { DataSource } from 'typeorm';
import { SessionUser } from '../auth/auth.decorators';
import {
  actOnConversation,
  heldByAnother,
  OVERRIDE_AUDIT_ACTION,
  snoozeProblem,
} from '../conversations/holder';
import { SlaClockService } from '../sla/sla-clock.service';
import { ConversationsRepository, ConversationStatus } from './conversations.repository';
import { ListConversationsQuery, UpdateConversationDto } from './dto/inbox.dto';
import { conversationUpdated, publishInboxEvents } from './inbox-events';
import { decodeQueueCursor } from './queue-cursor';

/** The inbox use cases: the queue, one conversation's whole story, assignment and status. */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly db: DataSource,
    private readonly conversations: ConversationsRepository,
    private readonly audit: AuditService,
    private readonly sla: SlaClockService,
  ) {}

  async queue(q: ListConversationsQuery, user: SessionUser) {
    const after = q.cursor ? decodeQueueCursor(q.cursor) : undefined;
    if (q.cursor && !after) throw new BadRequestException('cursor is not valid');
    const status = q.status === 'all' ? undefined : (q.status ?? 'open');
    const assigneeId =
      q.assignee === undefined
        ? undefined
        : q.assignee === 'me'
          ? user.id
          : q.assignee === 'unassigned'
            ? null
            : q.assignee;
    const { rows, next } = await this.conversations.queue({
      status,
      assigneeId,
      sourceId: q.sourceId,
      intent: q.intent,
      after,
      limit: q.limit ?? 50,
    });
    return { conversations: rows, nextCursor: next };
  }

  async details(id: string) {
    const conversation = await this.conversations.find(this.db, id);
    if (!conversation) throw new NotFoundException('conversation not found');
    const [items, replies, notes, otherConversations] = await Promise.all([
      this.conversations.items(id),
      this.conversations.replies(id),
      this.conversations.notes(id),
      conversation.customerId
        ? this.conversations.otherConversationsOfCustomer(conversation.customerId, id)
        : Promise.resolve([]),
    ]);
    return { conversation, items, replies, notes, otherConversations };
  }

  /**
   * Agents take a conversation only when nobody else holds it (409 otherwise), and hand over or
   * release only their own; admins may reassign anything. Status, snooze, team and priority are
   * the holder's (see conversations/holder.ts): another agent gets 409, an admin's change is
   * audited as an override. Every change is audited.
   */
  async update(id: string, dto: UpdateConversationDto, user: SessionUser) {
    const status = this.resolveStatus(dto);
    await this.db.transaction(async (tx) => {
      const current = await this.conversations.lock(tx, id);
      if (!current) throw new NotFoundException('conversation not found');

      // Judged against who held it when the request came: the holder may hand over and set
      // pending in one go; an admin who takes it over and resolves it still overrode someone.
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

      if (dto.assigneeId !== undefined && dto.assigneeId !== current.assigneeId) {
        if (dto.assigneeId !== null && !(await this.conversations.assignableUser(tx, dto.assigneeId))) {
          throw new BadRequestException('assigneeId is not an active agent or admin');
        }
        const ok = await this.conversations.assign(tx, id, dto.assigneeId, user.id, user.role === 'admin');
        if (!ok) {
          throw new ConflictException({
            statusCode: 409,
            message: 'another agent is already working on this conversation',
            assigneeId: current.assigneeId,
          });
        }
        await this.audit.record(
          user.id,
          'conversation.assigned',
          'conversation',
          id,
          {
            from: current.assigneeId,
            to: dto.assigneeId,
          },
          tx,
        );
      }

      if (dto.teamId && !(await this.conversations.teamExists(tx, dto.teamId))) {
        throw new BadRequestException('teamId does not exist');
      }
      await this.conversations.setFields(tx, id, {
        status,
        teamId: dto.teamId,
        priority: dto.priority,
        snoozedUntil: status !== undefined && status !== 'snoozed' ? null : dto.snoozedUntil,
      });
      if (status !== undefined && status !== current.status) {
        // Waiting on the customer stops the SLA clock (if the policy says so); leaving pending restarts it.
        if (status === 'pending') await this.sla.pause(id, new Date(), tx);
        else if (current.status === 'pending') await this.sla.resume(id, new Date(), tx);
        await this.audit.record(
          user.id,
          'conversation.status_changed',
          'conversation',
          id,
          {
            from: current.status,
            to: status,
            ...(status === 'snoozed' ? { snoozedUntil: dto.snoozedUntil } : {}),
          },
          tx,
        );
      }
      const other = { teamId: dto.teamId, priority: dto.priority };
      if (other.teamId !== undefined || other.priority !== undefined) {
        await this.audit.record(user.id, 'conversation.updated', 'conversation', id, other, tx);
      }
      const assigned = dto.assigneeId !== undefined && dto.assigneeId !== current.assigneeId;
      if (changes || assigned) {
        await publishInboxEvents(tx, [
          conversationUpdated(id, { ...changes, ...(assigned ? { assigneeId: dto.assigneeId } : {}) }),
        ]);
      }
    });
    return this.conversations.find(this.db, id);
  }

  async addNote(id: string, text: string, user: SessionUser) {
    return this.db.transaction(async (tx) => {
      if (!(await this.conversations.lock(tx, id))) throw new NotFoundException('conversation not found');
      const note = await this.conversations.addNote(tx, id, user.id, text);
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
