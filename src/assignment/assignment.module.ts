import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AgentsController } from './agents.controller';
import { AssignmentRepository } from './assignment.repository';
import { AssignmentService } from './assignment.service';

/**
 * Capacity and auto-assignment: agents' availability, the hand-out and idle-return jobs, the
 * teams' settings. The rules are assignment-rules.ts (pure); conversations are written through
 * ConversationsRepository.
 */
@Module({
  imports: [AuditModule, ConversationsModule, NotificationsModule],
  controllers: [AgentsController],
  providers: [AssignmentRepository, AssignmentService],
  exports: [AssignmentService],
})
export class AssignmentModule {}
