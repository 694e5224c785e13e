import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export const QUARANTINE_STATUSES = ['open', 'resolved', 'all'] as const;

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
  @ApiProperty({ description: 'bigint, as a decimal string' })
  id!: string;
  @ApiProperty()
  sourceId!: string;
  @ApiProperty({ nullable: true, type: String, description: "the item's id on the platform, when known" })
  externalId!: string | null;
  @ApiProperty({ description: 'why it could not be stored' })
  error!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'PostgreSQL SQLSTATE, when the database refused it',
  })
  errorCode!: string | null;
  @ApiProperty({ description: 'how many times this exact payload arrived and failed' })
  seenCount!: number;
  @ApiProperty()
  createdAt!: Date;
  @ApiProperty()
  lastSeenAt!: Date;
  @ApiProperty({ nullable: true, type: Date })
  replayedAt!: Date | null;
  @ApiProperty({ nullable: true, enum: ['stored', 'duplicate', 'failed'] })
  replayResult!: 'stored' | 'duplicate' | 'failed' | null;
  @ApiProperty({ nullable: true, type: String })
  replayError!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the admin who replayed it last' })
  replayedBy!: string | null;
  @ApiProperty({ description: 'size of the stored payload in bytes' })
  payloadBytes!: number;
  @ApiProperty({
    description:
      'the item as the connector produced it ({v, item}), exactly: NUL and lone surrogates appear as JSON escapes',
    type: Object,
    nullable: true,
  })
  payload!: unknown;
}

export class QuarantinePage {
  @ApiProperty({ type: [QuarantinedItemView] })
  items!: QuarantinedItemView[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'pass as `cursor` for the next page; null at the end',
  })
  nextCursor!: string | null;
}

export class ReplayOutcome {
  @ApiProperty({ enum: ['stored', 'duplicate', 'failed'] })
  result!: 'stored' | 'duplicate' | 'failed';
  @ApiProperty({ nullable: true, type: String })
  error!: string | null;
  @ApiProperty({ type: QuarantinedItemView })
  quarantined!: QuarantinedItemView;
}
