/**
 * The connector contract: every platform (VK, Telegram, generic webhook, ...) implements it,
 * and is registered by platform name, so adding a platform is one folder. The inbox,
 * conversations and replies never know which platform an item came from.
 */

/** One post, comment or message, as every platform's data is normalised before ingest. */
export interface NormalizedItem {
  /** Unique within the source; the natural key (e.g. VK `wall:-42_3_7`, Telegram `-100200:802`). */
  externalId: string;
  kind:
    | 'post'
    | 'comment'
    | 'message'
    | 'board_post'
    | 'photo_comment'
    | 'video_comment'
    | 'market_comment'
    | 'channel_post'
    | 'mention'
    | 'review';
  /** The item this one answers (comment -> post, reply -> message). */
  parentExternalId?: string;
  /**
   * The platform thread the item belongs to: conversations are threaded by this plus the author
   * (e.g. VK DM `dm:5`, a wall post's comments `wall:-42_3`, a Telegram chat or topic).
   */
  threadExternalId: string;
  author: { externalId: string; name?: string; username?: string; isBrand?: boolean };
  text: string;
  createdAt: Date;
  /** Set for edits: the stored item is updated and its previous text kept. */
  editedAt?: Date;
  raw?: unknown;
}

/** A batch of items and the cursor that covers them; ingest saves both in one transaction. */
export interface FetchResult {
  items: NormalizedItem[];
  /** Cursor updates keyed by stream (e.g. `lp`, `post:-42_3`); saved with the items. */
  cursors: Record<string, unknown>;
  /** More is waiting right now (backfill pages). */
  hasMore?: boolean;
}

export interface OutgoingReply {
  /** Stable id of the reply (the outbox row id): the idempotency key is derived from it. */
  replyId: string;
  text: string;
  /** The item answered, as stored (its externalId, thread and kind tell the connector where to post). */
  inReplyTo: { externalId: string; threadExternalId: string; kind: NormalizedItem['kind']; raw?: unknown };
}

/** A post as the platform shows it, for the context above its comments. */
export interface PostContent {
  text: string;
  postedAt: Date | null;
}

export interface SendResult {
  platformMessageId: string;
}

export type ConnectorErrorCode =
  | 'rate_limited' // retry after `retryAfterMs`
  | 'auth_revoked' // the token no longer works: a person must reconnect
  | 'temporary' // 5xx, timeouts, resets: retry with backoff
  | 'bad_cursor' // the stored cursor is no longer valid: reconcile
  | 'configuration' // the source's token kind, permissions or settings are wrong: a person fixes the source
  | 'unsupported' // this one request cannot be done here (e.g. a reply to a VK photo comment): the source is fine
  | 'unknown_outcome' // a send may or may not have happened: never resend automatically
  | 'rejected'; // the platform refused this one request (e.g. user blocked the bot)

/**
 * A connector failure. `message` is shown to people only when there is no `cause` (then it is the
 * connector's own words); an error that carries a platform's answer passes it as `cause`, and
 * people see a sanitised reason instead (src/sources/public-reason.ts).
 */
