import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { INTENT_LABELS, SENTIMENT_LABELS } from '../../analysis/analysis.types';
import { REVIEW_REASONS } from '../../analysis/review-flag';
import { DateTime, Enum, Int, ListOf, Num, NullableStr, Of, Str } from '../../common/api-schema';
import { AnalysisWhyView, REVIEW_REASON_NAMES } from '../dto/inbox.views';

export class ReviewQueueQuery {
  @ApiPropertyOptional({ enum: REVIEW_REASONS, description: 'only items flagged for this reason' })
  @IsOptional()
  @IsIn(REVIEW_REASONS as readonly string[])
  reason?: string;

  @ApiPropertyOptional({ description: 'the `next` of the previous page' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'before must be an item id' })
  before?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** One call answers a flagged item: no labels (or the model's) confirms it, other labels correct it. */
export class ReviewItemDto {
  @ApiPropertyOptional({ enum: SENTIMENT_LABELS, description: 'omit to confirm the model’s sentiment' })
  @IsOptional()
  @IsIn(SENTIMENT_LABELS as readonly string[])
  sentiment?: string;

  @ApiPropertyOptional({ enum: INTENT_LABELS, description: 'omit to confirm the model’s intent' })
  @IsOptional()
  @IsIn(INTENT_LABELS as readonly string[])
  intent?: string;
}

export class ReportQuery {
  @ApiPropertyOptional({ default: 12, minimum: 1, maximum: 104 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(104)
  weeks?: number;
}

export class ReviewQueueItemView {
  @Str({ description: 'a bigint as a string' }) id!: string;
  @NullableStr() conversationId!: string | null;
  @Str() platform!: string;
  @Str({ description: 'customer text: render as text, never as HTML' }) text!: string;
  @NullableStr() language!: string | null;
  @Enum(SENTIMENT_LABELS) sentimentLabel!: string;
  @Enum(INTENT_LABELS) intent!: string;
  @Num() intentConfidence!: number;
  @Enum(REVIEW_REASON_NAMES) reviewReason!: string;
  @Of(() => AnalysisWhyView, { nullable: true }) why!: AnalysisWhyView | null;
  @NullableStr() modelVersion!: string | null;
  @DateTime() receivedAt!: string;
}

export class ReviewQueueView {
  @ListOf(() => ReviewQueueItemView, { description: 'newest first' }) items!: ReviewQueueItemView[];
  @NullableStr({ description: 'pass as `before` for the next page; null at the end' }) next!: string | null;
  @Int({ description: 'flagged items nobody has reviewed yet (for this reason, if given)' }) waiting!: number;
}

export class ReviewResultView {
  @Str() itemId!: string;
  @Enum(['confirmed', 'corrected']) outcome!: 'confirmed' | 'corrected';
  @Enum(SENTIMENT_LABELS) sentiment!: string;
  @Enum(INTENT_LABELS) intent!: string;
  @Int({ description: 'analysis_corrections rows written (they feed the retrain)' }) corrections!: number;
}

export class ReportWeekView {
  @Str({ description: 'the Monday the week starts (UTC), YYYY-MM-DD' }) week!: string;
  @Int({ description: 'items flagged for review that were received this week' }) flagged!: number;
  @Int() reviews!: number;
  @Int() confirmed!: number;
  @Int({ description: 'reviews that changed a label' }) corrected!: number;
  @Int({ description: 'label corrections (analysis_corrections rows), the retrain’s input' })
  corrections!: number;
  @Num({ nullable: true, description: 'share of reviewed items whose sentiment the model had right' })
  sentimentAccuracy!: number | null;
  @Num({ nullable: true, description: 'share of reviewed items whose intent the model had right' })
  intentAccuracy!: number | null;
}

export class ReportModelView {
  @NullableStr() modelVersion!: string | null;
  @Int() reviews!: number;
  @Num({ nullable: true }) sentimentAccuracy!: number | null;
  @Num({ nullable: true }) intentAccuracy!: number | null;
}

export class ReviewReportView {
  @ListOf(() => ReportWeekView, { description: 'oldest first; weeks without activity included' })
  weeks!: ReportWeekView[];
  @ListOf(() => ReportModelView, { description: 'accuracy on reviewed items per model that analysed them' })
  byModel!: ReportModelView[];
}
