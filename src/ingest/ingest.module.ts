import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { SlaModule } from '../sla/sla.module';
import { SourcesModule } from '../sources/sources.module';
import { InboundWebhooksController } from './inbound-webhooks.controller';
import { IngestRepository } from './ingest.repository';
import { IngestService } from './ingest.service';

/**
 * Idempotent ingest, and the routes that push items in (generic webhook, VK Callback, Telegram webhook).
 * ItemAnalysis (the active model) comes from the global AnalysisModule.
 */
@Module({
  imports: [SourcesModule, ConversationsModule, SlaModule],
  controllers: [InboundWebhooksController],
  providers: [IngestRepository, IngestService],
  exports: [IngestService],
})
export class IngestModule {}
