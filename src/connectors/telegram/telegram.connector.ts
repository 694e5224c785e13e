import { Telegraf } from 'telegraf';
import type { Telegram } from 'telegraf';
import {
  Connector,
  ConnectorError,
  Emit,
  OutgoingReply,
  ReceiveHooks,
  SendResult,
  SourceContext,
  WebhookOutcome,
  WebhookRequest,
} from '../connector';
import { toConnectorError } from './errors';
import { DiscussionThreads, messageKey } from './mapping';
import { TelegramPoller } from './poller';
import { handleTelegramWebhook } from './webhook';

/** What Otklik ingests; reactions and member updates carry no customer text. */
export const DEFAULT_ALLOWED_UPDATES = [
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
  'business_message',
  'edited_business_message',
];

export interface TelegramConnectorOptions {
  /** Bot API root when the source has no `settings.apiRoot` (TELEGRAM_API_URL). */
  apiRoot?: string;
  /** A send with no answer within this time has an unknown outcome. */
  sendTimeoutMs?: number;
  /** 429 on send: wait `retry_after` and try again, at most this many times and this long. */
  maxRateLimitRetries?: number;
  maxRateLimitWaitMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
}

/**
 * Telegram through the real telegraf client.
 * Source: `credentials.botToken` (+ `credentials.webhookSecret` in webhook mode);
 * `settings.mode` 'polling' (default) | 'webhook', `settings.webhookUrl`, `settings.apiRoot`,
 * `settings.allowedUpdates`, `settings.pollTimeoutSec`. Cursors: `updates` = {offset},
 * `discussionThreads` = which channel post each discussion thread belongs to.
 */
export class TelegramConnector implements Connector {
  readonly platform = 'telegram';
  readonly displayName = 'Telegram';
  /** The Bot API host: the only place a bot token goes unless custom API URLs are allowed. */
  readonly apiEndpoints = { apiRoot: ['api.telegram.org'] } as const;
  /** The Bot API has no idempotency key: a send whose outcome is lost becomes `unknown`. */
  readonly idempotentSends = false;
  private readonly opts: Required<TelegramConnectorOptions>;

  constructor(options: TelegramConnectorOptions = {}) {
    this.opts = {
      apiRoot: options.apiRoot ?? 'https://api.telegram.org/',
      sendTimeoutMs: options.sendTimeoutMs ?? 15_000,
      maxRateLimitRetries: options.maxRateLimitRetries ?? 3,
      maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? 60_000,
      retryBaseMs: options.retryBaseMs ?? 500,
      retryMaxMs: options.retryMaxMs ?? 30_000,
    };
  }

  async verify(source: SourceContext): Promise<{ accountName: string }> {
    webhookSecretProblem(source);
    try {
      const me = await this.client(source).getMe();
      return { accountName: me.username ? `@${me.username}` : me.first_name };
    } catch (err) {
      throw toConnectorError(err, 'read');
    }
  }

  async receive(source: SourceContext, emit: Emit, hooks: ReceiveHooks = {}): Promise<() => Promise<void>> {
    const telegram = this.client(source);
    const allowed: string[] = source.settings.allowedUpdates ?? DEFAULT_ALLOWED_UPDATES;
    try {
      if (source.settings.mode === 'webhook') {
        const url = source.settings.webhookUrl;
        if (!url) throw new ConnectorError('configuration', 'webhook mode needs settings.webhookUrl');
        webhookSecretProblem(source);
        await telegram.setWebhook(url, {
          secret_token: source.credentials.webhookSecret,
          allowed_updates: allowed as any,
        });
        // Updates now arrive at the ingest endpoint (handleTelegramWebhook); Telegram queues them meanwhile.
        return async () => undefined;
      }
      // getUpdates answers 409 while a webhook is set.
      await telegram.deleteWebhook();
    } catch (err) {
      throw toConnectorError(err, 'read');
    }
    const stored = source.cursors.updates as { offset?: number } | undefined;
    const poller = new TelegramPoller(
      telegram,
      emit,
      new DiscussionThreads(source.cursors.discussionThreads),
      {
        offset: Number(stored?.offset ?? 0),
        timeoutSec: Number(source.settings.pollTimeoutSec ?? 50),
        allowedUpdates: allowed,
        retryBaseMs: this.opts.retryBaseMs,
        retryMaxMs: this.opts.retryMaxMs,
      },
      hooks,
    );
    poller.start();
    return () => poller.stop();
  }

