import { Injectable } from '@nestjs/common';
import type { Job } from '../jobs/job-queue';
import { OnJob } from '../jobs/on-job';
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

/** The delivery handler, and the evaluation and sweep schedules (registered on workers: JobHandlers). */
@Injectable()
export class AlertWorkers {
  constructor(
    private readonly delivery: AlertDeliveryService,
    private readonly evaluation: AlertsEvaluationService,
    private readonly sweeper: AlertSweepService,
  ) {}

  @OnJob({ name: ALERT_DELIVER_JOB, batchSize: 4, pollingIntervalSeconds: 0.5 })
  async deliver(jobs: Job<{ alertId: string }>[]): Promise<void> {
    await Promise.all(jobs.map((j) => this.delivery.deliver(j.data.alertId)));
  }

  @OnJob({ name: ALERTS_EVALUATE_JOB, every: EVALUATE_INTERVAL_SECONDS })
  async evaluate(): Promise<void> {
    await this.evaluation.evaluate();
  }

  @OnJob({ name: ALERTS_SWEEP_JOB, every: SWEEP_INTERVAL_SECONDS })
  async sweep(): Promise<void> {
    await this.sweeper.sweep();
  }
}
