import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { CurrentUser, Roles, type SessionUser } from '../auth/auth.decorators';
import { CreateSourceDto, UpdateSourceDto } from './sources.dto';
import { SourcesService } from './sources.service';

/** Admin settings: connect and manage VK communities, Telegram bots and webhook sources. */
@Controller('api/sources')
@Roles('admin')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Get()
  list() {
    return this.sources.list();
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.sources.get(id);
  }

  @Post()
  create(@Body() dto: CreateSourceDto, @CurrentUser() user: SessionUser) {
    return this.sources.create(dto, user.id);
  }

  @Patch(':id')
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateSourceDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.sources.update(id, dto, user.id);
  }

  @Post(':id/verify')
  @HttpCode(200)
  verify(@Param('id', ParseUUIDPipe) id: string) {
    return this.sources.verify(id);
  }
}
