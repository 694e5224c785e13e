import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { JobQueue } from '../jobs/job-queue';
import { decideStuckSending, SENDING_LEASE_SECONDS } from './delivery-policy';
import { RepliesRepository } from './replies.repository';
import { ReplyChannels } from './reply-channels';
import { DELIVER_JOB, recoverJobOptions } from './reply-delivery.service';

export const SWEEP_JOB = 'reply.sweep';

export interface SweepOptions {
  /** A queued reply with no progress for this long has lost its job. */
  graceSeconds: number;
  /** A reply in `sending` with no heartbeat for this long belongs to a worker that died mid-send. */
  leaseSeconds: number;
}

export const DEFAULT_SWEEP: SweepOptions = { graceSeconds: 30, leaseSeconds: SENDING_LEASE_SECONDS };

/**
 * The outbox's safety net, run as a scheduled job: re-enqueues queued replies whose job was lost
 * (a crash between commit and enqueue), and settles replies stuck in `sending` — back to the queue
 * only when the platform dedupes our sends, otherwise `unknown` for a person to decide.
 */
@Injectable()
export class ReplySweepService {
  private readonly log = new Logger('Replies');

  constructor(
    private readonly replies: RepliesRepository,
    private readonly channels: ReplyChannels,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
  ) {}

  async sweep(
    opts: SweepOptions = DEFAULT_SWEEP,
  ): Promise<{ reenqueued: number; requeued: number; unknown: number }> {
    let requeued = 0;
    let unknown = 0;
    for (const stuck of await this.replies.stuckSending(opts.leaseSeconds)) {
      const to = decideStuckSending(this.channels.idempotentSends(stuck.platform));
      if (!(await this.replies.releaseStuck(stuck.id, to, opts.leaseSeconds))) continue;
      await this.audit.record(null, to === 'queued' ? 'reply.requeued' : 'reply.unknown', 'reply', stuck.id, {
        reason: 'sending lease expired',
      });
      if (to === 'queued') {
        requeued++;
        await this.jobs.enqueue(
          DELIVER_JOB,
          { replyId: stuck.id },
          recoverJobOptions(stuck.id, stuck.attempts),
        );
      } else unknown++;
    }
    const lost = await this.replies.dueWithoutProgress(opts.graceSeconds);
    for (const r of lost) {
      await this.jobs.enqueue(DELIVER_JOB, { replyId: r.id }, recoverJobOptions(r.id, r.attempts));
    }
    if (lost.length || requeued || unknown) {
      this.log.warn({ reenqueued: lost.length, requeued, unknown }, 'reply sweep recovered outbox rows');
    }
    return { reenqueued: lost.length, requeued, unknown };
  }
}
