import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ConversationTagsController, TagsController } from './tags.controller';
import { TagRulesService } from './tag-rules.service';
import { TagsRepository } from './tags.repository';
import { TagsService } from './tags.service';

/**
 * Tags: the list, tags on conversations, and auto-tag rules (tag-rules.ts, applied by ingest
 * through TagRulesService and TagsRepository.addFromRules). Report counts follow by trigger.
 */
@Module({
  imports: [AuditModule],
  controllers: [TagsController, ConversationTagsController],
  providers: [TagsRepository, TagsService, TagRulesService],
  exports: [TagsRepository, TagsService, TagRulesService],
})
export class TagsModule {}
