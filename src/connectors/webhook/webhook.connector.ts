import {
  Connector,
  ConnectorError,
  OutgoingReply,
  SendResult,
  SourceContext,
  WebhookOutcome,
  WebhookRequest,
} from '../connector';
import { outboundUrlProblem, postReply } from './outbound';
import { parseWebhookPayload } from './payload';
import { checkWebhookSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature';

export const MIN_SECRET_LENGTH = 16;

export interface WebhookConnectorOptions {
  /** Outbound URLs may be plain http or private addresses (ALLOW_CUSTOM_API_URLS). */
  allowPrivateOutbound?: boolean;
  outboundTimeoutMs?: number;
}

/**
 * The generic webhook source (site chat, forms, review sites, automation tools): items arrive at
 * `POST /api/ingest/:sourceId`, signed with `credentials.secret`. With `settings.outboundUrl`,
 * replies are POSTed there, signed with `credentials.outboundSecret` (else the same secret), the
 * reply id as the delivery id the receiver dedupes by (outbound.ts, docs/webhook-source.md).
 * Without it the source is inbound only, and a reply fails as `unsupported`.
 */
export class WebhookConnector implements Connector {
  readonly platform = 'webhook';
  /** Receivers dedupe by the reply id (the documented contract), so a lost answer may be resent. */
  readonly idempotentSends = true;
  private readonly allowPrivate: boolean;
  private readonly timeoutMs: number;

  constructor(options: WebhookConnectorOptions = {}) {
    this.allowPrivate = options.allowPrivateOutbound ?? false;
    this.timeoutMs = options.outboundTimeoutMs ?? 10_000;
  }

  /**
   * Items signed with `credentials.secret` (X-Otklik-Signature over the raw body, optionally with
   * X-Otklik-Timestamp); the answer counts what was stored (docs/webhook-source.md).
   */
  webhook(source: SourceContext, request: WebhookRequest): WebhookOutcome {
    const secret = source.credentials.secret;
    if (typeof secret !== 'string' || !secret) return refuse(401, 'source has no signing secret');
    if (!request.rawBody) return refuse(400, 'send the items as Content-Type: application/json');
    const check = checkWebhookSignature(
      secret,
      request.rawBody,
      header(request.headers, SIGNATURE_HEADER),
      header(request.headers, TIMESTAMP_HEADER),
    );
    if (!check.ok) return refuse(401, check.reason);
    const payload = parseWebhookPayload(request.body);
    if (!payload.ok) return refuse(400, payload.error);
    const received = payload.items.length;
    return {
      accepted: true,
      batch: { items: payload.items, cursors: {} },
      answer: (stored) => ({
        status: 200,
        body: {
          received,
          inserted: stored.inserted,
          edited: stored.edited,
          duplicates: stored.duplicates,
          quarantined: stored.quarantined,
        },
      }),
    };
  }

  async verify(source: SourceContext): Promise<{ accountName: string }> {
    const secret = source.credentials?.secret;
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
      throw new ConnectorError(
        'configuration',
        `credentials.secret must be at least ${MIN_SECRET_LENGTH} characters`,
      );
    }
    const outboundSecret = source.credentials?.outboundSecret;
    if (
      outboundSecret !== undefined &&
      (typeof outboundSecret !== 'string' || outboundSecret.length < MIN_SECRET_LENGTH)
    ) {
      throw new ConnectorError(
        'configuration',
        `credentials.outboundSecret must be at least ${MIN_SECRET_LENGTH} characters`,
      );
    }
    const url = source.settings?.outboundUrl;
    if (url !== undefined && url !== null && url !== '') {
      const problem = outboundUrlProblem(url, this.allowPrivate);
      if (problem) throw new ConnectorError('configuration', problem);
    }
    return { accountName: typeof source.settings?.label === 'string' ? source.settings.label : 'webhook' };
  }

  async send(source: SourceContext, reply: OutgoingReply): Promise<SendResult> {
    const url = source.settings?.outboundUrl;
    if (typeof url !== 'string' || url === '')
      throw new ConnectorError(
        'unsupported',
        'this webhook source has no outbound URL (settings.outboundUrl): replies cannot be sent',
      );
    const secret = source.credentials?.outboundSecret ?? source.credentials?.secret;
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH)
      throw new ConnectorError('configuration', 'the webhook source has no secret to sign replies with');
    return postReply({ url, secret, sourceId: source.id }, reply, {
      allowPrivate: this.allowPrivate,
      timeoutMs: this.timeoutMs,
    });
  }
}

/** A refusal in the shape every other 4xx of the API has. */
function refuse(status: 400 | 401, message: string): WebhookOutcome {
  const error = status === 400 ? 'Bad Request' : 'Unauthorized';
  return { accepted: false, answer: { status, body: { statusCode: status, message, error } } };
}

function header(headers: WebhookRequest['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
