import { Module } from '@nestjs/common';
import { SourcesModule } from '../sources/sources.module';
import { InboundWebhooksController } from './inbound-webhooks.controller';
import { IngestService } from './ingest.service';
import { ItemAnalysis, loadItemAnalysis } from './item-analysis';

/** Idempotent ingest, and the routes that push items in (generic webhook, VK Callback, Telegram webhook). */
@Module({
  imports: [SourcesModule],
  controllers: [InboundWebhooksController],
  providers: [IngestService, { provide: ItemAnalysis, useFactory: () => loadItemAnalysis() }],
  exports: [IngestService],
})
export class IngestModule {}
