import { ApiPropertyOptional } from '@nestjs/swagger';
import { Bool, DateTime, Enum, Int, ListOf, NullableStr, Num, Of, Str } from '../../common/api-schema';
import { GRANULARITIES } from '../domain/time-buckets';

/**
 * Response shapes of the reports API (OpenAPI; the web app's types are generated from it). Every
 * chart point and table row carries `filter`: the inbox / item-list query that shows what it counts.
 */
export class DrillFilterView {
  @DateTime() from!: string;
  @DateTime() to!: string;
  @ApiPropertyOptional() platform?: string;
  @ApiPropertyOptional({ format: 'uuid' }) sourceId?: string;
  @ApiPropertyOptional() language?: string;
  @ApiPropertyOptional() sentiment?: string;
  @ApiPropertyOptional() intent?: string;
  @ApiPropertyOptional({ format: 'uuid' }) tagId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'an agent (the conversations they answered)' })
  assignee?: string;
  @ApiPropertyOptional({ description: 'a term of the terms report (its stems)' }) term?: string;
  @ApiPropertyOptional({ description: 'search words' }) q?: string;
  @ApiPropertyOptional({ description: 'all: every status (reports count resolved conversations too)' })
  status?: string;
}

export class RangeView {
  @DateTime() from!: string;
  @DateTime() to!: string;
  @Str({ example: 'Europe/Moscow' }) timeZone!: string;
  @Enum(GRANULARITIES) granularity!: string;
}

export class ChangeView {
  @Num({ nullable: true }) current!: number | null;
  @Num({ nullable: true }) previous!: number | null;
  @Num({ nullable: true, description: 'current − previous' }) change!: number | null;
  @Num({ nullable: true, description: '(current − previous) / |previous|; null from 0' }) changeRatio!:
    number | null;
}

class PointBase {
  @DateTime() start!: string;
  @DateTime() end!: string;
  @Str({ description: 'the bucket in the report’s zone: 2025-03-09 or 2025-03-09T02:00:00+01:00' })
  label!: string;
}

export class SentimentPointView extends PointBase {
  @Int() items!: number;
  @Int() negative!: number;
  @Int() neutral!: number;
  @Int() positive!: number;
  @Int() needsResponse!: number;
  @Num({ nullable: true, description: '(positive − negative) / items with a sentiment, −1…1' })
  netSentiment!: number | null;
  @Num({ nullable: true, description: 'negative / items with a sentiment' }) shareNegative!: number | null;
  @Of(() => DrillFilterView) filter!: DrillFilterView;
}

export class SentimentTotalsView {
  @Of(() => ChangeView) items!: ChangeView;
  @Of(() => ChangeView) negative!: ChangeView;
  @Of(() => ChangeView) neutral!: ChangeView;
  @Of(() => ChangeView) positive!: ChangeView;
  @Of(() => ChangeView) needsResponse!: ChangeView;
  @Of(() => ChangeView) netSentiment!: ChangeView;
  @Of(() => ChangeView) shareNegative!: ChangeView;
}

export class SentimentSeriesView {
  @Str({ description: 'the group value (platform, source id, language); empty without groupBy' })
  group!: string;
  @Str() groupLabel!: string;
  @ListOf(() => SentimentPointView) points!: SentimentPointView[];
  @ListOf(() => SentimentPointView, {
    description: 'the previous period, bucket by bucket (empty without compare)',
  })
  previous!: SentimentPointView[];
  @Of(() => SentimentTotalsView) totals!: SentimentTotalsView;
}

export class SentimentReportView {
  @Of(() => RangeView) range!: RangeView;
  @Of(() => RangeView, { nullable: true }) previousRange!: RangeView | null;
  @Str() groupBy!: string;
  @ListOf(() => SentimentSeriesView) series!: SentimentSeriesView[];
}

export class IntentCountsView {
  @Int() complaint!: number;
  @Int() sales_question!: number;
  @Int() support_question!: number;
  @Int() praise!: number;
  @Int() spam!: number;
  @Int() other!: number;
  @Int({ description: 'not analysed' }) unknown!: number;
}

