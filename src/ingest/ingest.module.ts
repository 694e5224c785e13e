import { Module } from '@nestjs/common';
import { SourcesModule } from '../sources/sources.module';
import { InboundWebhooksController } from './inbound-webhooks.controller';
import { IngestService } from './ingest.service';

/**
 * Idempotent ingest, and the routes that push items in (generic webhook, VK Callback, Telegram webhook).
 * ItemAnalysis (the active model) comes from the global AnalysisModule.
 */
@Module({
  imports: [SourcesModule],
  controllers: [InboundWebhooksController],
  providers: [IngestService],
  exports: [IngestService],
})
export class IngestModule {}
