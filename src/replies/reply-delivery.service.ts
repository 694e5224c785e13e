import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Connector, ConnectorError, OutgoingReply, SendResult, SourceContext } from '../connectors/connector';
import { recordAnswer } from '../conversations/conversation-lifecycle';
import { ConversationsRepository } from '../conversations/conversations.repository';
import { conversationUpdated, publishInboxEvents } from '../inbox/inbox-events';
import { JobQueue } from '../jobs/job-queue';
import { SlaPolicyService } from '../sla/sla-policy.service';
import {
  decideAfterSendError,
  DEFAULT_RETRY_POLICY,
  describeError,
  LEASE_HEARTBEAT_MS,
} from './delivery-policy';
import { ClaimedReply, RepliesRepository, ReplyStatus, StatusAfter } from './replies.repository';
import { ReplyChannels } from './reply-channels';
import { TimelineRepository } from './timeline.repository';

export const DELIVER_JOB = 'reply.deliver';

/** Singleton key of one delivery attempt's job; the claim makes a duplicate job harmless anyway. */
export const deliverJobKey = (replyId: string, attempt = 0) =>
  attempt ? `reply:${replyId}:${attempt}` : `reply:${replyId}`;

/**
 * The sweep's job for a reply it recovers after `attempts` attempts. A key of its own: the job of
 * a killed worker stays `active` in pg-boss until it expires (minutes), and must not hold up the
 * recovery under the same key.
 */
export const recoverJobOptions = (replyId: string, attempts: number) => ({
  ...deliverJobOptions(replyId),
  singletonKey: `reply:${replyId}:recover:${attempts}`,
});

/**
 * The job's own retries only cover a crash of the handler (e.g. the database went away);
 * send outcomes are settled in the reply row, never by retrying the job.
 */
export const deliverJobOptions = (replyId: string, attempt = 0) => ({
  singletonKey: deliverJobKey(replyId, attempt),
  retryLimit: 3,
  retryDelaySeconds: 2,
  expireInSeconds: 300,
});

/**
 * Delivers one queued reply through its platform's connector, exactly once:
 * claim (queued → sending, one worker wins) → connector.send with the reply id as idempotency key →
 * delivered (+ outbound item + first response) | queued again | unknown | failed.
 */
@Injectable()
export class ReplyDeliveryService {
  private readonly log = new Logger('Replies');

  constructor(
    private readonly db: DataSource,
    private readonly replies: RepliesRepository,
    private readonly timeline: TimelineRepository,
    private readonly conversations: ConversationsRepository,
    private readonly policies: SlaPolicyService,
    private readonly channels: ReplyChannels,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
  ) {}

  /** Returns the reply's status after this attempt, or undefined when another worker had it. */
  async deliver(replyId: string): Promise<ReplyStatus | undefined> {
    const reply = await this.replies.claim(replyId);
    if (!reply) return undefined;

    let connector: Connector;
    let source: SourceContext;
    let outgoing: OutgoingReply;
    try {
      connector = this.channels.connector(reply.platform);
      source = await this.channels.sourceContext(reply.sourceId);
      outgoing = await this.outgoing(reply);
    } catch (err) {
      // Nothing was sent: a person must fix the source or the data first.
      return this.fail(
        reply,
        err instanceof ConnectorError ? err : new ConnectorError('configuration', describeError(err)),
      );
    }

    let result: SendResult;
    const lease = this.keepLease(reply.id);
    try {
      result = await connector.send(source, outgoing);
    } catch (err) {
      await this.channels.reportSourceError(reply.sourceId, err);
      return this.afterError(reply, err);
    } finally {
      lease.stop();
    }
    // The platform's answer wins over whatever the lease sweep decided meanwhile: `unknown`
    // (non-idempotent platforms) or `queued` again (idempotent ones, e.g. VK) — a queued retry
    // would only repeat a post that exists.
    await this.delivered(reply.id, result.platformMessageId, ['sending', 'unknown', 'queued'], 'now');
    this.log.log(
      { replyId: reply.id, platform: reply.platform, attempts: reply.attempts },
      'reply delivered',
    );
    return 'delivered';
  }

