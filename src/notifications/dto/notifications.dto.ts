import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import {
  Bool,
  DateTime,
  Enum,
  Int,
  Json,
  ListOf,
  NullableDateTime,
  NullableStr,
  Str,
} from '../../common/api-schema';
import { NOTIFICATION_KINDS, type NotificationKind } from '../notifications.repository';

export class ListNotificationsQuery {
  @ApiPropertyOptional({ description: 'only unread ones' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ description: 'the next page: notifications older than this id' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,18}$/, { message: 'before must be a notification id' })
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class MarkReadDto {
  @ApiPropertyOptional({
    type: [String],
    description: 'the notifications to mark read; leave out with all: true',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(/^[1-9]\d{0,18}$/, { each: true, message: 'ids must be notification ids' })
  ids?: string[];

  @ApiPropertyOptional({ description: 'mark every notification read' })
  @IsOptional()
  @IsBoolean()
  all?: boolean;
}

export class NotificationView {
  @Str({ description: 'a bigint as a string' }) id!: string;
  @Enum(NOTIFICATION_KINDS) kind!: NotificationKind;
  @NullableStr({ format: 'uuid' }) conversationId!: string | null;
  @Json({
    description:
      'sla_warning: event (warning_80), dueAt; sla_breach: dueAt, priority, reassignedTo, role (assignee | lead); ' +
      'returned_to_queue: idleMinutes',
  })
  data!: Record<string, unknown>;
  @DateTime() createdAt!: string;
  @NullableDateTime() readAt!: string | null;
}

export class NotificationsPageView {
  @ListOf(() => NotificationView) notifications!: NotificationView[];
  @Int() unread!: number;
  @NullableStr({ description: 'pass as `before` for the next page' }) nextBefore!: string | null;
}

export class UnreadCountView {
  @Int() unread!: number;
}

export class MarkedReadView {
  @Int() marked!: number;
  @Int() unread!: number;
  @Bool() ok!: boolean;
}
