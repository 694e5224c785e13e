import { Module } from '@nestjs/common';
import { AssignmentModule } from '../assignment/assignment.module';
import { EventsController } from './events.controller';
import { InboxEventsHub } from './inbox-events.hub';
import { InboxEventsPruneService } from './inbox-events-prune.service';
import { InboxEventsRepository } from './inbox-events.repository';

/**
 * The live inbox: one LISTEN connection per API instance (InboxEventsHub), GET /api/events
 * (Server-Sent Events) for signed-in browsers, and the workers' pruning of old events.
 * Writers publish with src/inbox/inbox-events.ts.
 */
@Module({
  imports: [AssignmentModule],
  controllers: [EventsController],
  providers: [InboxEventsRepository, InboxEventsHub, InboxEventsPruneService],
  exports: [InboxEventsHub],
})
export class RealtimeModule {}
