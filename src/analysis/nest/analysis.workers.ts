import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { RuntimeRole } from '../../config/runtime-role';
import { JobQueue } from '../../jobs/job-queue';
import { JobSchedule } from '../../jobs/job-schedule';
import { RetrainService } from './retrain.service';

export const RETRAIN_JOB = 'analysis.retrain';
export const RETRAIN_INTERVAL_SECONDS = 7 * 24 * 3600;

export interface RetrainJobData {
  /** Set by the admin endpoint: retrain even without new corrections. */
  force?: boolean;
  requestedBy?: string;
}

/** The weekly retrain on workers; an admin can queue one at any time. */
@Injectable()
export class AnalysisWorkers implements OnModuleInit {
  private readonly logger = new Logger('Retrain');

  constructor(
    private readonly role: RuntimeRole,
    private readonly jobs: JobQueue,
    private readonly schedule: JobSchedule,
    private readonly retrain: RetrainService,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.role.runsWorkers) return;
    await this.jobs.work<RetrainJobData>(RETRAIN_JOB, async ([job]) => {
      if (!job.data.force && !(await this.retrain.due())) {
        this.logger.log('no new corrections since the last model: retrain skipped');
        return;
      }
      await this.retrain.run();
    });
    this.schedule.every(RETRAIN_JOB, RETRAIN_INTERVAL_SECONDS);
  }
}
