import { Injectable, OnModuleInit } from '@nestjs/common';
import { RuntimeRole } from '../config/runtime-role';
import { JobQueue } from '../jobs/job-queue';
import { JobSchedule } from '../jobs/job-schedule';
import { SlaSweepService } from './sla-sweep.service';

export const SLA_SWEEP_JOB = 'sla.sweep';
export const SLA_SWEEP_INTERVAL_SECONDS = 30;

/**
 * Workers register the sweep handler and a 30 s JobSchedule entry: every instance ticks, but the
 * schedule's throttle and singleton key make one sweep run per slot, never overlapping.
 * ROLE=api registers neither (JobSchedule.every is a no-op there too).
 */
@Injectable()
export class SlaSweepSchedule implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly schedule: JobSchedule,
    private readonly sweeper: SlaSweepService,
    private readonly role: RuntimeRole,
  ) {}

  /** Registered at module init: the queue holds handlers until it starts; ticks start at bootstrap. */
  async onModuleInit(): Promise<void> {
    if (!this.role.runsWorkers) return;
    await this.jobs.work(SLA_SWEEP_JOB, async () => {
      await this.sweeper.sweep();
    });
    this.schedule.every(SLA_SWEEP_JOB, SLA_SWEEP_INTERVAL_SECONDS);
  }
}