  /**
   * Marks delivered and applies it to the conversation in one transaction: the outbound item on
   * the timeline and, for the first response, the SLA clock stopped.
   */
  async delivered(
    replyId: string,
    platformMessageId: string | null,
    from: ReplyStatus[],
    deliveredAt: 'now' | 'sent_at',
    actorId: string | null = null,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const done = await this.replies.markDelivered(tx, replyId, platformMessageId, from, deliveredAt);
      if (!done) return false;
      const reply = await this.replies.find(tx, replyId);
      const itemId = await this.timeline.storeOutboundItem(
        tx,
        replyId,
        platformMessageId ?? `reply:${replyId}`,
        done.deliveredAt,
      );
      // an acknowledgement is not an answer: the clock keeps running, no first response
      const { firstResponse } = done.autoAck
        ? { firstResponse: false }
        : await this.recordAnswer(tx, done, reply!.createdAt);
      await this.conversations.refreshPreviews(tx, [done.conversationId]);
      await this.audit.record(
        actorId,
        actorId ? 'reply.marked_delivered' : 'reply.delivered',
        'reply',
        replyId,
        {
          conversationId: done.conversationId,
          platformMessageId,
          itemId,
          firstResponse,
          autoAck: done.autoAck,
        },
        tx,
      );
      // the reply's own event went out with markDelivered; the conversation moved too
      await publishInboxEvents(tx, [
        conversationUpdated(done.conversationId, { answered: !done.autoAck, statusAfter: done.statusAfter }),
      ]);
      return true;
    });
  }

  /** The conversation learns it was answered (first response, the clock stopped: see recordAnswer). */
  private async recordAnswer(
    tx: EntityManager,
    done: { conversationId: string; deliveredAt: Date; statusAfter: StatusAfter | null },
    replyCreatedAt: Date,
  ): Promise<{ firstResponse: boolean }> {
    const rules = await this.policies.clockRules();
    const conv = await this.conversations.lock(tx, done.conversationId);
    if (!conv) return { firstResponse: false };
    const firstInboundAt =
      conv.sla.startedAt || conv.firstMessageAt ? null : await this.conversations.firstInboundAt(tx, conv.id);
    const { state, firstResponse } = recordAnswer(
      conv,
      {
        replyCreatedAt,
        deliveredAt: done.deliveredAt,
        at: new Date(),
        statusAfter: done.statusAfter,
        firstInboundAt,
      },
      rules,
    );
    await this.conversations.save(tx, [state]);
    return { firstResponse };
  }

  private async afterError(reply: ClaimedReply, err: unknown): Promise<ReplyStatus> {
    const decision = decideAfterSendError(err, reply.attempts, DEFAULT_RETRY_POLICY);
    if (decision.kind === 'retry') {
      const at = await this.replies.requeue(reply.id, decision.delayMs, decision.error);
      this.log.warn(
        { replyId: reply.id, attempts: reply.attempts, delayMs: decision.delayMs },
        'reply send will be retried',
      );
      // A lost enqueue is recovered by the sweep; the claim makes a duplicate harmless.
      if (at) {
        await this.jobs
          .enqueue(
            DELIVER_JOB,
            { replyId: reply.id },
            { ...deliverJobOptions(reply.id, reply.attempts), startAfter: at },
          )
          .catch((e) =>
            this.log.warn({ err: e, replyId: reply.id }, 'could not enqueue the retry; the sweep will'),
          );
      }
      return 'queued';
    }
    if (decision.kind === 'unknown') {
      await this.db.transaction(async (tx) => {
        if (await this.replies.settle(tx, reply.id, 'unknown', decision.error)) {
          await this.audit.record(null, 'reply.unknown', 'reply', reply.id, { error: decision.error }, tx);
        }
      });
      this.log.warn(
        { replyId: reply.id },
        'reply outcome unknown: a person decides (never resent automatically)',
      );
      return 'unknown';
    }
    return this.fail(reply, err, decision.error);
  }

  private async fail(reply: ClaimedReply, err: unknown, error = describeError(err)): Promise<ReplyStatus> {
    await this.db.transaction(async (tx) => {
      if (await this.replies.settle(tx, reply.id, 'failed', error)) {
        await this.audit.record(null, 'reply.failed', 'reply', reply.id, { error }, tx);
      }
    });
    this.log.warn({ replyId: reply.id, error }, 'reply failed');
    return 'failed';
  }

  /** Renews the `sending` lease while the platform call runs (a dead worker stops renewing). */
  private keepLease(replyId: string): { stop(): void } {
    const timer = setInterval(() => {
      void this.replies
        .renewLease(replyId)
        .catch((err: unknown) => this.log.warn({ err, replyId }, 'could not renew the sending lease'));
    }, LEASE_HEARTBEAT_MS);
    timer.unref();
    return { stop: () => clearInterval(timer) };
  }

  private async outgoing(reply: ClaimedReply): Promise<OutgoingReply> {
    const target = await this.replies.target(this.db, reply.conversationId, reply.inReplyToItemId);
    if (!target) throw new ConnectorError('configuration', 'the item this reply answers is missing');
    return {
      replyId: reply.id,
      text: reply.text,
      inReplyTo: {
        externalId: target.externalId,
        threadExternalId: target.threadExternalId ?? target.externalId,
        kind: target.kind as OutgoingReply['inReplyTo']['kind'],
        raw: target.raw ?? undefined,
      },
    };
  }
}
