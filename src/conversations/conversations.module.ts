import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ContactsController } from './contacts.controller';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { ConversationsRepository } from './conversations.repository';

/**
 * Conversations and their customers: the one repository that writes `conversations` (its rules
 * are the pure conversation-lifecycle.ts), contact linking, and the threading and holder rules
 * as plain functions. Imports nothing of the care domain: SLA, inbox, replies and ingest use it.
 */
@Module({
  imports: [AuditModule],
  controllers: [ContactsController],
  providers: [ConversationsRepository, ContactsRepository, ContactsService],
  exports: [ConversationsRepository, ContactsService],
})
export class ConversationsModule {}
