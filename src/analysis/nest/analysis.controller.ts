import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../../audit/audit.service';
import { CurrentUser, Roles } from '../../auth/auth.decorators';
import type { SessionUser } from '../../users/user.types';
import { JobQueue } from '../../jobs/job-queue';
import { ActiveModel } from './active-model';
import { RETRAIN_JOB, RetrainJobData } from './analysis.workers';
import { labels, LabelsView } from './labels.view';
import { ModelVersionsRepository } from './model-versions.repository';

/** Model versions and on-demand retraining. */
@ApiTags('analysis')
@Controller('api/analysis')
export class AnalysisController {
  constructor(
    private readonly jobs: JobQueue,
    private readonly versions: ModelVersionsRepository,
    private readonly active: ActiveModel,
    private readonly audit: AuditService,
  ) {}

  /** The intent and sentiment labels, in the order the UI lists them; for everyone signed in. */
  @Get('labels')
  @Roles('admin', 'agent', 'analyst')
  @ApiOkResponse({ type: LabelsView })
  labels(): LabelsView {
    return labels();
  }

  /** Queues a retrain on the workers (202); one at a time. */
  @Post('retrain')
  @HttpCode(202)
  @Roles('admin')
  async retrain(@CurrentUser() user: SessionUser) {
    const data: RetrainJobData = { force: true, requestedBy: user.id };
    const jobId = await this.jobs.enqueue(RETRAIN_JOB, data, {
      singletonKey: RETRAIN_JOB,
      retryLimit: 0,
      expireInSeconds: 1800,
    });
    await this.audit.record(user.id, 'analysis.retrain_requested', 'model_version', null, { jobId });
    return { queued: jobId !== null, jobId };
  }

  /** Every version with its figures, newest first, and which one this instance scores with. */
  @Get('models')
  @Roles('admin', 'analyst')
  async models() {
    return {
      serving: { version: this.active.version, loadedFrom: this.active.loadedFrom },
      versions: await this.versions.list(),
    };
  }
}
