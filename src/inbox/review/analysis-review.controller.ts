import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../auth/auth.decorators';
import type { SessionUser } from '../../users/user.types';
import { ItemIdPipe } from '../item-id.pipe';
import { AnalysisReviewService } from './analysis-review.service';
import {
  ReportQuery,
  ReviewItemDto,
  ReviewQueueQuery,
  ReviewQueueView,
  ReviewReportView,
  ReviewResultView,
} from './review.dto';

@ApiTags('inbox')
@Controller('api')
export class AnalysisReviewController {
  constructor(private readonly reviews: AnalysisReviewService) {}

  /** Items flagged for review that nobody has answered, newest first. */
  @Get('review')
  @Roles('admin', 'agent')
  @ApiOkResponse({ type: ReviewQueueView })
  queue(@Query() q: ReviewQueueQuery) {
    return this.reviews.queue(q);
  }

  /** Confirm (no labels, or the model's) or correct (other labels) a flagged item in one call. */
  @Post('items/:id/review')
  @Roles('admin', 'agent')
  @ApiOkResponse({ type: ReviewResultView })
  review(@Param('id', ItemIdPipe) id: string, @Body() dto: ReviewItemDto, @CurrentUser() user: SessionUser) {
    return this.reviews.review(id, dto, user);
  }

  /** Corrections per week and the model's accuracy on reviewed items, per week and per model. */
  @Get('analysis/review-report')
  @Roles('admin', 'analyst')
  @ApiOkResponse({ type: ReviewReportView })
  report(@Query() q: ReportQuery) {
    return this.reviews.report(q.weeks ?? 12);
  }
}
