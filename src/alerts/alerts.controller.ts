import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { SessionUser } from '../users/user.types';
import { AlertsService } from './alerts.service';
import { AlertDetailDto, AlertListDto, AlertViewDto, ListAlertsQuery } from './dto/alerts.dto';

/** Every alert with its state: admins and the on-call leads (the lead flag) read; admins resend. */
@ApiTags('alerts')
@Controller('api/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @Roles('admin', 'lead')
  @ApiOkResponse({ type: AlertListDto })
  list(@Query() q: ListAlertsQuery) {
    return this.alerts.list(q);
  }

  @Get(':id')
  @Roles('admin', 'lead')
  @ApiOkResponse({ type: AlertDetailDto })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.alerts.get(id);
  }

  /** A failed or unknown message: send it (again). */
  @Post(':id/resend')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: AlertViewDto })
  resend(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user?: SessionUser) {
    return this.alerts.resend(id, user?.id ?? null);
  }

  /** An unknown message that did reach the channel (a person looked): sent, never resent. */
  @Post(':id/mark-sent')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: AlertViewDto })
  markSent(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user?: SessionUser) {
    return this.alerts.markSent(id, user?.id ?? null);
  }
}
