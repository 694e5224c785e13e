import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { KbController } from './kb.controller';
import { KbRepository } from './kb.repository';
import { KbService } from './kb.service';

/** The knowledge base: articles, search, suggestions for the open conversation, usage. */
@Module({
  imports: [AuditModule],
  controllers: [KbController],
  providers: [KbRepository, KbService],
  exports: [KbRepository],
})
export class KbModule {}
