import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { SessionUser } from '../users/user.types';
import {
  actOnConversation,
  heldByAnother,
  OVERRIDE_AUDIT_ACTION,
  type HolderDecision,
} from '../conversations/holder';
import { ConversationsRepository } from '../conversations/conversations.repository';
import { JobQueue } from '../jobs/job-queue';
import { conversationUpdated, publishInboxEvents, replyUpdated } from '../inbox/inbox-events';
import { CreateReplyDto, MarkDeliveredDto } from './dto/reply.dto';
import { RepliesRepository } from './replies.repository';
import { shortcutCandidates } from './template-shortcuts';
import { DELIVER_JOB, deliverJobOptions, ReplyDeliveryService } from './reply-delivery.service';

/**
 * The agent's side of the outbox: a reply is a queued row (and its audit entry) committed in one
 * transaction, then handed to the delivery job. A person settles replies whose outcome is unknown.
 */
@Injectable()
export class RepliesService {
  constructor(
    private readonly db: DataSource,
    private readonly replies: RepliesRepository,
    private readonly conversations: ConversationsRepository,
    private readonly delivery: ReplyDeliveryService,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
  ) {}

  /**
   * `clientKey` (the Idempotency-Key header) makes a double-clicked Send one reply. An agent may
   * not answer a conversation another agent holds (one voice per customer); an unassigned one
   * becomes theirs.
   */
  async create(conversationId: string, dto: CreateReplyDto, user: SessionUser, clientKey?: string) {
    // A template's shortcut is for finding it, never text for the customer.
    const shortcuts = await this.replies.templateShortcuts(this.db, shortcutCandidates(dto.text));
    if (shortcuts.length > 0) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        code: 'template_shortcut',
        message: `the reply contains the template shortcut ${shortcuts.map((s) => `/${s}`).join(', ')}: insert the template instead`,
        shortcuts,
      });
    }
    const { row } = await this.db.transaction(async (tx) => {
      const conv = await this.conversations.lock(tx, conversationId);
      if (!conv) throw new NotFoundException('conversation not found');
      const target = await this.replies.target(tx, conversationId, dto.inReplyToItemId);
      if (!target) {
        throw new BadRequestException(
          dto.inReplyToItemId ? 'inReplyToItemId is not in this conversation' : 'nothing to reply to yet',
        );
      }
      const id = randomUUID();
      const idempotencyKey = clientKey ? `client:${user.id}:${clientKey}` : `reply:${id}`;
      // The collision guard: someone answered this item since the agent loaded it (checked under
      // the conversation's lock, so of two racing replies the second sees the first). Before the
      // holder check, so an agent beaten to it sees the answer that beat her.
      if (dto.loadedAt && dto.force !== true) {
        const other = await this.replies.answeredSince(
          tx,
          conversationId,
          target.id,
          dto.loadedAt,
          idempotencyKey,
        );
        if (other) {
          throw new ConflictException({
            statusCode: 409,
            error: 'Conflict',
            code: 'already_answered',
            message:
              'this message got a company reply since you loaded the conversation; send force: true to send anyway',
            reply: other,
          });
        }
      }
      const decision = actOnConversation(conv.assigneeId, user);
      if (decision === 'refused') throw new ConflictException(heldByAnother(conv.assigneeId));
      const result = await this.replies.insert(tx, {
        id,
        conversationId,
        inReplyToItemId: target.id,
        sourceId: conv.sourceId,
        authorId: user.id,
        text: dto.text,
        idempotencyKey,
        statusAfter: dto.statusAfter ?? null,
      });
      if (!result.created) return result;
      await this.conversations.touchAgentAction(tx, conversationId, user.id);
      await this.overridden(decision, user, conversationId, conv.assigneeId, 'reply.create', id, tx);
      if (!conv.assigneeId) {
        await this.conversations.assign(tx, conversationId, user.id, null);
        await this.audit.record(
          user.id,
          'conversation.assigned',
          'conversation',
          conversationId,
          { from: null, to: user.id, by: 'reply' },
          tx,
        );
      }
      await this.audit.record(
        user.id,
        'reply.queued',
        'reply',
        id,
        { conversationId, inReplyToItemId: target.id, chars: dto.text.length },
        tx,
      );
      await publishInboxEvents(tx, [
        replyUpdated(conversationId, id, 'queued'),
        ...(conv.assigneeId ? [] : [conversationUpdated(conversationId, { assigneeId: user.id })]),
      ]);
      // The job commits with the row: no window where a reply exists without its delivery job.
      await this.jobs.enqueue(DELIVER_JOB, { replyId: id }, { ...deliverJobOptions(id), transaction: tx });
      return result;
    });
    return row;
  }

  async get(id: string) {
    const row = await this.replies.find(this.db, id);
    if (!row) throw new NotFoundException('reply not found');
    return row;
  }

  /**
   * A person decided the reply did not reach the platform (or it failed and was fixed): send
   * again. Only the conversation's holder (or an admin, audited) decides that.
   */
  async resend(id: string, user: SessionUser) {
    await this.db.transaction(async (tx) => {
      const row = await this.replies.find(tx, id);
      if (!row) throw new NotFoundException('reply not found');
      const conv = await this.conversations.lock(tx, row.conversationId);
      const decision = actOnConversation(conv?.assigneeId ?? null, user);
      if (decision === 'refused') throw new ConflictException(heldByAnother(conv!.assigneeId));
      if (!(await this.replies.resend(tx, id))) {
        throw new ConflictException(`a ${row.status} reply cannot be resent; only unknown or failed ones`);
      }
      await this.audit.record(user.id, 'reply.resend', 'reply', id, { from: row.status }, tx);
      await this.overridden(decision, user, row.conversationId, conv!.assigneeId, 'reply.resend', id, tx);
      await this.jobs.enqueue(DELIVER_JOB, { replyId: id }, { ...deliverJobOptions(id), transaction: tx });
    });
    return this.get(id);
  }

  /**
   * A person found the reply on the platform: it counts as delivered when it was sent. The
   * holder's call (or an admin's, audited), like a resend.
   */
  async markDelivered(id: string, dto: MarkDeliveredDto, user: SessionUser) {
    const row = await this.get(id);
    const holderId = await this.replies.conversationHolder(this.db, row.conversationId);
    const decision = actOnConversation(holderId, user);
    if (decision === 'refused') throw new ConflictException(heldByAnother(holderId));
    const ok = await this.delivery.delivered(
      id,
      dto.platformMessageId ?? null,
      ['unknown'],
      'sent_at',
      user.id,
    );
    if (!ok)
      throw new ConflictException(`a ${row.status} reply cannot be marked delivered; only unknown ones`);
    await this.overridden(decision, user, row.conversationId, holderId, 'reply.mark_delivered', id);
    return this.get(id);
  }

  /** An admin acted on a conversation someone else holds: said so in the audit log. */
  private async overridden(
    decision: HolderDecision,
    user: SessionUser,
    conversationId: string,
    holderId: string | null,
    action: string,
    replyId: string,
    tx?: EntityManager,
  ): Promise<void> {
    if (decision !== 'override') return;
    await this.audit.record(
      user.id,
      OVERRIDE_AUDIT_ACTION,
      'conversation',
      conversationId,
      { holderId, action, replyId },
      tx,
    );
  }
}
