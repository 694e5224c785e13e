import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { DateTime, Enum, Json, Str } from '../common/api-schema';
import { INBOX_EVENT_TYPES } from '../inbox/inbox-events';

export class EventsQuery {
  @ApiPropertyOptional({
    description: 'resume after this event (for a new EventSource; a reconnecting one sends Last-Event-ID)',
  })
  @IsOptional()
  @Matches(/^[1-9]\d{0,18}$/, { message: 'lastEventId must be an event id' })
  lastEventId?: string;
}

/** One `data:` line of GET /api/events (the SSE `id:` is the same id). */
export class InboxEventView {
  @Str({ description: 'a bigint as a string; send it back as Last-Event-ID' }) id!: string;
  @Enum(INBOX_EVENT_TYPES) type!: (typeof INBOX_EVENT_TYPES)[number];
  @DateTime() at!: string;
  @Str({ isArray: true, format: 'uuid' }) conversationIds!: string[];
  @Json({
    description:
      'items.stored: inserted, edited, newInbound; conversation.updated: changes; ' +
      'reply.updated: replyId, status; note.created: noteId; item.corrected: itemId; ' +
      'conversation.reassigned: previousAssigneeId, assigneeId, by; notification.created: userIds',
  })
  data!: Record<string, unknown>;
}
