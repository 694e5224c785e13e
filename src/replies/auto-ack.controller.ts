import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { SessionUser } from '../users/user.types';
import { AutoAckService } from './auto-ack.service';
import { AutoAckRuleView, CreateAutoAckRuleDto, UpdateAutoAckRuleDto } from './dto/auto-ack.dto';

/** Auto-acknowledgement rules per source and intent (admins; audited). */
@ApiTags('replies')
@Controller('api/auto-ack/rules')
export class AutoAckController {
  constructor(private readonly acks: AutoAckService) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: AutoAckRuleView, isArray: true })
  list() {
    return this.acks.rules();
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: AutoAckRuleView })
  create(@Body() dto: CreateAutoAckRuleDto, @CurrentUser() user: SessionUser) {
    return this.acks.create(dto, user);
  }

  /** Rules are switched off (enabled: false), never deleted. */
  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: AutoAckRuleView })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateAutoAckRuleDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.acks.update(id, dto, user);
  }
}
