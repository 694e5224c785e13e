import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PG, pgCode } from '../database/pg-errors';
import { publishInboxEvents, replyUpdated } from '../inbox/inbox-events';
import { JobQueue } from '../jobs/job-queue';
import { OnJob } from '../jobs/on-job';
import { BusinessCalendar, workingClockFor } from '../sla/calendar';
import { SlaPolicyService } from '../sla/sla-policy.service';
import type { SessionUser } from '../users/user.types';
import { ackReason, ackText, answerBy, ruleFor } from './auto-ack';
import { AutoAckRepository, AutoAckRuleFields } from './auto-ack.repository';
import { RepliesRepository } from './replies.repository';
import { DELIVER_JOB, deliverJobOptions } from './reply-delivery.service';

export const AUTO_ACK_JOB = 'replies.auto_ack';
/** Only messages whose clock started this recently are acknowledged (not a backlog after downtime). */
const WINDOW_MINUTES = 30;

/**
 * Auto-acknowledgement: a 10 s sweep finds conversations whose SLA clock just started with no
 * reply yet, asks the rules (auto-ack.ts) and queues the message in the reply outbox with the
 * idempotency key of the customer item it answers, so any number of workers send it once.
 * Delivery marks it an acknowledgement: the clock keeps running (ReplyDeliveryService).
 */
@Injectable()
export class AutoAckService {
  private readonly log = new Logger('AutoAck');

  constructor(
    private readonly db: DataSource,
    private readonly acks: AutoAckRepository,
    private readonly replies: RepliesRepository,
    private readonly policies: SlaPolicyService,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
  ) {}

  @OnJob({ name: AUTO_ACK_JOB, every: 10, expireInSeconds: 60 })
  async job(): Promise<void> {
    await this.sweep();
  }

  /** Returns the replies it queued (for tests and the log). */
  async sweep(now = new Date()): Promise<Array<{ replyId: string; conversationId: string; reason: string }>> {
    const rules = (await this.acks.rules()).filter((r) => r.enabled);
    if (rules.length === 0) return [];
    const candidates = await this.acks.candidates(WINDOW_MINUTES);
    if (candidates.length === 0) return [];
    const [policies, wait, companyZone] = await Promise.all([
      this.policies.rulesById(),
      this.acks.expectedWaitMinutes(),
      this.acks.companyZone(),
    ]);
    const queued: Array<{ replyId: string; conversationId: string; reason: string }> = [];
    for (const c of candidates) {
      const rule = ruleFor(rules, c.sourceId, c.intent);
      const calendar = c.policyId ? (policies.get(c.policyId)?.calendar ?? null) : null;
      const clock = workingClockFor(calendar);
      const working = clock instanceof BusinessCalendar ? clock.isWorkingAt(c.writtenAt) : true;
      const reason = ackReason(rule, { kind: c.kind, working, expectedWaitMinutes: wait });
      if (!rule || !reason) continue;
      const zone = calendar?.timeZone ?? companyZone;
      const text = ackText(rule, c.language, {
        ru: answerBy(c.dueAt, now, zone, 'ru'),
        en: answerBy(c.dueAt, now, zone, 'en'),
      });
      const id = await this.db.transaction(async (tx) => this.queue(tx, c, text, reason, rule.id));
      if (id) queued.push({ replyId: id, conversationId: c.conversationId, reason });
    }
    if (queued.length) this.log.log({ count: queued.length }, 'auto-acknowledgements queued');
    return queued;
  }

  private async queue(
    tx: EntityManager,
    c: { conversationId: string; sourceId: string; itemId: string },
    text: string,
    reason: string,
    ruleId: string,
  ): Promise<string | null> {
    const id = randomUUID();
    const { created } = await this.replies.insert(tx, {
      id,
      conversationId: c.conversationId,
      inReplyToItemId: c.itemId,
      sourceId: c.sourceId,
      authorId: null,
      text,
      // one per customer item, whichever worker gets there first
      idempotencyKey: `auto-ack:item:${c.itemId}`,
      statusAfter: null,
      autoAck: true,
    });
    if (!created) return null;
    await this.audit.record(
      null,
      'reply.auto_ack',
      'reply',
      id,
      { conversationId: c.conversationId, reason, ruleId },
      tx,
    );
    await publishInboxEvents(tx, [replyUpdated(c.conversationId, id, 'queued')]);
    await this.jobs.enqueue(DELIVER_JOB, { replyId: id }, { ...deliverJobOptions(id), transaction: tx });
    return id;
  }

  // the admin's rules

  rules() {
    return this.acks.rules();
  }

  async create(f: AutoAckRuleFields & { templateRu: string; templateEn: string }, user: SessionUser) {
    return this.write(async (tx) => {
      const id = await this.acks.create(tx, f, user.id);
      await this.audit.record(user.id, 'auto_ack_rule.created', 'auto_ack_rule', id, { ...f }, tx);
      return (await this.acks.find(tx, id))!;
    });
  }

  async update(id: string, f: AutoAckRuleFields, user: SessionUser) {
    return this.write(async (tx) => {
      const before = await this.acks.find(tx, id);
      if (!before || !(await this.acks.update(tx, id, f, user.id)))
        throw new NotFoundException('rule not found');
      await this.audit.record(
        user.id,
        'auto_ack_rule.updated',
        'auto_ack_rule',
        id,
        { before, change: f },
        tx,
      );
      return (await this.acks.find(tx, id))!;
    });
  }

  private async write<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(fn);
    } catch (err) {
      if (err instanceof QueryFailedError && pgCode(err) === PG.UNIQUE_VIOLATION)
        throw new ConflictException('a rule for this source and intent exists');
      if (err instanceof QueryFailedError && pgCode(err) === PG.FOREIGN_KEY_VIOLATION)
        throw new NotFoundException('source not found');
      throw err;
    }
  }
}
