import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { JobQueue } from '../jobs/job-queue';
import { JobSchedule } from '../jobs/job-schedule';
import { ReplyDeliveryService, DELIVER_JOB } from './reply-delivery.service';
import { ReplySweepService, SWEEP_JOB } from './reply-sweep.service';

/** With the 20 s lease: a reply whose worker died settles within ~30 s of the death. */
export const SWEEP_INTERVAL_SECONDS = 10;

/** Registers the delivery and sweep handlers and the sweep's schedule (workers only). */
@Injectable()
export class ReplyWorkers implements OnModuleInit {
  private readonly log = new Logger('Replies');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly schedule: JobSchedule,
    private readonly delivery: ReplyDeliveryService,
    private readonly sweeper: ReplySweepService,
  ) {}

  async onModuleInit() {
    if (this.config.ROLE === 'api') return;
    await this.jobs.work<{ replyId: string }>(
      DELIVER_JOB,
      async (jobs) => {
        // A throw here would retry the job; deliver() settles every outcome in the row instead.
        await Promise.all(jobs.map((j) => this.delivery.deliver(j.data.replyId)));
      },
      // Three pollers: a send held up by one platform (VK's deadline is 30 s) never delays the rest.
      { batchSize: 2, pollingIntervalSeconds: 0.5, concurrency: 3 },
    );
    await this.jobs.work(SWEEP_JOB, async () => {
      await this.sweeper.sweep();
    });
    // A sweep takes milliseconds; one held by a killed worker must not block the next for long.
    this.schedule.every(SWEEP_JOB, SWEEP_INTERVAL_SECONDS, {}, { expireInSeconds: 60 });
    this.log.debug('reply delivery workers registered');
  }
}
