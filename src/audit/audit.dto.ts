import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { DateTime, Json, ListOf, NullableStr, Str } from '../common/api-schema';

export class AuditQuery {
  @ApiPropertyOptional({ description: 'conversation, reply, source, user, team, sla_policy, item, ...' })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/, { message: 'entityType must be a lower-case name like conversation' })
  entityType?: string;

  @ApiPropertyOptional({ description: 'one entity (needs entityType)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({ description: 'who did it (a user id)' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ description: 'an action or its prefix, e.g. `reply.` or `source.created`' })
  @IsOptional()
  @Matches(/^[a-z_.]{1,60}$/, { message: 'action must look like reply.queued or reply.' })
  action?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'at or after' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'before' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'cursor is not valid' }) // within bigint, whatever is sent
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class AuditEntryView {
  @Str({ description: 'a bigint as a string; newest first' }) id!: string;
  @DateTime() at!: string;
  @NullableStr({ format: 'uuid', description: 'null: the system did it' }) actorId!: string | null;
  @NullableStr() actorName!: string | null;
  @Str() action!: string;
  @Str() entityType!: string;
  @NullableStr() entityId!: string | null;
  @Json() data!: Record<string, unknown>;
}

export class AuditPageView {
  @ListOf(() => AuditEntryView) entries!: AuditEntryView[];
  @NullableStr() nextCursor!: string | null;
}
