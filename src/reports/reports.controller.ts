import { Body, Controller, Get, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { SessionUser } from '../users/user.types';
import { BrandReportsService } from './brand-reports.service';
import { CareReportsService } from './care-reports.service';
import { CompanySettingsService } from './company-settings.service';
import {
  BreachesQuery,
  CareQuery,
  ForecastQuery,
  IntentsQuery,
  ItemsQuery,
  ReportQuery,
  SentimentQuery,
  TagsQuery,
  TermsQuery,
  UpdateCompanySettingsDto,
} from './dto/report-query.dto';
import {
  AgentsReportView,
  BacklogReportView,
  BreachesReportView,
  CompanySettingsView,
  FrtReportView,
  IntentReportView,
  ReportItemsView,
  SentimentReportView,
  SlaReportView,
  TagsReportView,
  TermsReportView,
  ForecastReportView,
} from './dto/report.views';
import { ForecastService } from './forecast.service';
import { ReportItemsService } from './report-items.service';
import { output } from './report-output';
import { TopicsReportsService } from './topics-reports.service';

/**
 * Reports for marketing (analysts), care leads (the lead flag) and admins. Every report reads rollups, never
 * items; `format=csv` downloads its table. Ranges are checked (a 400 names the limit).
 */
@ApiTags('reports')
@Roles('admin', 'analyst', 'lead')
@ApiProduces(
  'application/json',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
)
@Controller('api/reports')
export class ReportsController {
  constructor(
    private readonly brand: BrandReportsService,
    private readonly topics: TopicsReportsService,
    private readonly care: CareReportsService,
    private readonly forecasts: ForecastService,
    private readonly settings: CompanySettingsService,
    private readonly itemList: ReportItemsService,
  ) {}

  /** Volume and sentiment over time (net sentiment, share negative), with the previous period. */
  @Get('sentiment')
  @ApiOkResponse({ type: SentimentReportView })
  async sentiment(@Query() q: SentimentQuery, @Res({ passthrough: true }) res: Response) {
    return output(await this.brand.sentiment(q), q.format, res);
  }

  /** Intent mix over time (complaints, sales questions, praise, spam...). */
  @Get('intents')
  @ApiOkResponse({ type: IntentReportView })
  async intents(@Query() q: IntentsQuery, @Res({ passthrough: true }) res: Response) {
    return output(await this.brand.intents(q), q.format, res);
  }

  /** The terms that rose most in negative items (or praise) against the previous period. */
  @Get('terms')
  @ApiOkResponse({ type: TermsReportView })
  async terms(@Query() q: TermsQuery, @Res({ passthrough: true }) res: Response) {
    return output(await this.topics.terms(q), q.format, res);
  }

  /** Tagged conversations over time, most used tags first. */
  @Get('tags')
  @ApiOkResponse({ type: TagsReportView })
  async tags(@Query() q: TagsQuery, @Res({ passthrough: true }) res: Response) {
    return output(await this.topics.tags(q), q.format, res);
  }

  /** SLA compliance (share of deadlines kept) per intent and source, and its trend. */
  @Get('care/sla')
  @ApiOkResponse({ type: SlaReportView })
  async sla(@Query() q: CareQuery, @Res({ passthrough: true }) res: Response) {
    return output(await this.care.sla(q), q.format, res);
  }

  /** First-response times: distribution, median and p90, and their trend. */
  @Get('care/first-response')
  @ApiOkResponse({ type: FrtReportView })
  async frt(@Query() q: CareQuery, @Res({ passthrough: true }) res: Response) {
    return output(await this.care.frt(q), q.format, res);
  }

  /** Deadlines missed, with their conversations, newest first. */
  @Get('care/breaches')
  @ApiOkResponse({ type: BreachesReportView })
  async breaches(@Query() q: BreachesQuery, @Res({ passthrough: true }) res: Response) {
    return output(await this.care.breaches(q), q.format, res);
  }

  /** The open queue over time (a snapshot every hour). */
  @Get('care/backlog')
  @ApiOkResponse({ type: BacklogReportView })
  async backlog(@Query() q: CareQuery, @Res({ passthrough: true }) res: Response) {
    return output(await this.care.backlog(q), q.format, res);
  }

  /** Per agent: conversations handled, response times, concurrent load against capacity. */
  @Get('care/agents')
  @ApiOkResponse({ type: AgentsReportView })
  async agents(@Query() q: ReportQuery, @Res({ passthrough: true }) res: Response) {
    return output(await this.care.agents(q), q.format, res);
  }

  /** Items needing an answer per hour of a coming week and the agents each hour needs. */
  @Get('forecast')
  @ApiOkResponse({ type: ForecastReportView })
  async forecast(@Query() q: ForecastQuery, @Res({ passthrough: true }) res: Response) {
    return output(await this.forecasts.forecast(q), q.format, res);
  }

  /** The items behind a chart point or table row (its `filter` as the query), newest first. */
  @Get('items')
  @ApiOkResponse({ type: ReportItemsView })
  async items(@Query() q: ItemsQuery, @Res({ passthrough: true }) res: Response) {
    return output(await this.itemList.list(q), q.format, res);
  }

  /** The company's time zone (the reports' default) and brand words. */
  @Get('settings')
  @ApiOkResponse({ type: CompanySettingsView })
  getSettings() {
    return this.settings.get();
  }

  @Put('settings')
  @Roles('admin')
  @ApiOkResponse({ type: CompanySettingsView })
  updateSettings(@Body() dto: UpdateCompanySettingsDto, @CurrentUser() user: SessionUser) {
    return this.settings.update(dto, user);
  }
}
