import { Injectable, OnModuleInit } from '@nestjs/common';
import { RuntimeRole } from '../config/runtime-role';
import { JobQueue } from '../jobs/job-queue';
import { JobSchedule } from '../jobs/job-schedule';
import { RollupMaintenance } from './rollups/rollup-maintenance.service';
import { TermsWorker } from './rollups/terms-worker.service';

export const REPORTS_FOLD_JOB = 'reports.fold';
export const REPORTS_TERMS_JOB = 'reports.terms';
export const REPORTS_SNAPSHOT_JOB = 'reports.snapshot';

/** Workers only: fold the rollup deltas, count terms, snapshot the backlog. */
@Injectable()
export class ReportWorkers implements OnModuleInit {
  constructor(
    private readonly role: RuntimeRole,
    private readonly jobs: JobQueue,
    private readonly schedule: JobSchedule,
    private readonly maintenance: RollupMaintenance,
    private readonly terms: TermsWorker,
  ) {}

  async onModuleInit() {
    if (!this.role.runsWorkers) return;
    await this.jobs.work(REPORTS_FOLD_JOB, () => this.maintenance.fold());
    await this.jobs.work(REPORTS_TERMS_JOB, async () => {
      await this.terms.drain();
    });
    await this.jobs.work(REPORTS_SNAPSHOT_JOB, () => this.maintenance.snapshot());
    this.schedule.every(REPORTS_FOLD_JOB, 5, {}, { expireInSeconds: 120 });
    this.schedule.every(REPORTS_TERMS_JOB, 5, {}, { expireInSeconds: 1800 });
    // once per quarter hour is recorded; every 5 minutes makes sure no quarter is missed
    this.schedule.every(REPORTS_SNAPSHOT_JOB, 300, {}, { expireInSeconds: 120 });
  }
}