export class IntentPointView extends PointBase {
  @Int() total!: number;
  @Of(() => IntentCountsView) counts!: IntentCountsView;
  @Of(() => DrillFilterView, { description: 'add intent=… for one segment' }) filter!: DrillFilterView;
}

export class IntentTotalView {
  @Str() intent!: string;
  @Of(() => ChangeView) count!: ChangeView;
  @Of(() => ChangeView) share!: ChangeView;
  @Of(() => DrillFilterView) filter!: DrillFilterView;
}

export class IntentReportView {
  @Of(() => RangeView) range!: RangeView;
  @Of(() => RangeView, { nullable: true }) previousRange!: RangeView | null;
  @ListOf(() => IntentPointView) points!: IntentPointView[];
  @ListOf(() => IntentPointView) previous!: IntentPointView[];
  @ListOf(() => IntentTotalView) totals!: IntentTotalView[];
}

export class TermView {
  @Str({ description: 'the stems (the key)' }) term!: string;
  @Str({ description: 'what people wrote most often' }) label!: string;
  @Int() current!: number;
  @Int() previous!: number;
  @Num({ description: 'the previous count at this period’s volume' }) expected!: number;
  @Num({ description: 'ln((current + 5) / (expected + 5)); higher rose more' }) score!: number;
  @ListOf(() => String, { description: 'newest example item ids' }) examples!: string[];
  @Of(() => DrillFilterView) filter!: DrillFilterView;
}

export class TermDaysView {
  @Str({ description: 'term counts are kept per day in this zone (the company’s)' }) timeZone!: string;
  @Str({ format: 'date' }) from!: string;
  @Str({ format: 'date', description: 'exclusive' }) to!: string;
  @Str({ format: 'date' }) previousFrom!: string;
  @Bool({ description: 'the range is not whole days in that zone: its edge days count whole' })
  approximate!: boolean;
}

export class TermsReportView {
  @Of(() => RangeView) range!: RangeView;
  @Of(() => RangeView) previousRange!: RangeView;
  @Enum(['negative', 'positive']) polarity!: string;
  @Of(() => TermDaysView) days!: TermDaysView;
  @Of(() => ChangeView, { description: 'items of this polarity' }) items!: ChangeView;
  @ListOf(() => TermView) terms!: TermView[];
}

export class TagPointView extends PointBase {
  @Int() conversations!: number;
  @Of(() => DrillFilterView) filter!: DrillFilterView;
}

export class TagSeriesView {
  @Str({ format: 'uuid' }) tagId!: string;
  @Str() name!: string;
  @Str() color!: string;
  @Of(() => ChangeView) total!: ChangeView;
  @ListOf(() => TagPointView) points!: TagPointView[];
}

export class TagsReportView {
  @Of(() => RangeView) range!: RangeView;
  @Of(() => RangeView, { nullable: true }) previousRange!: RangeView | null;
  @ListOf(() => TagSeriesView, { description: 'empty until tags are used' }) tags!: TagSeriesView[];
}

export class SlaRowView {
  @Str() intent!: string;
  @NullableStr({ format: 'uuid', description: 'null: all sources' }) sourceId!: string | null;
  @NullableStr() sourceName!: string | null;
  @NullableStr() platform!: string | null;
  @Int({ description: 'answered or breached deadlines that started in the range' }) cycles!: number;
  @Int() met!: number;
  @Int() breached!: number;
  @Int() responded!: number;
  @Num({ nullable: true, description: 'met / (met + breached)' }) compliance!: number | null;
  @Num({ nullable: true }) previousCompliance!: number | null;
  @Int({ nullable: true }) medianSeconds!: number | null;
  @Of(() => DrillFilterView) filter!: DrillFilterView;
}

