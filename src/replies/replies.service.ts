import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SessionUser } from '../auth/auth.decorators';
import { JobQueue } from '../jobs/job-queue';
import { CreateReplyDto, MarkDeliveredDto } from './dto/reply.dto';
import { RepliesRepository } from './replies.repository';
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
    const { row } = await this.db.transaction(async (tx) => {
      const conv = await this.replies.lockConversation(tx, conversationId);
      if (!conv) throw new NotFoundException('conversation not found');
      if (conv.assigneeId && conv.assigneeId !== user.id && user.role !== 'admin') {
        throw new ConflictException({
          statusCode: 409,
          message: 'another agent is working on this conversation',
          assigneeId: conv.assigneeId,
        });
      }
      const target = await this.replies.target(tx, conversationId, dto.inReplyToItemId);
      if (!target) {
        throw new BadRequestException(
          dto.inReplyToItemId ? 'inReplyToItemId is not in this conversation' : 'nothing to reply to yet',
        );
      }
      const id = randomUUID();
      const result = await this.replies.insert(tx, {
        id,
        conversationId,
        inReplyToItemId: target.id,
        sourceId: conv.sourceId,
        authorId: user.id,
        text: dto.text,
        idempotencyKey: clientKey ? `client:${user.id}:${clientKey}` : `reply:${id}`,
        statusAfter: dto.statusAfter ?? null,
      });
      if (!result.created) return result;
      if (!conv.assigneeId) {
        await this.replies.takeUnassigned(tx, conversationId, user.id);
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

  /** A person decided the reply did not reach the platform (or it failed and was fixed): send again. */
  async resend(id: string, user: SessionUser) {
    await this.db.transaction(async (tx) => {
      const row = await this.replies.find(tx, id);
      if (!row) throw new NotFoundException('reply not found');
      if (!(await this.replies.resend(tx, id))) {
        throw new ConflictException(`a ${row.status} reply cannot be resent; only unknown or failed ones`);
      }
      await this.audit.record(user.id, 'reply.resend', 'reply', id, { from: row.status }, tx);
      await this.jobs.enqueue(DELIVER_JOB, { replyId: id }, { ...deliverJobOptions(id), transaction: tx });
    });
    return this.get(id);
  }

  /** A person found the reply on the platform: it counts as delivered when it was sent. */
  async markDelivered(id: string, dto: MarkDeliveredDto, user: SessionUser) {
    const row = await this.get(id);
    const ok = await this.delivery.delivered(
      id,
      dto.platformMessageId ?? null,
      ['unknown'],
      'sent_at',
      user.id,
    );
    if (!ok)
      throw new ConflictException(`a ${row.status} reply cannot be marked delivered; only unknown ones`);
    return this.get(id);
  }
}
