import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { SessionUser } from '../users/user.types';
import { AlertRulesService } from './alert-rules.service';
import { AlertsService } from './alerts.service';
import { CreateAlertRuleDto, TestMessageDto, UpdateAlertRuleDto } from './dto/alert-rule.dto';
import { AlertRuleViewDto, TestResultDto } from './dto/alerts.dto';

/** Admin: alert rules (thresholds, channel, quiet hours, language) and the test message. */
@ApiTags('alerts')
@Roles('admin')
@Controller('api/alert-rules')
export class AlertRulesController {
  constructor(
    private readonly rules: AlertRulesService,
    private readonly alerts: AlertsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: [AlertRuleViewDto] })
  list() {
    return this.rules.list();
  }

  /** Every kind's thresholds as they are when a rule leaves them out. */
  @Get('defaults')
  defaults() {
    return this.rules.defaults();
  }

  @Get(':id')
  @ApiOkResponse({ type: AlertRuleViewDto })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.rules.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: AlertRuleViewDto })
  create(@Body() dto: CreateAlertRuleDto, @CurrentUser() user?: SessionUser) {
    return this.rules.create(dto, user?.id ?? null);
  }

  @Patch(':id')
  @ApiOkResponse({ type: AlertRuleViewDto })
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateAlertRuleDto,
    @CurrentUser() user?: SessionUser,
  ) {
    const view = await this.rules.update(id, dto, user?.id ?? null);
    // Messages held for the old quiet hours go when the new ones allow.
    if (dto.quietHours !== undefined || dto.timeZone !== undefined) await this.alerts.rescheduleHeld(id);
    return view;
  }

  /** The rule goes; the alerts it raised stay on record. */
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user?: SessionUser) {
    await this.rules.remove(id, user?.id ?? null);
  }

  /** Sends a sample message now (to the saved channel, or to `webhookUrl` to try one first). */
  @Post(':id/test')
  @HttpCode(200)
  @ApiOkResponse({ type: TestResultDto })
  test(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TestMessageDto,
    @CurrentUser() user?: SessionUser,
  ) {
    return this.alerts.test(id, dto.channel ?? 'main', dto.webhookUrl, user?.id ?? null);
  }
}
