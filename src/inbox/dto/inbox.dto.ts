import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { INTENT_LABELS, SENTIMENT_LABELS } from '../../analysis/analysis.types';
import { ValidatedByHandler } from '../../security/validation';

export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;

export const SLA_STATES = ['on_track', 'at_risk', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];
export const CONVERSATION_LANGUAGES = ['ru', 'en', 'mixed', 'translit', 'other'] as const;

/**
 * What the queue can be narrowed to: GET /api/conversations's query, and what a saved view
 * stores (the same names the reports' drill-down filters use).
 */
export class ConversationFilterDto {
  @ApiPropertyOptional({
    description:
      'search words: full text of every message (Russian and English word forms), plus part of a ' +
      "customer's name or username and of an order number",
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: [...CONVERSATION_STATUSES, 'all'], default: 'open' })
  @IsOptional()
  @IsIn([...CONVERSATION_STATUSES, 'all'])
  status?: (typeof CONVERSATION_STATUSES)[number] | 'all';

  @ApiPropertyOptional({ description: 'vk, telegram, youtube, webhook, ...' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,31}$/, { message: 'platform must be a platform name' })
  platform?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @ApiPropertyOptional({ enum: SENTIMENT_LABELS })
  @IsOptional()
  @IsIn(SENTIMENT_LABELS as readonly string[])
  sentiment?: string;

  @ApiPropertyOptional({ enum: INTENT_LABELS })
  @IsOptional()
  @IsIn(INTENT_LABELS as readonly string[])
  intent?: string;

  @ApiPropertyOptional({
    enum: SLA_STATES,
    description:
      'a running clock: on_track (under 80 % of the time used), at_risk (80 % or more), breached (past due)',
  })
  @IsOptional()
  @IsIn(SLA_STATES)
  sla?: SlaState;

  @ApiPropertyOptional({ description: '`me`, `unassigned` or a user id' })
  @IsOptional()
  @Matches(/^(me|unassigned|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'assignee must be me, unassigned or a user id',
  })
  assignee?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  tagId?: string;

  @ApiPropertyOptional({
    enum: CONVERSATION_LANGUAGES,
    description: "the language of the conversation's newest customer message",
  })
  @IsOptional()
  @IsIn(CONVERSATION_LANGUAGES)
  language?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'conversations with messages at or after this time',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: '…and before this time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

export class ListConversationsQuery extends ConversationFilterDto {
  @ApiPropertyOptional({ description: 'opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/**
 * ListConversationsQuery as GET /api/conversations receives it: the global pipe passes it on
 * unvalidated, and ConversationsService.queue validates a query string the first time it sees
 * it (then keeps the result: a page from the cache is not held up by class-validator).
 */
@ValidatedByHandler()
export class UnvalidatedQueueQuery extends ListConversationsQuery {}

export class UpdateConversationDto {
  @ApiPropertyOptional({ enum: CONVERSATION_STATUSES })
  @IsOptional()
  @IsIn(CONVERSATION_STATUSES)
  status?: (typeof CONVERSATION_STATUSES)[number];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'a user id; null releases the conversation',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  assigneeId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  teamId?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  priority?: number;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Type(() => Date)
  @IsDate()
  snoozedUntil?: Date | null;

  @ApiPropertyOptional({
    description:
      'snooze even though the answer is due before the snooze ends (without it such a snooze is a 409 with code snooze_past_deadline and the dueAt)',
  })
  @IsOptional()
  @IsBoolean()
  confirmPastDeadline?: boolean;
  @ApiPropertyOptional({
    description:
      'admins only: assign even though the agent is at capacity (audited); without it, or for an agent, that is a 409 with code at_capacity',
  })
  @IsOptional()
  @IsBoolean()
  overCapacity?: boolean;
}

/** An admin moves a conversation away from its holder (POST /api/conversations/:id/reassign). */
export class ReassignConversationDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the new holder (an active agent or admin); null leaves it unassigned',
  })
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  assigneeId!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'whom it is taken from, as the admin saw it; 409 when someone else holds it by now',
  })
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  fromAssigneeId!: string | null;
  @ApiPropertyOptional({
    description:
      'admins only: assign even though the agent is at capacity (audited); without it, or for an agent, that is a 409 with code at_capacity',
  })
  @IsOptional()
  @IsBoolean()
  overCapacity?: boolean;
}

export class CreateNoteDto {
  @ApiPropertyOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  text!: string;
}

export class CorrectAnalysisDto {
  @ApiPropertyOptional({ enum: SENTIMENT_LABELS })
  @IsOptional()
  @IsIn(SENTIMENT_LABELS as readonly string[])
  sentiment?: string;

  @ApiPropertyOptional({ enum: INTENT_LABELS })
  @IsOptional()
  @IsIn(INTENT_LABELS as readonly string[])
  intent?: string;
}

export const BULK_ACTIONS = ['resolve', 'assign', 'tag', 'untag'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** One action on several conversations of the queue (e.g. a wave of spam: tag and resolve). */
export class BulkConversationsDto {
  @ApiProperty({ type: String, format: 'uuid', isArray: true, minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  conversationIds!: string[];

  @ApiProperty({ enum: BULK_ACTIONS })
  @IsIn(BULK_ACTIONS)
  action!: BulkAction;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'assign: the new holder (null releases); taking follows the same rules as PATCH',
  })
  @ValidateIf((o: BulkConversationsDto) => o.action === 'assign')
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  assigneeId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'tag and untag: the tag' })
  @ValidateIf((o: BulkConversationsDto) => o.action === 'tag' || o.action === 'untag')
  @IsUUID()
  tagId?: string;
  @ApiPropertyOptional({
    description:
      'admins only: assign even though the agent is at capacity (audited); without it, or for an agent, that is a 409 with code at_capacity',
  })
  @IsOptional()
  @IsBoolean()
  overCapacity?: boolean;
}
