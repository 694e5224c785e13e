import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Headers,
  HttpCode,
  Logger,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
  UnauthorizedException,
  type RawBodyRequest,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { parseWebhookPayload } from '../connectors/webhook/payload';
import { checkWebhookSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../connectors/webhook/signature';
import { DiscussionThreads, handleTelegramWebhook } from '../connectors/telegram';
import { handleVkCallback } from '../connectors/vk';
import type { SourceContext } from '../connectors/connector';
import { SourcesService } from '../sources/sources.service';
import { IngestService } from './ingest.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Pushed items: the generic signed webhook, VK Callback API and Telegram webhook mode. Public
 * routes: each checks its own signature or secret before anything is parsed or stored, and
 * answers success only after the batch is durably stored (so the sender retries otherwise).
 */
@Controller('api')
@Public()
export class InboundWebhooksController {
  private readonly logger = new Logger(InboundWebhooksController.name);

  constructor(
    private readonly sources: SourcesService,
    private readonly ingest: IngestService,
  ) {}

  @Post('ingest/:sourceId')
  @HttpCode(200)
  async generic(
    @Param('sourceId') sourceId: string,
    @Req() req: RawBodyRequest<Request>,
    @Headers(SIGNATURE_HEADER) signature: string | undefined,
    @Headers(TIMESTAMP_HEADER) timestamp: string | undefined,
  ) {
    const ctx = await this.knownSource(sourceId, 'webhook');
    const secret = ctx.credentials.secret;
    if (typeof secret !== 'string' || !secret)
      throw new UnauthorizedException('source has no signing secret');
    if (!req.rawBody) throw new BadRequestException('send the items as Content-Type: application/json');
    const check = checkWebhookSignature(secret, req.rawBody, signature, timestamp);
    if (!check.ok) throw new UnauthorizedException(check.reason);
    this.mustBeEnabled(ctx);
    const payload = parseWebhookPayload(req.body);
    if (!payload.ok) throw new BadRequestException(payload.error);
    const r = await this.ingest.ingest(sourceId, { items: payload.items, cursors: {} });
    return {
      received: payload.items.length,
      inserted: r.inserted,
      edited: r.edited,
      duplicates: r.duplicates,
      quarantined: r.quarantined,
    };
  }

  @Post('webhooks/vk/:sourceId')
  async vk(@Param('sourceId') sourceId: string, @Req() req: Request, @Res() res: Response) {
    const ctx = await this.knownSource(sourceId, 'vk');
    const result = handleVkCallback(req.body, {
      secret: ctx.credentials.callbackSecret,
      confirmation: ctx.credentials.callbackConfirmation,
      groupId: Number(ctx.settings.groupId) || undefined,
      includeBrand: ctx.settings.includeBrand === true,
    });
    if (result.status === 200) this.mustBeEnabled(ctx);
    if (result.status === 200 && result.items.length > 0) {
      await this.ingest.ingest(sourceId, { items: result.items, cursors: {} });
    }
    res.status(result.status).type('text/plain').send(result.body);
  }

  @Post('webhooks/telegram/:sourceId')
  async telegram(@Param('sourceId') sourceId: string, @Req() req: Request, @Res() res: Response) {
    const ctx = await this.knownSource(sourceId, 'telegram');
    const threads = new DiscussionThreads(ctx.cursors.discussionThreads);
    const result = handleTelegramWebhook(req.headers, req.body, {
      secretToken: ctx.credentials.webhookSecret,
      threads,
    });
    if (result.status !== 200) {
      res.status(result.status).json({ ok: false, description: result.error });
      return;
    }
    this.mustBeEnabled(ctx);
    const learnt = threads.takeCursor();
    // Telegram redelivers on a non-2xx, so a storing failure must surface as 5xx (the filter does)
    await this.ingest.ingest(sourceId, {
      items: result.items,
      cursors: learnt ? { discussionThreads: learnt } : {},
    });
    res.status(200).json({ ok: true });
  }

  /**
   * The source, enabled or not: "disabled" is told only to a caller who passed the signature
   * check (mustBeEnabled), so an anonymous caller learns no more than 404 or 401/403.
   */
  private async knownSource(
    sourceId: string,
    platform: string,
  ): Promise<SourceContext & { enabled: boolean }> {
    const source = UUID.test(sourceId) ? await this.sources.find(sourceId) : null;
    if (!source || source.platform !== platform)
      throw new NotFoundException(`no ${platform} source ${sourceId}`);
    return { ...(await this.sources.context(sourceId)), enabled: source.enabled };
  }

  private mustBeEnabled(ctx: { enabled: boolean }): void {
    if (!ctx.enabled) throw new ForbiddenException('source is disabled');
  }
}
