import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { SessionUser } from '../users/user.types';
import { ConversationsService } from './conversations.service';
import {
  BulkConversationsDto,
  CreateNoteDto,
  ReassignConversationDto,
  UnvalidatedQueueQuery,
  UpdateConversationDto,
} from './dto/inbox.dto';
import {
  BulkOutcomeView,
  ConversationDetailsView,
  ConversationView,
  NoteView,
  QueuePageView,
} from './dto/inbox.views';

/** Agents and admins work the inbox; analysts read it. Customer text is returned as plain strings. */
@ApiTags('inbox')
@Controller('api/conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  /** The queue: most urgent first (due time, then priority), keyset-paginated. */
  @Get()
  @Roles('admin', 'agent', 'analyst')
  @ApiOkResponse({ type: QueuePageView })
  async list(
    @Query() q: UnvalidatedQueueQuery,
    @CurrentUser() user: SessionUser,
    @Res() res: Response,
  ): Promise<void> {
    const body = await this.conversations.queue(q, user);
    // the page is UTF-8 JSON already (see ConversationsService.queue); Nest would serialise a Buffer
    res.type('application/json').send(body);
  }

  /**
   * One action on several conversations (resolve, assign, tag, untag; at most 200): each goes
   * through the same rules as its single-conversation route, so some may fail (per-row status)
   * while the others succeed; audited per conversation and as one bulk entry.
   */
  @Post('bulk')
  @HttpCode(200)
  @Roles('admin', 'agent')
  @ApiOkResponse({ type: BulkOutcomeView })
  bulk(@Body() dto: BulkConversationsDto, @CurrentUser() user: SessionUser) {
    return this.conversations.bulk(dto, user);
  }

  /** The conversation, its timeline, replies, notes and the customer's other conversations. */
  @Get(':id')
  @Roles('admin', 'agent', 'analyst')
  @ApiOkResponse({ type: ConversationDetailsView })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.conversations.details(id);
  }

  @Patch(':id')
  @Roles('admin', 'agent')
  @ApiOkResponse({ type: ConversationView })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateConversationDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.conversations.update(id, dto, user);
  }

  /**
   * An admin moves a conversation away from its holder, naming whom it is taken from; audited,
   * and the previous holder is told (a `conversation.reassigned` event). Taking one nobody holds
   * is PATCH assigneeId.
   */
  @Post(':id/reassign')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ type: ConversationView })
  reassign(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReassignConversationDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.conversations.reassign(id, dto, user);
  }

  /** Internal notes: stored and shown to the team, never sent to the platform. */
  @Post(':id/notes')
  @Roles('admin', 'agent')
  @ApiCreatedResponse({ type: NoteView })
  addNote(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateNoteDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.conversations.addNote(id, dto.text, user);
  }
}
