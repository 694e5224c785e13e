import { BadRequestException, Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { SessionUser } from '../users/user.types';
import {
  ListNotificationsQuery,
  MarkReadDto,
  MarkedReadView,
  NotificationsPageView,
  UnreadCountView,
} from './dto/notifications.dto';
import { NotificationsService } from './notifications.service';

/** One's own in-app notifications (the bell): newest first, unread count, mark read. */
@ApiTags('notifications')
@Controller('api/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Roles('admin', 'agent', 'analyst')
  @ApiOkResponse({ type: NotificationsPageView })
  async list(@Query() q: ListNotificationsQuery, @CurrentUser() user: SessionUser) {
    const limit = q.limit ?? 30;
    const [rows, unread] = await Promise.all([
      this.notifications.list(user.id, { ...q, limit }),
      this.notifications.unreadCount(user.id),
    ]);
    return {
      notifications: rows,
      unread,
      nextBefore: rows.length === limit ? rows[rows.length - 1].id : null,
    };
  }

  @Get('unread-count')
  @Roles('admin', 'agent', 'analyst')
  @ApiOkResponse({ type: UnreadCountView })
  async unread(@CurrentUser() user: SessionUser) {
    return { unread: await this.notifications.unreadCount(user.id) };
  }

  @Post('read')
  @HttpCode(200)
  @Roles('admin', 'agent', 'analyst')
  @ApiOkResponse({ type: MarkedReadView })
  async markRead(@Body() dto: MarkReadDto, @CurrentUser() user: SessionUser) {
    if ((dto.all === true) === (dto.ids !== undefined)) {
      throw new BadRequestException('send either ids or all: true');
    }
    const marked = await this.notifications.markRead(user.id, dto.all ? 'all' : dto.ids!);
    return { marked, unread: await this.notifications.unreadCount(user.id), ok: true };
  }
}
