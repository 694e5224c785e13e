import { Module } from '@nestjs/common';
import { ConnectorsModule } from '../connectors/connectors.module';
import { AuditModule } from '../audit/audit.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { SlaModule } from '../sla/sla.module';
import { SourcesModule } from '../sources/sources.module';
import { AutoAckController } from './auto-ack.controller';
import { AutoAckRepository } from './auto-ack.repository';
import { AutoAckService } from './auto-ack.service';
import { RepliesController } from './replies.controller';
import { RepliesRepository } from './replies.repository';
import { RepliesService } from './replies.service';
import { ReplyChannels } from './reply-channels';
import { ReplyDeliveryService } from './reply-delivery.service';
import { ReplySweepService } from './reply-sweep.service';
import { ReplyWorkers } from './reply-workers';
import { TimelineRepository } from './timeline.repository';

/**
 * Replies as an outbox: queued in the agent's transaction, delivered exactly once by a job,
 * recovered by a sweep, settled by a person when the outcome is unknown.
 */
@Module({
  imports: [AuditModule, ConnectorsModule, SourcesModule, ConversationsModule, SlaModule],
  controllers: [RepliesController, AutoAckController],
  providers: [
    RepliesRepository,
    TimelineRepository,
    ReplyChannels,
    RepliesService,
    ReplyDeliveryService,
    ReplySweepService,
    ReplyWorkers,
    AutoAckRepository,
    AutoAckService,
  ],
  exports: [RepliesService, ReplyDeliveryService, ReplySweepService, AutoAckService],
})
export class RepliesModule {}
