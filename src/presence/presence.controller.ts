import { Body, Controller, Get, HttpCode, NotFoundException, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { DateTime, Enum, Str } from '../common/api-schema';
import type { SessionUser } from '../users/user.types';
import { PRESENCE_STATES, type PresenceState, presenceUntil } from './presence';
import { PresenceRepository } from './presence.repository';

export class SetPresenceDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  conversationId!: string;

  @ApiProperty({ enum: PRESENCE_STATES, description: 'viewing (renew every 10 s), typing, or left' })
  @IsIn(PRESENCE_STATES)
  state!: PresenceState;
}

export class PresenceQuery {
  @ApiPropertyOptional({
    type: [String],
    description: 'only these conversations (comma-separated or repeated)',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',') : value))
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  conversationId?: string[];
}

export class PresenceView {
  @Str({ format: 'uuid' }) userId!: string;
  @Str() name!: string;
  @Str({ format: 'uuid' }) conversationId!: string;
  @Enum(PRESENCE_STATES) state!: PresenceState;
  @DateTime({ description: 'the claim lapses then unless renewed' }) until!: string;
}

/**
 * Who is viewing or typing where. The browser posts its own presence; everyone's changes stream
 * as `event: presence` on GET /api/events, and GET /api/presence is the snapshot on (re)connect.
 */
@ApiTags('presence')
@Controller('api/presence')
export class PresenceController {
  constructor(private readonly presence: PresenceRepository) {}

  @Post()
  @HttpCode(200)
  @Roles('admin', 'agent', 'analyst')
  @ApiOkResponse({ type: PresenceView })
  async set(@Body() dto: SetPresenceDto, @CurrentUser() user: SessionUser) {
    const p = await this.presence.set(
      user.id,
      dto.conversationId,
      dto.state,
      presenceUntil(dto.state, new Date()),
    );
    if (!p) throw new NotFoundException('conversation not found');
    return p;
  }

  @Get()
  @Roles('admin', 'agent', 'analyst')
  @ApiOkResponse({ type: [PresenceView] })
  list(@Query() q: PresenceQuery) {
    return this.presence.current(q.conversationId);
  }
}
