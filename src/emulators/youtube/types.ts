/**
 * The YouTube emulator's stored objects. What it serves is built from these in resources.ts in
 * the YouTube Data API v3 wire format (Google's discovery document, `youtube:v3`).
 */

export const QUOTA_COSTS: Readonly<Record<string, number>> = {
  'channels.list': 1,
  'commentThreads.list': 1,
  'comments.list': 1,
  'comments.insert': 50,
};

export const DEFAULT_DAILY_QUOTA = 10_000;

export interface YtChannel {
  id: string;
  title: string;
  customUrl: string;
  publishedAt: string;
}

export interface YtVideo {
  id: string;
  channelId: string;
  title: string;
}

export type ModerationStatus = 'published' | 'heldForReview' | 'likelySpam' | 'rejected';

export interface YtComment {
  id: string;
  /** The top-level comment's id for replies (YouTube threads are one level deep). */
  parentId?: string;
  videoId?: string;
  /** The channel the comment is about (the video's channel). */
  channelId: string;
  authorChannelId: string;
  authorDisplayName: string;
  textOriginal: string;
  publishedAt: string;
  updatedAt: string;
  moderationStatus: ModerationStatus;
  likeCount: number;
  /** Deleted by its author: gone from every list and lookup. */
  deleted?: boolean;
  /** Emulator order of creation (ties on publishedAt). */
  seq: number;
  /** Where it sorts: `<publishedAt>|<seq>` (page tokens point at it). */
  sortKey: string;
}

/** An OAuth client (a Google Cloud project): quota is counted per project per Pacific day. */
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  dailyQuota: number;
  /** Pacific date (YYYY-MM-DD) and units spent on it. */
  quotaDay: string;
  quotaUsed: number;
}

export interface RefreshGrant {
  refreshToken: string;
  clientId: string;
  /** The channel the user authorised (what `mine=true` and comments.insert act as). */
  channelId: string;
  scopes: string[];
  revoked: boolean;
}

export interface AccessGrant {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
}

export interface YtOutboxEntry {
  seq: number;
  at: number;
  method: string;
  channelId: string;
  parentId: string;
  commentId: string;
  text: string;
}

export interface YtRequestLogEntry {
  at: number;
  method: string;
  params: Record<string, string>;
  status: number;
  reason?: string;
  cost: number;
  clientId?: string;
}

/** A Google API error; the server answers `{error: {code, message, errors: [{message, domain, reason}], status}}`. */
export class YtApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    readonly msg: string,
    readonly domain = 'youtube.api',
    readonly extra: Record<string, unknown> = {},
  ) {
    super(msg);
  }
}

const STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export function errorBody(err: YtApiError) {
  return {
    error: {
      code: err.code,
      message: err.msg,
      errors: [{ message: err.msg, domain: err.domain, reason: err.reason, ...err.extra }],
      ...(STATUS[err.code] ? { status: STATUS[err.code] } : {}),
    },
  };
}

/** The errors the connector must handle, as YouTube words them. */
export const ytErrors = {
  quotaExceeded: () =>
    new YtApiError(
      403,
      'quotaExceeded',
      'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
      'youtube.quota',
    ),
  rateLimitExceeded: () =>
    new YtApiError(
      403,
      'rateLimitExceeded',
      'The request cannot be completed because you have exceeded your rate limit.',
      'usageLimits',
    ),
  authError: () =>
    new YtApiError(
      401,
      'authError',
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      'global',
      { location: 'Authorization', locationType: 'header' },
    ),
  insufficientScopes: () =>
    new YtApiError(
      403,
      'insufficientPermissions',
      'Request had insufficient authentication scopes.',
      'global',
    ),
  forbidden: (what: string) => new YtApiError(403, 'forbidden', what, 'youtube.comment'),
  commentNotFound: () =>
    new YtApiError(
      404,
      'commentNotFound',
      'The comment identified by the <code>parentId</code> parameter could not be found.',
      'youtube.comment',
    ),
  channelNotFound: () =>
    new YtApiError(
      404,
      'channelNotFound',
      'The channel identified by the <code>allThreadsRelatedToChannelId</code> parameter could not be found.',
      'youtube.commentThread',
    ),
  badRequest: (reason: string, what: string) => new YtApiError(400, reason, what, 'youtube.api'),
  backendError: () => new YtApiError(503, 'backendError', 'Backend Error', 'global'),
};
