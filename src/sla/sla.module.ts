import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { AssignmentModule } from '../assignment/assignment.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SlaEscalationService } from './sla-escalation.service';
import { SlaClockRepository } from './sla-clock.repository';
import { SlaPoliciesController } from './sla-policies.controller';
import { SlaPolicyRepository } from './sla-policy.repository';
import { SlaPolicyService } from './sla-policy.service';
import { SlaSweepService } from './sla-sweep.service';

/**
 * SLA: policies (admin API; a change recomputes the running clocks and NOTIFYs every instance),
 * the one cached rule set ingest triages against (triageItem) and the conversation lifecycle's
 * clock rules come from, and the sweep that raises warnings and breaches. Needs JobQueue and APP_CONFIG from the app, and
 * ScheduleModule.forRoot() (JobsModule loads it on worker roles) for the tick.
 */
@Module({
  imports: [AuditModule, ConversationsModule, NotificationsModule, AssignmentModule],
  controllers: [SlaPoliciesController],
  providers: [
    SlaPolicyRepository,
    SlaClockRepository,
    SlaPolicyService,
    SlaSweepService,
    SlaEscalationService,
  ],
  exports: [SlaPolicyService, SlaSweepService],
})
export class SlaModule {}
