import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { SessionUser } from '../users/user.types';
import { CreateSlaPolicyDto, UpdateSlaPolicyDto } from './dto/sla-policy.dto';
import { SlaPolicyChangeView, SlaPolicyView } from './dto/sla-policy.views';
import { SlaPolicyService } from './sla-policy.service';

/** Admin settings: first-response targets per source and intent, with optional business hours. */
@ApiTags('sla')
@Roles('admin')
@Controller('api/sla-policies')
export class SlaPoliciesController {
  constructor(private readonly policies: SlaPolicyService) {}

  @Get()
  @ApiOkResponse({ type: SlaPolicyView, isArray: true })
  list() {
    return this.policies.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: SlaPolicyView })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.policies.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: SlaPolicyView })
  create(@Body() dto: CreateSlaPolicyDto, @CurrentUser() user?: SessionUser) {
    return this.policies.create(dto, user?.id ?? null);
  }

  /** Changing the target or calendar recomputes the deadlines this policy set that still run. */
  @Patch(':id')
  @ApiOkResponse({ type: SlaPolicyChangeView })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateSlaPolicyDto,
    @CurrentUser() user?: SessionUser,
  ) {
    return this.policies.update(id, dto, user?.id ?? null);
  }
}
