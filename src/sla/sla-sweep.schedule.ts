import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { JobQueue } from '../jobs/job-queue';
import { SlaSweepService } from './sla-sweep.service';

export const SLA_SWEEP_JOB = 'sla.sweep';

/**
 * Every 30 s each worker instance only enqueues the sweep under one singleton key, so however
 * many instances tick, one sweep runs at a time; a worker runs it.
 */
@Injectable()
export class SlaSweepSchedule implements OnModuleInit {
  private readonly logger = new Logger(SlaSweepSchedule.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly sweeper: SlaSweepService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** ROLE=api instances serve HTTP only: no sweep handler, no tick. */
  private get runsWorkers(): boolean {
    return this.config.ROLE !== 'api';
  }

  /** Registered at module init: the queue holds handlers until it starts. */
  async onModuleInit(): Promise<void> {
    if (!this.runsWorkers) return;
    await this.jobs.work(SLA_SWEEP_JOB, async () => {
      await this.sweeper.sweep();
    });
  }

  @Interval(SLA_SWEEP_JOB, 30_000)
  async tick(): Promise<void> {
    if (!this.runsWorkers) return;
    try {
      await this.jobs.enqueue(
        SLA_SWEEP_JOB,
        {},
        { singletonKey: SLA_SWEEP_JOB, expireInSeconds: 120, retryLimit: 0 },
      );
    } catch (err) {
      this.logger.warn(`could not enqueue the SLA sweep: ${(err as Error).message}`);
    }
  }
}
