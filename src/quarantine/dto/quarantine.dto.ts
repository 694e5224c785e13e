import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import {
  DateTime,
  Enum,
  Int,
  Json,
  ListOf,
  NullableDateTime,
  NullableStr,
  Of,
  Str,
} from '../../common/api-schema';

export const QUARANTINE_STATUSES = ['open', 'resolved', 'all'] as const;
export const REPLAY_RESULTS = ['stored', 'duplicate', 'failed'] as const;

export class ListQuarantineQuery {
  @ApiPropertyOptional({ description: 'only items of this source' })
  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @ApiPropertyOptional({
    enum: QUARANTINE_STATUSES,
    default: 'all',
    description:
      'open: never replayed or the replay failed; resolved: a replay stored it (or found it stored)',
  })
  @IsOptional()
  @IsIn(QUARANTINE_STATUSES)
  status?: (typeof QUARANTINE_STATUSES)[number];

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class QuarantinedItemView {
  @Str({ description: 'a bigint as a string; newest first' }) id!: string;
  @Str({ format: 'uuid' }) sourceId!: string;
  @NullableStr({ description: "the item's id on the platform, when known" }) externalId!: string | null;
  @Str({ description: 'why it could not be stored' }) error!: string;
  @NullableStr({ description: 'PostgreSQL SQLSTATE, when the database refused it' }) errorCode!:
    string | null;
  @Int({ description: 'how many times this exact payload arrived and failed' }) seenCount!: number;
  @DateTime() createdAt!: string;
  @DateTime() lastSeenAt!: string;
  @NullableDateTime() replayedAt!: string | null;
  @Enum(REPLAY_RESULTS, { nullable: true }) replayResult!: (typeof REPLAY_RESULTS)[number] | null;
  @NullableStr() replayError!: string | null;
  @NullableStr({ format: 'uuid', description: 'the admin who replayed it last' }) replayedBy!: string | null;
  @Int({ description: 'size of the stored payload in bytes' }) payloadBytes!: number;
  @Json({
    nullable: true,
    description:
      '`{v, item}`: the item exactly as the connector produced it, before cleaning (NUL and lone surrogates appear as JSON escapes)',
  })
  payload!: Record<string, unknown> | null;
}

export class QuarantinePageView {
  @ListOf(() => QuarantinedItemView) items!: QuarantinedItemView[];
  @NullableStr({ description: 'pass as `cursor` for the next page; null at the end' }) nextCursor!:
    string | null;
}

export class ReplayOutcomeView {
  @Enum(REPLAY_RESULTS) result!: (typeof REPLAY_RESULTS)[number];
  @NullableStr({ description: 'why the replay failed' }) error!: string | null;
  @Of(() => QuarantinedItemView) quarantined!: QuarantinedItemView;
}
