import { Module } from '@nestjs/common';
import { DeadlineService } from './deadline.service';
import { SlaClockRepository } from './sla-clock.repository';
import { SlaClockService } from './sla-clock.service';
import { SlaPoliciesController } from './sla-policies.controller';
import { SlaPolicyRepository } from './sla-policy.repository';
import { SlaPolicyService } from './sla-policy.service';
import { SlaSweepSchedule } from './sla-sweep.schedule';
import { SlaSweepService } from './sla-sweep.service';

/**
 * SLA: policies (admin API), deadlines for ingest, pause/resume for the inbox, and the sweep
 * that raises warnings and breaches. Needs JobQueue and APP_CONFIG from the app, and
 * ScheduleModule.forRoot() (JobsModule loads it on worker roles) for the tick.
 */
@Module({
  controllers: [SlaPoliciesController],
  providers: [
    SlaPolicyRepository,
    SlaClockRepository,
    SlaPolicyService,
    DeadlineService,
    SlaClockService,
    SlaSweepService,
    SlaSweepSchedule,
  ],
  exports: [DeadlineService, SlaPolicyService, SlaClockService, SlaSweepService],
})
export class SlaModule {}
