import { Module } from '@nestjs/common';
import { AnalysisModule } from '../analysis/nest/analysis.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { SlaModule } from '../sla/sla.module';
import { TagsModule } from '../tags/tags.module';
import { IngestRepository } from './ingest.repository';
import { IngestService } from './ingest.service';

/**
 * Idempotent ingest (what pushes items in lives with the sources: sync, push receivers and the
 * webhook receiver). ItemAnalysis (the active model) comes from the global AnalysisModule.
 */
@Module({
  imports: [AnalysisModule, ConversationsModule, SlaModule, TagsModule],
  providers: [IngestRepository, IngestService],
  exports: [IngestService],
})
export class IngestModule {}
