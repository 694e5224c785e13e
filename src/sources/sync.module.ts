import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module';
import { PushReceivers } from './push-receivers.service';
import { SourcesModule } from './sources.module';
import { SyncService } from './sync.service';

/** Pull schedule + workers and push receivers; both do nothing on ROLE=api. */
@Module({
  imports: [SourcesModule, IngestModule],
  providers: [SyncService, PushReceivers],
  exports: [SyncService, PushReceivers],
})
export class SyncModule {}
