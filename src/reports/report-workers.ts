import { Injectable } from '@nestjs/common';
import { OnJob } from '../jobs/on-job';
import { RollupMaintenance } from './rollups/rollup-maintenance.service';
import { TermsWorker } from './rollups/terms-worker.service';

export const REPORTS_FOLD_JOB = 'reports.fold';
export const REPORTS_TERMS_JOB = 'reports.terms';
export const REPORTS_SNAPSHOT_JOB = 'reports.snapshot';

/** Fold the rollup deltas, count terms, snapshot the backlog (registered on workers: JobHandlers). */
@Injectable()
export class ReportWorkers {
  constructor(
    private readonly maintenance: RollupMaintenance,
    private readonly terms: TermsWorker,
  ) {}

  @OnJob({ name: REPORTS_FOLD_JOB, every: 5, expireInSeconds: 120 })
  async fold(): Promise<void> {
    await this.maintenance.fold();
  }

  @OnJob({ name: REPORTS_TERMS_JOB, every: 5, expireInSeconds: 1800 })
  async countTerms(): Promise<void> {
    await this.terms.drain();
  }

  // once per hour is recorded; every 5 minutes makes sure no hour is missed (at most 5 minutes late)
  @OnJob({ name: REPORTS_SNAPSHOT_JOB, every: 300, expireInSeconds: 120 })
  async snapshot(): Promise<void> {
    await this.maintenance.snapshot();
  }
}
