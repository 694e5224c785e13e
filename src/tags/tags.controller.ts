import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { SessionUser } from '../users/user.types';
import {
  CreateTagDto,
  CreateTagRuleDto,
  TagConversationDto,
  UpdateTagDto,
  UpdateTagRuleDto,
} from './dto/tags.dto';
import { ConversationTagView, TagRuleView, TagView } from './dto/tags.views';
import { TagsService } from './tags.service';

/** The tag list (everyone reads it; admins keep it) and the auto-tag rules (admins). */
@ApiTags('tags')
@Controller('api/tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  @Roles('admin', 'agent', 'analyst')
  @ApiOkResponse({ type: TagView, isArray: true })
  list() {
    return this.tags.list();
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: TagView })
  create(@Body() dto: CreateTagDto, @CurrentUser() user: SessionUser) {
    return this.tags.create(dto, user);
  }

  @Get('rules')
  @Roles('admin')
  @ApiOkResponse({ type: TagRuleView, isArray: true })
  rules() {
    return this.tags.listRules();
  }

  @Post('rules')
  @Roles('admin')
  @ApiCreatedResponse({ type: TagRuleView })
  createRule(@Body() dto: CreateTagRuleDto, @CurrentUser() user: SessionUser) {
    return this.tags.createRule(dto, user);
  }

  @Patch('rules/:id')
  @Roles('admin')
  @ApiOkResponse({ type: TagRuleView })
  updateRule(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateTagRuleDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.tags.updateRule(id, dto, user);
  }

  @Delete('rules/:id')
  @HttpCode(204)
  @Roles('admin')
  @ApiNoContentResponse()
  async removeRule(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: SessionUser) {
    await this.tags.removeRule(id, user);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: TagView })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateTagDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.tags.update(id, dto, user);
  }

  /** Takes the tag off every conversation too (reports count it no more) and drops its rules. */
  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiNoContentResponse()
  async remove(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: SessionUser) {
    await this.tags.remove(id, user);
  }
}

/** Agents put tags on a conversation and take them off; audited. Answers the conversation's tags. */
@ApiTags('tags')
@Controller('api/conversations/:id/tags')
export class ConversationTagsController {
  constructor(private readonly tags: TagsService) {}

  @Post()
  @HttpCode(200)
  @Roles('admin', 'agent')
  @ApiOkResponse({ type: ConversationTagView, isArray: true })
  add(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TagConversationDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.tags.tagOne(id, dto.tagId, user, true);
  }

  @Delete(':tagId')
  @Roles('admin', 'agent')
  @ApiOkResponse({ type: ConversationTagView, isArray: true })
  remove(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('tagId', ParseUUIDPipe) tagId: string,
    @CurrentUser() user: SessionUser,
  ) {
    return this.tags.tagOne(id, tagId, user, false);
  }
}
