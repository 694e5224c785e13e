import { Injectable, Logger } from '@nestjs/common';
import { JobQueue } from '../jobs/job-queue';
import { ALERT_DELIVER_JOB, deliverJobOptions } from './alert-jobs';
import { SEND_TIMEOUT_MS } from './alert-delivery.service';
import { AlertsRepository } from './alerts.repository';

export interface AlertSweepOptions {
  /** `sending` longer than this: the worker died mid-send */
  leaseSeconds: number;
  /** due and untouched this long: the job was lost */
  graceSeconds: number;
}

export const DEFAULT_ALERT_SWEEP: AlertSweepOptions = {
  leaseSeconds: Math.ceil(SEND_TIMEOUT_MS / 1000) * 6,
  graceSeconds: 60,
};

/**
 * The delivery safety net (job `alerts.sweep`): a send whose worker died becomes `unknown` (the
 * message may have arrived; a person may resend it from the alert list), and a due message whose
 * job got lost gets a new one.
 */
@Injectable()
export class AlertSweepService {
  private readonly log = new Logger('Alerts');

  constructor(
    private readonly alerts: AlertsRepository,
    private readonly jobs: JobQueue,
  ) {}

  async sweep(o: AlertSweepOptions = DEFAULT_ALERT_SWEEP): Promise<{ unknown: number; requeued: number }> {
    const stuck = await this.alerts.settleStuck(o.leaseSeconds);
    const lost = await this.alerts.dueWithoutProgress(o.graceSeconds);
    for (const a of lost) {
      await this.jobs.enqueue(
        ALERT_DELIVER_JOB,
        { alertId: a.id },
        deliverJobOptions(a.id, new Date(a.nextAttemptAt)),
      );
    }
    if (stuck.length || lost.length) {
      this.log.warn(
        { unknown: stuck, requeued: lost.length },
        'alert sweep settled interrupted sends / lost jobs',
      );
    }
    return { unknown: stuck.length, requeued: lost.length };
  }
}