export class CarePointView extends PointBase {
  @Int() met!: number;
  @Int() breached!: number;
  @Int() responded!: number;
  @Num({ nullable: true }) compliance!: number | null;
  @Int({ nullable: true }) medianSeconds!: number | null;
  @Int({ nullable: true }) p90Seconds!: number | null;
  @Of(() => DrillFilterView) filter!: DrillFilterView;
}

export class SlaReportView {
  @Of(() => RangeView) range!: RangeView;
  @Of(() => RangeView, { nullable: true }) previousRange!: RangeView | null;
  @Of(() => ChangeView) compliance!: ChangeView;
  @Of(() => ChangeView) met!: ChangeView;
  @Of(() => ChangeView) breached!: ChangeView;
  @ListOf(() => SlaRowView) byIntent!: SlaRowView[];
  @ListOf(() => SlaRowView) bySource!: SlaRowView[];
  @ListOf(() => SlaRowView, { description: 'intent × source' }) rows!: SlaRowView[];
  @ListOf(() => CarePointView) trend!: CarePointView[];
}

export class FrtBucketView {
  @Int() fromSeconds!: number;
  @Int({ nullable: true, description: 'exclusive; null: open' }) toSeconds!: number | null;
  @Int() count!: number;
  @Int({ nullable: true }) previousCount!: number | null;
}

export class FrtReportView {
  @Of(() => RangeView) range!: RangeView;
  @Of(() => RangeView, { nullable: true }) previousRange!: RangeView | null;
  @Of(() => ChangeView) responded!: ChangeView;
  @Of(() => ChangeView, { description: 'seconds, read from the histogram' }) medianSeconds!: ChangeView;
  @Of(() => ChangeView) p90Seconds!: ChangeView;
  @Of(() => ChangeView) meanSeconds!: ChangeView;
  @ListOf(() => FrtBucketView) histogram!: FrtBucketView[];
  @ListOf(() => CarePointView) trend!: CarePointView[];
}

export class BreachView {
  @Str({ format: 'uuid' }) conversationId!: string;
  @DateTime({ description: 'when the clock started (the customer wrote)' }) startedAt!: string;
  @DateTime({ nullable: true }) dueAt!: string | null;
  @DateTime({ nullable: true }) breachedAt!: string | null;
  @DateTime({ nullable: true }) respondedAt!: string | null;
  @Int({ nullable: true }) responseSeconds!: number | null;
  @Int({ nullable: true, description: 'answered this long after the deadline' }) lateSeconds!: number | null;
  @Str() intent!: string;
  @Str({ format: 'uuid' }) sourceId!: string;
  @NullableStr() sourceName!: string | null;
  @Str() platform!: string;
  @NullableStr({ format: 'uuid' }) agentId!: string | null;
  @NullableStr() agentName!: string | null;
}

export class BreachesReportView {
  @Of(() => RangeView) range!: RangeView;
  @ListOf(() => BreachView) breaches!: BreachView[];
  @NullableStr() nextCursor!: string | null;
}

export class BacklogPointView extends PointBase {
  @Int({ description: 'snapshots in the bucket (one an hour)' }) snapshots!: number;
  @Num({ nullable: true }) openAvg!: number | null;
  @Int({ nullable: true }) openMax!: number | null;
  @Int({ nullable: true }) openLast!: number | null;
  @Int({ nullable: true }) unassignedLast!: number | null;
  @Int({ nullable: true }) overdueMax!: number | null;
  @Int({ nullable: true }) overdueLast!: number | null;
  @Int({ nullable: true }) pendingLast!: number | null;
  @Int({ nullable: true }) snoozedLast!: number | null;
  @Of(() => DrillFilterView) filter!: DrillFilterView;
}

export class BacklogReportView {
  @Of(() => RangeView) range!: RangeView;
  @ListOf(() => BacklogPointView) points!: BacklogPointView[];
}

