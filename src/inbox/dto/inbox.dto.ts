import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
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

export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;

export class ListConversationsQuery {
  @ApiPropertyOptional({ enum: [...CONVERSATION_STATUSES, 'all'], default: 'open' })
  @IsOptional()
  @IsIn([...CONVERSATION_STATUSES, 'all'])
  status?: (typeof CONVERSATION_STATUSES)[number] | 'all';

  @ApiPropertyOptional({ description: '`me`, `unassigned` or a user id' })
  @IsOptional()
  @Matches(/^(me|unassigned|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'assignee must be me, unassigned or a user id',
  })
  assignee?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @ApiPropertyOptional({ enum: INTENT_LABELS })
  @IsOptional()
  @IsIn(INTENT_LABELS as readonly string[])
  intent?: string;

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
