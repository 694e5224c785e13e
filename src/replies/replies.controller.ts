import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { SessionUser } from '../users/user.types';
import { CreateReplyDto, MarkDeliveredDto } from './dto/reply.dto';
import { ReplyView } from './dto/reply.views';
import { RepliesService } from './replies.service';

@ApiTags('replies')
@Controller('api')
export class RepliesController {
  constructor(private readonly replies: RepliesService) {}

  /** Queues a reply from the company account; 202: it is delivered in the background. */
  @Post('conversations/:id/replies')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ReplyView })
  @Roles('admin', 'agent')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key twice makes one reply' })
  create(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateReplyDto,
    @CurrentUser() user: SessionUser,
    @Headers('idempotency-key') key?: string,
  ) {
    if (key !== undefined && !/^[\w-]{8,100}$/.test(key)) {
      throw new BadRequestException('Idempotency-Key must be 8-100 letters, digits, _ or -');
    }
    return this.replies.create(id, dto, user, key);
  }

  @Get('replies/:id')
  @ApiOkResponse({ type: ReplyView })
  @Roles('admin', 'agent', 'analyst')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.replies.get(id);
  }

  /** For an `unknown` (or `failed`) reply a person checked: send it again. */
  @Post('replies/:id/resend')
  @ApiOkResponse({ type: ReplyView })
  @HttpCode(200)
  @Roles('admin', 'agent')
  resend(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: SessionUser) {
    return this.replies.resend(id, user);
  }

  /** For an `unknown` reply a person found on the platform. */
  @Post('replies/:id/mark-delivered')
  @ApiOkResponse({ type: ReplyView })
  @HttpCode(200)
  @Roles('admin', 'agent')
  markDelivered(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: MarkDeliveredDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.replies.markDelivered(id, dto, user);
  }
}