export class AgentRowView {
  @NullableStr({ format: 'uuid', description: 'null: answers given while nobody held the conversation' })
  agentId!: string | null;
  @Str() name!: string;
  @NullableStr() role!: string | null;
  @Bool() disabled!: boolean;
  @Of(() => ChangeView, { description: 'deadlines answered (conversations handled)' }) handled!: ChangeView;
  @Int() met!: number;
  @Int() breached!: number;
  @Num({ nullable: true }) compliance!: number | null;
  @Int({ nullable: true }) medianSeconds!: number | null;
  @Int({ nullable: true }) p90Seconds!: number | null;
  @Int({ nullable: true }) meanSeconds!: number | null;
  @Num({ nullable: true, description: 'open conversations held, average of the snapshots' }) loadAvg!:
    number | null;
  @Int({ nullable: true }) loadMax!: number | null;
  @Int({ nullable: true }) capacity!: number | null;
  @Num({ nullable: true, description: 'loadAvg / capacity' }) utilisation!: number | null;
  @Of(() => DrillFilterView) filter!: DrillFilterView;
}

export class AgentsReportView {
  @Of(() => RangeView) range!: RangeView;
  @Of(() => RangeView, { nullable: true }) previousRange!: RangeView | null;
  @ListOf(() => AgentRowView) agents!: AgentRowView[];
}

export class ForecastHourView {
  @DateTime() start!: string;
  @Str() label!: string;
  @Int({ description: 'Monday 00:00 = 0' }) hourOfWeek!: number;
  @Num({ description: 'items needing an answer expected in the hour' }) expected!: number;
  @Int() agentsNeeded!: number;
  @Bool({ description: 'more agents needed than the team has' }) overCapacity!: boolean;
}

export class BacktestView {
  @Num({ nullable: true, description: 'mean absolute percentage error over hours with items' }) mape!:
    number | null;
  @Num({ nullable: true }) wape!: number | null;
  @Int() hours!: number;
  @Num() actualTotal!: number;
  @Num() forecastTotal!: number;
  @Str({ format: 'date' }) week!: string;
}

export class ForecastAssumptionsView {
  @Int() capacity!: number;
  @Int() handleMinutes!: number;
  @Int() slaMinutes!: number;
  @Num() target!: number;
}

export class TeamView {
  @Int({ description: 'enabled agents' }) agents!: number;
  @Int({ description: 'their conversations at once, summed' }) capacity!: number;
}

export class ForecastReportView {
  @Str() timeZone!: string;
  @Str({ format: 'date' }) week!: string;
  @Int() historyWeeks!: number;
  @Num() total!: number;
  @Num({ description: 'items per week, per week' }) trendPerWeek!: number;
  @Of(() => BacktestView, {
    nullable: true,
    description: 'the last past week, forecast from the weeks before it',
  })
  backtest!: BacktestView | null;
  @Of(() => ForecastAssumptionsView) assumptions!: ForecastAssumptionsView;
  @Of(() => TeamView) team!: TeamView;
  @Int() peakAgents!: number;
  @ListOf(() => ForecastHourView) hours!: ForecastHourView[];
}

export class CompanySettingsView {
  @Str() timeZone!: string;
  @ListOf(() => String) brandWords!: string[];
  @DateTime() updatedAt!: string;
}

export class ReportItemView {
  @Str({ description: 'item id' }) id!: string;
  @NullableStr({ format: 'uuid' }) conversationId!: string | null;
  @DateTime() createdAt!: string;
  @Str({ description: "the customer's words (render as text)" }) text!: string;
  @NullableStr() authorName!: string | null;
  @Str() platform!: string;
  @Str({ format: 'uuid' }) sourceId!: string;
  @NullableStr() sourceName!: string | null;
  @NullableStr() language!: string | null;
  @NullableStr() sentiment!: string | null;
  @NullableStr() intent!: string | null;
}

export class ReportItemsView {
  @ListOf(() => ReportItemView) items!: ReportItemView[];
  @NullableStr({ description: 'the next page; null at the end' }) nextCursor!: string | null;
  @Int({ description: 'items looked at to fill this page (a term is matched after a text prefilter)' })
  scanned!: number;
}
