import { BadRequestException, Controller, Get, Headers, Logger, Query, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { SessionUser } from '../users/user.types';
import { EventsQuery, InboxEventView } from './events.views';
import { HEARTBEAT_MS, InboxEventsHub } from './inbox-events.hub';
import { InboxEventsRepository } from './inbox-events.repository';
import { SseStream } from './sse-stream';

const EVENT_ID = /^[1-9]\d{0,18}$/;
/** How long the browser waits before reconnecting a dropped stream. */
const RETRY_MS = 1000;

/**
 * The live inbox for signed-in browsers: Server-Sent Events, one per change (see
 * src/inbox/inbox-events.ts), a heartbeat comment every 15 s, resumable with Last-Event-ID.
 * `event: reset` means "too much was missed: reload your data". The stream ends when the
 * session does (sign-out, expiry, disabled user).
 */
@ApiTags('events')
@ApiExtraModels(InboxEventView)
@Controller('api/events')
export class EventsController {
  private readonly log = new Logger('Events');

  constructor(
    private readonly hub: InboxEventsHub,
    private readonly events: InboxEventsRepository,
  ) {}

  @Get()
  @Roles('admin', 'agent', 'analyst')
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'resume after this event' })
  @ApiOkResponse({
    description: 'text/event-stream; each `data:` line is an InboxEventView',
    schema: { $ref: getSchemaPath(InboxEventView) },
  })
  async stream(
    @CurrentUser() user: SessionUser,
    @Query() q: EventsQuery,
    @Headers('last-event-id') lastEventHeader: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const lastId = lastEventHeader?.trim() || q.lastEventId;
    if (lastId !== undefined && !EVENT_ID.test(lastId))
      throw new BadRequestException('Last-Event-ID must be an event id');

    const stream = new SseStream(res);
    stream.retry(RETRY_MS);
    // Live events are buffered while the replay is read, so nothing falls between the two.
    let buffer: InboxEventView[] | null = lastId ? [] : null;
    const sent = new Set<string>();
    const send = (e: InboxEventView) => {
      if (sent.has(e.id)) return;
      if (sent.size > 20_000) sent.clear(); // only the replay's overlap needs it
      sent.add(e.id);
      stream.event(e, { id: e.id });
    };
    const unsubscribe = this.hub.subscribe({
      sessionId: user.sessionId,
      userId: user.id,
      send: (e) => (buffer ? buffer.push(e) : send(e)),
      presence: (p) => stream.event(p, { event: 'presence' }),
      close: () => stream.close(),
    });
    const heartbeat = setInterval(() => stream.heartbeat(), HEARTBEAT_MS);
    stream.whenClosed(() => {
      clearInterval(heartbeat);
      unsubscribe();
    });

    if (lastId) {
      const missed = await this.events.resume(lastId).catch((err) => {
        this.log.warn(`cannot replay inbox events after ${lastId}: ${(err as Error).message}`);
        return null;
      });
      if (missed === null) stream.event({ reason: 'resume-unavailable' }, { event: 'reset' });
      else for (const e of missed) send(e);
      const live = buffer ?? [];
      buffer = null;
      for (const e of live) send(e);
    } else {
      stream.heartbeat(); // the browser's `open` fires on the first bytes
    }
  }
}
