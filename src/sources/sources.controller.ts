import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { SessionUser } from '../users/user.types';
import { CreateSourceDto, UpdateSourceDto } from './sources.dto';
import { SourcesService } from './sources.service';
import { CreatedSourceView, SourceVerifiedView, SourceViewSchema } from './sources.views';

/** Admin settings: connect and manage VK communities, Telegram bots and webhook sources. */
@ApiTags('sources')
@Controller('api/sources')
@Roles('admin')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Get()
  @ApiOkResponse({ type: SourceViewSchema, isArray: true })
  list() {
    return this.sources.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: SourceViewSchema })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.sources.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: CreatedSourceView })
  create(@Body() dto: CreateSourceDto, @CurrentUser() user: SessionUser) {
    return this.sources.create(dto, user.id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: SourceViewSchema })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateSourceDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.sources.update(id, dto, user.id);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: SourceVerifiedView })
  verify(@Param('id', ParseUUIDPipe) id: string) {
    return this.sources.verify(id);
  }
}
