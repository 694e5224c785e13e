import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { SessionUser } from '../users/user.types';
import {
  CreateKbArticleDto,
  KbArticleView,
  KbSuggestionsQuery,
  KbSuggestionsView,
  KbUseView,
  ListKbArticlesQuery,
  RecordKbUseDto,
  UpdateKbArticleDto,
} from './dto/kb.dto';
import { KbService } from './kb.service';

/** Who edits the knowledge base (issue 12: "admin and lead"); everyone else reads. */
const KB_EDITORS = ['admin', 'lead'] as const;

@ApiTags('knowledge base')
@Controller('api/kb')
export class KbController {
  constructor(private readonly kb: KbService) {}

  /** Articles by title, or ranked by relevance to `q`. */
  @Get('articles')
  @Roles('admin', 'agent', 'analyst')
  @ApiOkResponse({ type: KbArticleView, isArray: true })
  list(@Query() q: ListKbArticlesQuery) {
    return this.kb.list(q);
  }

  @Get('articles/:id')
  @Roles('admin', 'agent', 'analyst')
  @ApiOkResponse({ type: KbArticleView })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.kb.get(id);
  }

  @Post('articles')
  @Roles(...KB_EDITORS)
  @ApiCreatedResponse({ type: KbArticleView })
  create(@Body() dto: CreateKbArticleDto, @CurrentUser() user: SessionUser) {
    return this.kb.create(dto, user);
  }

  /** Edits are audited with what they replaced; `archived` takes an article out of use. */
  @Patch('articles/:id')
  @Roles(...KB_EDITORS)
  @ApiOkResponse({ type: KbArticleView })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateKbArticleDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.kb.update(id, dto, user);
  }

  /** Suggestions for the open conversation, ranked against the customer's latest messages. */
  @Get('suggestions')
  @Roles('admin', 'agent', 'analyst')
  @ApiOkResponse({ type: KbSuggestionsView })
  suggestions(@Query() q: KbSuggestionsQuery) {
    return this.kb.suggestions(q.conversationId);
  }

  /** The agent inserted a link or an excerpt of the article into a reply. */
  @Post('articles/:id/uses')
  @Roles('admin', 'agent')
  @ApiCreatedResponse({ type: KbUseView })
  recordUse(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordKbUseDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.kb.recordUse(id, dto, user);
  }
}