  /**
   * sendMessage as a reply, into the right chat and thread. The Bot API has no idempotency key, so
   * this never resends after the request may have reached Telegram: a reset, a timeout or a 5xx is
   * `unknown_outcome` for a person to decide. Only 429 (nothing was posted) is retried, after
   * `retry_after`.
   */
  /**
   * Webhook mode: Telegram POSTs one Update with the source's secret token header. What the
   * discussion-thread memory learnt is stored with the items; the answer is `{"ok":true}`.
   */
  webhook(source: SourceContext, request: WebhookRequest): WebhookOutcome {
    const r = handleTelegramWebhook(request.headers, request.body, {
      secretToken: source.credentials.webhookSecret,
      threads: new DiscussionThreads(source.cursors.discussionThreads),
    });
    if (r.status !== 200)
      return { accepted: false, answer: { status: r.status, body: { ok: false, description: r.error } } };
    return {
      accepted: true,
      batch: { items: r.items, cursors: r.cursors ?? {} },
      answer: () => ({ status: 200, body: { ok: true } }),
    };
  }

  async send(source: SourceContext, reply: OutgoingReply): Promise<SendResult> {
    const target = parseKey(reply.inReplyTo.externalId);
    const raw = (reply.inReplyTo.raw ?? {}) as Record<string, any>;
    // message_thread_id only where Telegram has a thread to put it in: a forum topic, or the
    // comment thread of a channel post we know. A plain supergroup reply carries the id of its
    // chain's root, which is no thread ("message thread not found"); replying to the message keeps
    // the answer next to it anyway.
    const knownComment =
      reply.inReplyTo.kind === 'comment' && !reply.inReplyTo.threadExternalId.includes(':thread:');
    const inThread = raw.is_topic_message === true || knownComment;
    const payload: Record<string, unknown> = {
      chat_id: target.chatId,
      text: reply.text,
      reply_parameters: { message_id: target.messageId, allow_sending_without_reply: true },
    };
    if (inThread && raw.message_thread_id !== undefined) payload.message_thread_id = raw.message_thread_id;
    if (raw.business_connection_id) payload.business_connection_id = raw.business_connection_id;

    const telegram = this.client(source);
    for (let attempt = 0; ; attempt++) {
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), this.opts.sendTimeoutMs);
      try {
        const msg = await telegram.callApi('sendMessage', payload as any, { signal: ac.signal as any });
        return { platformMessageId: messageKey(msg.chat.id, msg.message_id) };
      } catch (err) {
        const error = toConnectorError(err, 'send');
        const wait = error.retryAfterMs ?? 0;
        const retry =
          error.code === 'rate_limited' &&
          attempt < this.opts.maxRateLimitRetries &&
          wait <= this.opts.maxRateLimitWaitMs;
        if (!retry) throw error;
        await new Promise((r) => setTimeout(r, wait));
      } finally {
        clearTimeout(timer);
      }
    }
  }

  /** The real telegraf client; `webhookReply: false` so every call is a real request with a result. */
  private client(source: SourceContext): Telegram {
    const token = source.credentials.botToken ?? source.credentials.token;
    if (!token) throw new ConnectorError('configuration', 'the Telegram source has no bot token');
    const apiRoot: string = source.settings.apiRoot ?? this.opts.apiRoot;
    return new Telegraf(token, {
      telegram: { apiRoot: apiRoot.endsWith('/') ? apiRoot : `${apiRoot}/`, webhookReply: false },
    }).telegram;
  }
}

function parseKey(externalId: string): { chatId: number; messageId: number } {
  const i = externalId.lastIndexOf(':');
  const chatId = Number(externalId.slice(0, i));
  const messageId = Number(externalId.slice(i + 1));
  if (i <= 0 || !Number.isFinite(chatId) || !Number.isInteger(messageId)) {
    throw new ConnectorError('unsupported', `not a Telegram message key: ${externalId}`);
  }
  return { chatId, messageId };
}

/** The webhook route is public: only the secret_token proves an update came from Telegram. */
function webhookSecretProblem(source: SourceContext): void {
  const secret = source.credentials?.webhookSecret;
  if (source.settings?.mode !== 'webhook') return;
  if (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
    throw new ConnectorError(
      'configuration',
      'webhook mode needs credentials.webhookSecret (Telegram allows 1-256 of A-Z, a-z, 0-9, _ and -)',
    );
  }
}
