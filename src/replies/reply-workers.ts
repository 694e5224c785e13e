import { Injectable } from '@nestjs/common';
import type { Job } from '../jobs/job-queue';
import { OnJob } from '../jobs/on-job';
import { ReplyDeliveryService, DELIVER_JOB } from './reply-delivery.service';
import { ReplySweepService, SWEEP_JOB } from './reply-sweep.service';

/** With the 20 s lease: a reply whose worker died settles within ~30 s of the death. */
export const SWEEP_INTERVAL_SECONDS = 10;

/** The delivery handler and the recovery sweep's schedule (registered on workers: JobHandlers). */
@Injectable()
export class ReplyWorkers {
  constructor(
    private readonly delivery: ReplyDeliveryService,
    private readonly sweeper: ReplySweepService,
  ) {}

  // Three pollers: a send held up by one platform (VK's deadline is 30 s) never delays the rest.
  @OnJob({ name: DELIVER_JOB, batchSize: 2, pollingIntervalSeconds: 0.5, concurrency: 3 })
  async deliver(jobs: Job<{ replyId: string }>[]): Promise<void> {
    // A throw here would retry the job; deliver() settles every outcome in the row instead.
    await Promise.all(jobs.map((j) => this.delivery.deliver(j.data.replyId)));
  }

  // A sweep takes milliseconds; one held by a killed worker must not block the next for long.
  @OnJob({ name: SWEEP_JOB, every: SWEEP_INTERVAL_SECONDS, expireInSeconds: 60 })
  async sweep(): Promise<void> {
    await this.sweeper.sweep();
  }
}
