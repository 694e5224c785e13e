import { Module } from '@nestjs/common';
import { ConnectorsModule } from '../connectors/connectors.module';
import { IngestModule } from '../ingest/ingest.module';
import { PushReceivers } from './push-receivers.service';
import { SourcesModule } from './sources.module';
import { SyncService } from './sync.service';
import { WebhookReceiverController } from './webhook-receiver.controller';

/**
 * How items reach ingest: the pull schedule and workers and the push receivers (both do nothing
 * on ROLE=api), and the webhook receiver (HTTP, every role that serves it).
 */
@Module({
  imports: [ConnectorsModule, SourcesModule, IngestModule],
  controllers: [WebhookReceiverController],
  providers: [SyncService, PushReceivers],
  exports: [SyncService, PushReceivers],
})
export class SyncModule {}
