import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { SessionUser } from '../users/user.types';
import { CreateTemplateDto, ListTemplatesQuery, UpdateTemplateDto } from './dto/template.dto';
import { TemplateView } from './dto/inbox.views';
import { TemplatesService } from './templates.service';

@ApiTags('inbox')
@Controller('api/templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @Roles('admin', 'agent', 'analyst')
  @ApiOkResponse({ type: TemplateView, isArray: true })
  list(@Query() q: ListTemplatesQuery) {
    return this.templates.list(q);
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: TemplateView })
  create(@Body() dto: CreateTemplateDto, @CurrentUser() user: SessionUser) {
    return this.templates.create(dto, user);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: TemplateView })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateTemplateDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.templates.update(id, dto, user);
  }
}
