import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IngestModule } from '../ingest/ingest.module';
import { QuarantineController } from './quarantine.controller';
import { QuarantineService } from './quarantine.service';

/**
 * The quarantine's admin API. Ingest writes the rows itself (QuarantineRepository, in the
 * transaction that moves the cursor); this module reads and replays them.
 */
@Module({
  imports: [AuditModule, IngestModule],
  controllers: [QuarantineController],
  providers: [QuarantineService],
})
export class QuarantineModule {}
