import {
  Controller,
  ForbiddenException,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
  type RawBodyRequest,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import type { WebhookAnswer } from '../connectors/connector';
import { ConnectorRegistry } from '../connectors/registry';
import { IngestService } from '../ingest/ingest.service';
import { SourcesService } from './sources.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Pushed items, for every platform whose connector has a webhook handler (VK Callback API,
 * Telegram webhook mode, the signed generic webhook): one receiver dispatching through the
 * connector registry. Public routes: the connector checks the request's signature or secret
 * before anything is parsed or stored; success is answered only after the batch is durably
 * stored (a storing failure is a 5xx, so the sender retries).
 */
@Controller('api')
@Public()
export class WebhookReceiverController {
  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly sources: SourcesService,
    private readonly ingest: IngestService,
  ) {}

  /** The generic webhook's documented address (docs/webhook-source.md). */
  @Post('ingest/:sourceId')
  @HttpCode(200)
  generic(@Param('sourceId') sourceId: string, @Req() req: RawBodyRequest<Request>, @Res() res: Response) {
    return this.receive('webhook', sourceId, req, res);
  }

  @Post('webhooks/:platform/:sourceId')
  @HttpCode(200)
  platform(
    @Param('platform') platform: string,
    @Param('sourceId') sourceId: string,
    @Req() req: RawBodyRequest<Request>,
    @Res() res: Response,
  ) {
    return this.receive(platform, sourceId, req, res);
  }

  private async receive(platform: string, sourceId: string, req: RawBodyRequest<Request>, res: Response) {
    const connector = this.registry.find(platform);
    const source = UUID.test(sourceId) ? await this.sources.find(sourceId) : null;
    if (!connector?.webhook || !source || source.platform !== platform)
      throw new NotFoundException(`no ${platform} source ${sourceId} takes webhooks`);
    const ctx = await this.sources.context(sourceId);
    const outcome = connector.webhook(ctx, { headers: req.headers, rawBody: req.rawBody, body: req.body });
    if (!outcome.accepted) return send(res, outcome.answer);
    // "disabled" is told only to a caller who passed the check: anonymous callers learn no more
    // than 404 or the connector's refusal
    if (!source.enabled) throw new ForbiddenException('source is disabled');
    const stored =
      outcome.batch.items.length > 0 || Object.keys(outcome.batch.cursors).length > 0
        ? await this.ingest.ingest(sourceId, outcome.batch)
        : { inserted: 0, edited: 0, duplicates: 0, quarantined: 0 };
    send(res, outcome.answer(stored));
  }
}

function send(res: Response, answer: WebhookAnswer): void {
  if (typeof answer.body === 'string') res.status(answer.status).type('text/plain').send(answer.body);
  else res.status(answer.status).json(answer.body);
}
