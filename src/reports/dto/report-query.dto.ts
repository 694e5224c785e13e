import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { INTENT_LABELS, SENTIMENT_LABELS } from '../../analysis/analysis.types';
import { GRANULARITIES, Granularity } from '../domain/time-buckets';

export const REPORT_LANGUAGES = ['ru', 'en', 'mixed', 'translit', 'other', 'unknown'] as const;
export const REPORT_INTENTS = [...INTENT_LABELS, 'unknown'] as const;
export const FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof FORMATS)[number];

const INSTANT = /^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

/** Date range, time zone, buckets, comparison and output format: every report takes these. */
export class ReportQuery {
  @ApiPropertyOptional({
    description:
      'start (inclusive): an ISO date — its midnight in `tz` — or date-time; default: 30 days before `to`',
    example: '2025-01-01',
  })
  @IsOptional()
  @Matches(INSTANT, { message: 'from must be an ISO 8601 date or date-time' })
  from?: string;

  @ApiPropertyOptional({
    description: 'end (exclusive), same forms; default: the next midnight in `tz`. Moved out to whole hours.',
    example: '2025-02-01',
  })
  @IsOptional()
  @Matches(INSTANT, { message: 'to must be an ISO 8601 date or date-time' })
  to?: string;

  @ApiPropertyOptional({
    description:
      'IANA time zone with whole-hour offsets; default: the company time zone (GET /api/reports/settings)',
    example: 'Europe/Moscow',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  tz?: string;

  @ApiPropertyOptional({ enum: GRANULARITIES, default: 'day' })
  @IsOptional()
  @IsIn(GRANULARITIES)
  granularity?: Granularity;

  @ApiPropertyOptional({
    enum: ['previous', 'none'],
    default: 'previous',
    description: 'the period just before, alongside',
  })
  @IsOptional()
  @IsIn(['previous', 'none'])
  compare?: 'previous' | 'none';

  @ApiPropertyOptional({
    enum: FORMATS,
    default: 'json',
    description: 'csv: the report table as CSV (UTF-8 with BOM); xlsx: the same table as an Excel workbook',
  })
  @IsOptional()
  @IsIn(FORMATS)
  format?: ReportFormat;
}

export class ItemFilterQuery extends ReportQuery {
  @ApiPropertyOptional({ description: 'vk, telegram, webhook, ...' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,29}$/, { message: 'platform must be a platform name like vk' })
  platform?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @ApiPropertyOptional({ enum: REPORT_LANGUAGES })
  @IsOptional()
  @IsIn(REPORT_LANGUAGES)
  language?: (typeof REPORT_LANGUAGES)[number];
}

export const SENTIMENT_GROUPS = ['none', 'platform', 'source', 'language'] as const;

export class SentimentQuery extends ItemFilterQuery {
  @ApiPropertyOptional({ enum: SENTIMENT_GROUPS, default: 'none', description: 'one series per value' })
  @IsOptional()
  @IsIn(SENTIMENT_GROUPS)
  groupBy?: (typeof SENTIMENT_GROUPS)[number];
}

export class IntentsQuery extends ItemFilterQuery {
  @ApiPropertyOptional({ enum: SENTIMENT_LABELS, description: 'count only items of this sentiment' })
  @IsOptional()
  @IsIn(SENTIMENT_LABELS as readonly string[])
  sentiment?: 'negative' | 'neutral' | 'positive';
}

export class TermsQuery extends ReportQuery {
  @ApiPropertyOptional({ enum: ['negative', 'positive'], default: 'negative' })
  @IsOptional()
  @IsIn(['negative', 'positive'])
  polarity?: 'negative' | 'positive';

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class TagsQuery extends ReportQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 50, description: 'the most used tags' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export class CareQuery extends ReportQuery {
  @ApiPropertyOptional({ description: 'vk, telegram, webhook, ...' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,29}$/, { message: 'platform must be a platform name like vk' })
  platform?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @ApiPropertyOptional({ enum: REPORT_INTENTS })
  @IsOptional()
  @IsIn(REPORT_INTENTS)
  intent?: (typeof REPORT_INTENTS)[number];
}

export class BreachesQuery extends CareQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,17}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    message: 'cursor is not valid',
  })
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ForecastQuery {
  @ApiPropertyOptional({ description: 'IANA time zone; default: the company time zone' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  tz?: string;

  @ApiPropertyOptional({ description: 'the Monday (ISO date) of the week to forecast; default: next week' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'week must be an ISO date' })
  week?: string;

  @ApiPropertyOptional({
    default: 8,
    minimum: 2,
    maximum: 26,
    description: 'past weeks the pattern is learned from',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(26)
  weeks?: number;

  @ApiPropertyOptional({
    default: 30,
    minimum: 1,
    maximum: 480,
    description: 'minutes a conversation holds one of an agent’s slots',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(480)
  handleMinutes?: number;

  @ApiPropertyOptional({
    default: 60,
    minimum: 1,
    maximum: 1440,
    description: 'the first-response deadline to staff for',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  slaMinutes?: number;

  @ApiPropertyOptional({
    default: 0.8,
    minimum: 0.5,
    maximum: 0.99,
    description: 'share to answer within the deadline',
  })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0.5)
  @Max(0.99)
  target?: number;

  @ApiPropertyOptional({
    default: 6,
    minimum: 1,
    maximum: 50,
    description: 'conversations an agent holds at once',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  capacity?: number;

  @ApiPropertyOptional({ enum: FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(FORMATS)
  format?: ReportFormat;
}

export class UpdateCompanySettingsDto {
  @ApiPropertyOptional({ description: 'IANA time zone, whole-hour offsets', example: 'Europe/Moscow' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'the company’s own names, left out of the term reports (any form: they are stemmed)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(60, { each: true })
  @Transform(({ value }) =>
    Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value,
  )
  brandWords?: string[];
}

/**
 * The items behind a chart point or table row (a DrillFilterView as query): newest first, a page
 * at a time. Reads items, not rollups: a list of what was counted, never a chart.
 */
export class ItemsQuery extends ItemFilterQuery {
  @ApiPropertyOptional({ enum: SENTIMENT_LABELS })
  @IsOptional()
  @IsIn(SENTIMENT_LABELS as readonly string[])
  sentiment?: 'negative' | 'neutral' | 'positive';

  @ApiPropertyOptional({ enum: REPORT_INTENTS })
  @IsOptional()
  @IsIn(REPORT_INTENTS)
  intent?: (typeof REPORT_INTENTS)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'items of conversations with this tag' })
  @IsOptional()
  @IsUUID()
  tagId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'items of conversations this agent holds' })
  @IsOptional()
  @IsUUID()
  assignee?: string;

  @ApiPropertyOptional({ description: 'a term of the terms report (its stems, space-separated)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  term?: string;

  @ApiPropertyOptional({ description: 'words the text contains (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'only these item ids (comma-separated, at most 100)' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^\d{1,19}$/, { each: true, message: 'ids must be item ids' })
  ids?: string[];

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,17}_\d{1,19}$/, { message: 'cursor is not valid' })
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
