import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { DeadlineService } from './deadline.service';
import { SlaClockRepository } from './sla-clock.repository';
import { SlaPoliciesController } from './sla-policies.controller';
import { SlaPolicyRepository } from './sla-policy.repository';
import { SlaPolicyService } from './sla-policy.service';
import { SlaSweepSchedule } from './sla-sweep.schedule';
import { SlaSweepService } from './sla-sweep.service';

/**
 * SLA: policies (admin API; a change recomputes the running clocks), deadlines for ingest, the
 * clock rules the conversation lifecycle asks for, and the sweep that raises warnings and breaches. Needs JobQueue and APP_CONFIG from the app, and
 * ScheduleModule.forRoot() (JobsModule loads it on worker roles) for the tick.
 */
@Module({
  imports: [ConversationsModule],
  controllers: [SlaPoliciesController],
  providers: [
    SlaPolicyRepository,
    SlaClockRepository,
    SlaPolicyService,
    DeadlineService,
    SlaSweepService,
    SlaSweepSchedule,
  ],
  exports: [DeadlineService, SlaPolicyService, SlaSweepService],
})
export class SlaModule {}