export class ConnectorError extends Error {
  constructor(
    readonly code: ConnectorErrorCode,
    message: string,
    readonly retryAfterMs?: number,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

/** Units of a platform's API quota spent on one quota day (YouTube: 10,000 a day by default). */
export interface QuotaUsage {
  /** The platform's quota day, e.g. `2024-11-01` (YouTube's starts at midnight Pacific time). */
  day: string;
  used: number;
}

/**
 * Where a connector counts what it spends of a platform's API quota, per source, shared by every
 * process (the sources service keeps it in the database). Spent before each call: a failed call
 * costs quota too.
 */
export interface QuotaMeter {
  read(): Promise<QuotaUsage | null>;
  /** Adds `units` to `day` (a new day starts from zero); answers the day's total. */
  spend(day: string, units: number): Promise<number>;
}

/** A source's quota as its health shows it. */
export interface QuotaView {
  day: string;
  limit: number;
  used: number;
  remaining: number;
  /** The most polling may spend a day; the rest is kept for replies. */
  readBudget: number;
  resetsAt: string;
}

/** Decrypted credentials and settings of one source, as a connector receives them. */
export interface SourceContext {
  id: string;
  platform: string;
  settings: Record<string, any>;
  credentials: Record<string, any>;
  /** Stored cursors by stream. */
  cursors: Record<string, unknown>;
  /** The source's quota ledger, for platforms with a daily API quota. */
  quota?: QuotaMeter;
}

/**
 * Push-style platforms (long poll, webhooks) call `emit` with each batch; the returned
 * promise resolves once the batch is durably stored, so the connector may then confirm it.
 */
export type Emit = (batch: FetchResult) => Promise<void>;

/**
 * Optional health reports from a running push receiver (it retries by itself; the sync service
 * maps the codes onto the source's state). `onStopped` fires when the receiver gave up for good
 * (e.g. the token was revoked or another poller took over).
 */
export interface ReceiveHooks {
  onError?(error: ConnectorError): void;
  onHealthy?(): void;
  onStopped?(error: ConnectorError): void;
}

/** A request pushed to a source's webhook URL (by the platform, or a client of the generic webhook). */
export interface WebhookRequest {
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The exact bytes received (signatures are computed over them); undefined when the body was not JSON. */
  rawBody: Buffer | undefined;
  /** The body as parsed JSON. */
  body: unknown;
}

/** An HTTP answer in the platform's own terms (VK wants the text `ok`, Telegram `{"ok":true}`). */
export interface WebhookAnswer {
  status: number;
  /** A string is sent as text/plain, anything else as JSON. */
  body: string | object;
}

/** What ingest did with an accepted webhook batch, for answers that report it. */
export interface StoredWebhookBatch {
  inserted: number;
  edited: number;
  duplicates: number;
  quarantined: number;
}

/** What a connector made of a webhook request. */
export type WebhookOutcome =
  /** Not authentic or not understood: answered as it is; nothing is stored. */
  | { accepted: false; answer: WebhookAnswer }
  /**
   * Authentic: `batch` (items and cursors) is stored in one transaction, then `answer` is sent;
   * when storing fails the answer is a 5xx instead, so the platform redelivers.
   */
  | { accepted: true; batch: FetchResult; answer(stored: StoredWebhookBatch): WebhookAnswer };

export interface Connector {
  readonly platform: string;
  /** How people call the platform in messages ("VK error 5"); default: the platform id. */
  readonly displayName?: string;
  /**
   * The settings that say where the credentials are sent (e.g. VK `apiBaseUrl`), each with the
   * platform's own hosts. Other hosts are refused unless ALLOW_CUSTOM_API_URLS (emulators), and
   * changing one needs the credentials again (src/sources/api-endpoints.ts).
   */
  readonly apiEndpoints?: Readonly<Record<string, readonly string[]>>;
  /**
   * The platform dedupes sends by our idempotency key (VK: guid / random_id), so a send whose
   * worker died mid-request may be retried; otherwise (Telegram) such a reply becomes `unknown`.
   */
  readonly idempotentSends?: boolean;
  /** Checks the credentials; throws ConnectorError('auth_revoked' | 'configuration') when wrong. */
  verify(source: SourceContext): Promise<{ accountName: string }>;
  /** Pull mode: everything since the stored cursors (backfill, reconciliation, polling). */
  fetch?(source: SourceContext): Promise<FetchResult>;
  /** Push mode: start receiving (long poll); returns a stop function. */
  receive?(source: SourceContext, emit: Emit, hooks?: ReceiveHooks): Promise<() => Promise<void>>;
  /**
   * Push mode over HTTP: the request a platform POSTed to `/api/webhooks/<platform>/<sourceId>`
   * (the generic webhook also at `/api/ingest/<sourceId>`). Checks the request's signature or
   * secret before anything else; one receiver (src/sources/webhook-receiver.controller.ts) stores
   * what it accepts and sends the answer.
   */
  webhook?(source: SourceContext, request: WebhookRequest): WebhookOutcome;
  /** Sends a reply exactly once, using an idempotency key derived from `reply.replyId`. */
  send(source: SourceContext, reply: OutgoingReply): Promise<SendResult>;
  /**
   * The post a comment thread answers (e.g. the community's own VK wall post, which is not an
   * item), by its external id (`postOf` in post-of.ts); null when the platform no longer has it.
   * The inbox calls it once per post and keeps the answer (post_contexts).
   */
  fetchPost?(source: SourceContext, postExternalId: string): Promise<PostContent | null>;
  /** Platforms with a daily API quota: the source's quota as its health shows it. */
  quotaView?(settings: Record<string, any>, usage: QuotaUsage | null, now: Date): QuotaView;
}
