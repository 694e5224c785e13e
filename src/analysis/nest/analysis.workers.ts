import { Injectable, Logger } from '@nestjs/common';
import type { Job } from '../../jobs/job-queue';
import { OnJob } from '../../jobs/on-job';
import { RetrainService } from './retrain.service';

export const RETRAIN_JOB = 'analysis.retrain';
/** The cadence: a model is retrained at most weekly (anchored on model_versions, so restarts keep it). */
export const RETRAIN_INTERVAL_SECONDS = 7 * 24 * 3600;
/**
 * How often workers check whether the weekly retrain is due. pg-boss cannot throttle a job over
 * more than its archive interval (12 h), so JobSchedule cannot tick weekly itself; the week is
 * counted from the newest model_versions row instead.
 */
export const RETRAIN_CHECK_SECONDS = 6 * 3600;

export interface RetrainJobData {
  /** Set by the admin endpoint: retrain even without new corrections. */
  force?: boolean;
  requestedBy?: string;
}

/** The weekly retrain on workers (when the team corrected something); an admin can queue one at any time. */
@Injectable()
export class AnalysisWorkers {
  private readonly logger = new Logger('Retrain');

  constructor(private readonly retrain: RetrainService) {}

  @OnJob({ name: RETRAIN_JOB, every: RETRAIN_CHECK_SECONDS })
  async retrainJob([job]: Job<RetrainJobData>[]): Promise<void> {
    await this.runJob(job.data);
  }

  /** One retrain job: scheduled ones only when due, an admin's always. Returns whether it trained. */
  async runJob(data: RetrainJobData): Promise<boolean> {
    if (!data.force && !(await this.retrain.due(RETRAIN_INTERVAL_SECONDS))) {
      this.logger.debug('weekly retrain not due (a recent model, or no new corrections)');
      return false;
    }
    await this.retrain.run();
    return true;
  }
}
