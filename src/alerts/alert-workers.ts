import { Injectable, OnModuleInit } from '@nestjs/common';
import { RuntimeRole } from '../config/runtime-role';
import { JobQueue } from '../jobs/job-queue';
import { JobSchedule } from '../jobs/job-schedule';
import { AlertDeliveryService } from './alert-delivery.service';
import {
  ALERT_DELIVER_JOB,
  ALERTS_EVALUATE_JOB,
  ALERTS_SWEEP_JOB,
  EVALUATE_INTERVAL_SECONDS,
  SWEEP_INTERVAL_SECONDS,
} from './alert-jobs';
import { AlertSweepService } from './alert-sweep.service';
import { AlertsEvaluationService } from './alerts-evaluation.service';

/** Workers only: the delivery handler, and the evaluation and sweep schedules. */
@Injectable()
export class AlertWorkers implements OnModuleInit {
  constructor(
    private readonly role: RuntimeRole,
    private readonly jobs: JobQueue,
    private readonly schedule: JobSchedule,
    private readonly delivery: AlertDeliveryService,
    private readonly evaluation: AlertsEvaluationService,
    private readonly sweeper: AlertSweepService,
  ) {}

  async onModuleInit() {
    if (!this.role.runsWorkers) return;
    await this.jobs.work<{ alertId: string }>(
      ALERT_DELIVER_JOB,
      async (jobs) => {
        await Promise.all(jobs.map((j) => this.delivery.deliver(j.data.alertId)));
      },
      { batchSize: 4, pollingIntervalSeconds: 0.5 },
    );
    await this.jobs.work(ALERTS_EVALUATE_JOB, async () => {
      await this.evaluation.evaluate();
    });
    await this.jobs.work(ALERTS_SWEEP_JOB, async () => {
      await this.sweeper.sweep();
    });
    this.schedule.every(ALERTS_EVALUATE_JOB, EVALUATE_INTERVAL_SECONDS);
    this.schedule.every(ALERTS_SWEEP_JOB, SWEEP_INTERVAL_SECONDS);
  }
}
