import { Module } from '@nestjs/common';
import { AssignmentModule } from '../assignment/assignment.module';
import { AuditModule } from '../audit/audit.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { SlaModule } from '../sla/sla.module';
import { ConnectorsModule } from '../connectors/connectors.module';
import { SourcesModule } from '../sources/sources.module';
import { TagsModule } from '../tags/tags.module';
import { AssigneesController } from './assignees.controller';
import { AssigneesRepository } from './assignees.repository';
import { PostContextService } from './post-context.service';
import { PostContextsRepository } from './post-contexts.repository';
import { AnalysisCorrectionsService } from './analysis-corrections.service';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';
import { InboxRepository } from './inbox.repository';
import { ItemsController } from './items.controller';
import { SnoozeWakeService } from './snooze-wake.service';
import { AnalysisReviewController } from './review/analysis-review.controller';
import { AnalysisReviewRepository } from './review/analysis-review.repository';
import { AnalysisReviewService } from './review/analysis-review.service';
import { SavedViewsController } from './saved-views/saved-views.controller';
import { SavedViewsRepository } from './saved-views/saved-views.repository';
import { SavedViewsService } from './saved-views/saved-views.service';
import { TemplatesController } from './templates.controller';
import { TemplatesRepository } from './templates.repository';
import { TemplatesService } from './templates.service';

/** The shared inbox: queue, conversation view, assignment, notes, templates, analysis corrections and review, snooze wake-up. */
@Module({
  imports: [
    AuditModule,
    AssignmentModule,
    ConversationsModule,
    SlaModule,
    TagsModule,
    SourcesModule,
    ConnectorsModule,
  ],
  controllers: [
    ConversationsController,
    TemplatesController,
    ItemsController,
    AnalysisReviewController,
    SavedViewsController,
    AssigneesController,
  ],
  providers: [
    AssigneesRepository,
    PostContextService,
    PostContextsRepository,
    InboxRepository,
    ConversationsService,
    TemplatesRepository,
    TemplatesService,
    AnalysisCorrectionsService,
    AnalysisReviewRepository,
    AnalysisReviewService,
    SnoozeWakeService,
    SavedViewsRepository,
    SavedViewsService,
  ],
})
export class InboxModule {}
