/**
 * The YouTube Data API v3 methods the connector uses, in YouTube's wire format: channels.list,
 * commentThreads.list, comments.list, comments.insert — with OAuth bearer tokens, quota (charged
 * per call before it runs, per Google Cloud project, reset at midnight Pacific time), page tokens
 * and the moderation states a channel owner sees.
 *
 * Modelled where YouTube does not document it (docs/platform-behaviour.md): `order=time` lists
 * threads by the top-level comment's publishedAt, newest first; a thread carries up to 5 of its
 * replies, oldest first; comments.list by parentId pages oldest first.
 */
import { createHash } from 'node:crypto';
import { YouTubeState } from './state';
import { QUOTA_COSTS, YtApiError, YtComment, ytErrors } from './types';

export interface ApiCall {
  method: string;
  query: URLSearchParams;
  body: unknown;
  /** The bearer token (Authorization header or access_token parameter). */
  token?: string;
}

const EMBEDDED_REPLIES = 5;

const etag = (value: unknown) =>
  createHash('sha1').update(JSON.stringify(value)).digest('base64url').slice(0, 27);

/** The project charged and the channel acting, from the access token; 401 otherwise. */
export function authorise(state: YouTubeState, token: string | undefined) {
  if (!token)
    throw new YtApiError(401, 'required', 'Login Required.', 'global', {
      location: 'Authorization',
      locationType: 'header',
    });
  const access = state.accessGrants.get(token);
  if (!access || access.expiresAt <= state.now()) throw ytErrors.authError();
  const grant = state.refreshGrants.get(access.refreshToken);
  if (!grant || grant.revoked) throw ytErrors.authError();
  const client = state.clients.get(grant.clientId)!;
  return { grant, client };
}

/** Charges the call's cost to the project's quota for today; 403 quotaExceeded when it does not fit. */
export function charge(state: YouTubeState, clientId: string, method: string): number {
  const client = state.clients.get(clientId)!;
  const day = state.quotaDay();
  if (client.quotaDay !== day) {
    client.quotaDay = day;
    client.quotaUsed = 0;
  }
  const cost = QUOTA_COSTS[method] ?? 1;
  if (client.quotaUsed + cost > client.dailyQuota) throw ytErrors.quotaExceeded();
  client.quotaUsed += cost;
  return cost;
}

function commentResource(state: YouTubeState, c: YtComment, textFormat: string, owner: boolean) {
  const text = textFormat === 'plainText' ? c.textOriginal : toHtml(c.textOriginal);
  const snippet: Record<string, unknown> = {
    channelId: c.channelId,
    ...(c.videoId ? { videoId: c.videoId } : {}),
    textDisplay: text,
    textOriginal: c.textOriginal,
    ...(c.parentId ? { parentId: c.parentId } : {}),
    authorDisplayName: c.authorDisplayName,
    authorProfileImageUrl: `https://yt3.ggpht.com/ytc/${c.authorChannelId}=s48-c-k-c0x00ffffff-no-rj`,
    authorChannelUrl: `http://www.youtube.com/${c.authorDisplayName}`,
    authorChannelId: { value: c.authorChannelId },
    canRate: true,
    viewerRating: 'none',
    likeCount: c.likeCount,
    // Only the channel's owner is told the moderation state.
    ...(owner ? { moderationStatus: c.moderationStatus } : {}),
    publishedAt: c.publishedAt,
    updatedAt: c.updatedAt,
  };
  void state;
  return { kind: 'youtube#comment', etag: etag([c.id, c.updatedAt, c.moderationStatus]), id: c.id, snippet };
}

function toHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\n/g, '<br>');
}

function maxResults(query: URLSearchParams, fallback: number): number {
  const raw = query.get('maxResults');
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw ytErrors.badRequest(
      'invalidParameter',
      `Invalid value '${raw}'. Values must be within the range: [1, 100]`,
    );
  return n;
}

function parts(query: URLSearchParams, allowed: string[]): string[] {
  const raw = query.get('part');
  if (!raw) throw ytErrors.badRequest('required', 'Required parameter: part');
  const list = raw.split(',').map((p) => p.trim());
  for (const p of list) if (!allowed.includes(p)) throw ytErrors.badRequest('unknownPart', `'${p}'`);
  return list;
}

/** Page tokens are opaque to clients: here, where the previous page stopped in the sort order. */
function encodeToken(key: string): string {
  return Buffer.from(`v1:${key}`).toString('base64url');
}

function decodeToken(token: string | null): string | undefined {
  if (!token) return undefined;
  const raw = Buffer.from(token, 'base64url').toString();
  if (!raw.startsWith('v1:'))
    throw ytErrors.badRequest('invalidPageToken', 'The request specifies an invalid page token.');
  return raw.slice(3);
}

const newestFirst = (a: YtComment, b: YtComment) =>
  b.publishedAt.localeCompare(a.publishedAt) || b.seq - a.seq;
const sortKey = (c: YtComment) => `${c.publishedAt}|${String(c.seq).padStart(12, '0')}`;

export function listCommentThreads(state: YouTubeState, call: ApiCall, channelId: string) {
  const q = call.query;
  const wanted = parts(q, ['id', 'snippet', 'replies']);
  const filters = ['allThreadsRelatedToChannelId', 'videoId', 'id'].filter((f) => q.get(f));
  if (filters.length !== 1)
    throw ytErrors.badRequest(
      'incompatibleParameters',
      'Specify exactly one of allThreadsRelatedToChannelId, videoId, id.',
    );
  const status = q.get('moderationStatus') ?? 'published';
  if (!['published', 'heldForReview', 'likelySpam'].includes(status))
    throw ytErrors.badRequest('invalidParameter', `Invalid value '${status}' for moderationStatus`);
  const textFormat = q.get('textFormat') ?? 'html';
  const target = q.get('allThreadsRelatedToChannelId');
  let threads: YtComment[];
  if (target) {
    if (!state.channels.has(target)) throw ytErrors.channelNotFound();
    threads = state.topLevel(target);
  } else if (q.get('videoId')) {
    const video = state.videos.get(q.get('videoId')!);
    if (!video)
      throw new YtApiError(
        404,
        'videoNotFound',
        'The video identified by the <code>videoId</code> parameter could not be found.',
        'youtube.commentThread',
      );
    threads = state.topLevel(video.channelId).filter((c) => c.videoId === video.id);
  } else {
    const ids = new Set(q.get('id')!.split(','));
    threads = [...state.comments.values()].filter((c) => ids.has(c.id) && !c.parentId && !c.deleted);
  }
  const threadChannel = target ?? threads[0]?.channelId;
  const owner = threadChannel !== undefined && threadChannel === channelId;
  if (status !== 'published' && !owner)
    throw ytErrors.forbidden(
      'The request is not properly authorized to retrieve the specified comment threads.',
    );
  const replyStatus = (r: YtComment) => r.moderationStatus === status;
  threads = threads.filter((t) =>
    status === 'published'
      ? t.moderationStatus === 'published'
      : t.moderationStatus === status || state.repliesOf(t.id).some(replyStatus),
  );
  const searchTerms = q.get('searchTerms')?.toLowerCase();
  if (searchTerms) threads = threads.filter((t) => t.textOriginal.toLowerCase().includes(searchTerms));
  if (!target) threads.sort(newestFirst); // the channel's list comes sorted
  const after = decodeToken(q.get('pageToken'));
  const from = after ? threads.filter((t) => sortKey(t) < after) : threads;
  const size = maxResults(q, 20);
  const page = from.slice(0, size);
  const items = page.map((t) => {
    const published = state.repliesOf(t.id).filter((r) => r.moderationStatus === 'published');
    const shown = status === 'published' ? published : state.repliesOf(t.id).filter(replyStatus);
    const topLevel = commentResource(state, t, textFormat, owner);
    return {
      kind: 'youtube#commentThread',
      etag: etag([t.id, t.updatedAt, published.length]),
      id: t.id,
      ...(wanted.includes('snippet')
        ? {
            snippet: {
              channelId: t.channelId,
              ...(t.videoId ? { videoId: t.videoId } : {}),
              topLevelComment: topLevel,
              canReply: true,
              totalReplyCount: published.length,
              isPublic: true,
            },
          }
        : {}),
      ...(wanted.includes('replies') && shown.length > 0
        ? {
            replies: {
              comments: shown
                .slice(0, EMBEDDED_REPLIES)
                .map((r) => commentResource(state, r, textFormat, owner)),
            },
          }
        : {}),
    };
  });
  const more = from.length > page.length;
  return {
    kind: 'youtube#commentThreadListResponse',
    etag: etag(items.map((i) => i.etag)),
    ...(more ? { nextPageToken: encodeToken(sortKey(page[page.length - 1])) } : {}),
    pageInfo: { totalResults: threads.length, resultsPerPage: size },
    items,
  };
}

export function listComments(state: YouTubeState, call: ApiCall, channelId: string) {
  const q = call.query;
  parts(q, ['id', 'snippet']);
  const textFormat = q.get('textFormat') ?? 'html';
  const parentId = q.get('parentId');
  let list: YtComment[];
  if (parentId) {
    const parent = state.comments.get(parentId);
    if (!parent || parent.deleted) throw ytErrors.commentNotFound();
    list = state.repliesOf(parentId).filter((r) => r.moderationStatus === 'published');
  } else if (q.get('id')) {
    const ids = new Set(q.get('id')!.split(','));
    list = [...state.comments.values()].filter((c) => ids.has(c.id) && !c.deleted);
  } else throw ytErrors.badRequest('incompatibleParameters', 'Specify exactly one of id, parentId.');
  const after = decodeToken(q.get('pageToken'));
  const from = after ? list.filter((c) => sortKey(c) > after) : list;
  const size = maxResults(q, 20);
  const page = from.slice(0, size);
  const owner = page.some((c) => c.channelId === channelId);
  return {
    kind: 'youtube#commentListResponse',
    etag: etag(page.map((c) => [c.id, c.updatedAt])),
    ...(from.length > page.length ? { nextPageToken: encodeToken(sortKey(page[page.length - 1])) } : {}),
    pageInfo: { totalResults: list.length, resultsPerPage: size },
    items: page.map((c) => commentResource(state, c, textFormat, owner)),
  };
}

/** comments.insert: a reply as the authorised channel. No idempotency key exists on YouTube. */
export function insertComment(state: YouTubeState, call: ApiCall, channelId: string) {
  parts(call.query, ['id', 'snippet']);
  const snippet = (call.body as { snippet?: { parentId?: unknown; textOriginal?: unknown } })?.snippet;
  if (!snippet || typeof snippet.parentId !== 'string')
    throw ytErrors.badRequest('parentIdMissing', 'No parent ID was specified.');
  const text = typeof snippet.textOriginal === 'string' ? snippet.textOriginal : '';
  if (!text.trim())
    throw ytErrors.badRequest(
      'commentTextRequired',
      'The comment resource must contain a value for the <code>snippet.textOriginal</code> property.',
    );
  if (text.length > 10_000)
    throw ytErrors.badRequest(
      'commentTextTooLong',
      'The comment resource being inserted or updated contains too many characters in the <code>snippet.textOriginal</code> property.',
    );
  const parent = state.comments.get(snippet.parentId);
  if (!parent || parent.deleted) throw ytErrors.commentNotFound();
  if (parent.parentId)
    throw ytErrors.badRequest(
      'operationNotSupported',
      'The API user is not able to insert a comment in reply to the specified comment.',
    );
  if (parent.moderationStatus !== 'published')
    throw ytErrors.forbidden('The comment could not be created: the comment it answers is held for review.');
  const channel = state.channels.get(channelId)!;
  const reply = state.addComment({
    channelId: parent.channelId,
    parentId: parent.id,
    authorChannelId: channel.id,
    authorDisplayName: channel.customUrl,
    text,
  });
  state.outbox.push({
    seq: state.outbox.length + 1,
    at: state.now(),
    method: 'comments.insert',
    channelId,
    parentId: parent.id,
    commentId: reply.id,
    text,
  });
  return commentResource(state, reply, 'html', true);
}

export function listChannels(state: YouTubeState, call: ApiCall, channelId: string) {
  const q = call.query;
  parts(q, ['id', 'snippet']);
  const ids = q.get('mine') === 'true' ? [channelId] : (q.get('id') ?? '').split(',').filter(Boolean);
  const items = ids
    .map((id) => state.channels.get(id))
    .filter((c) => c !== undefined)
    .map((c) => ({
      kind: 'youtube#channel',
      etag: etag([c.id, c.title]),
      id: c.id,
      snippet: {
        title: c.title,
        description: '',
        customUrl: c.customUrl,
        publishedAt: c.publishedAt,
        thumbnails: { default: { url: `https://yt3.ggpht.com/${c.id}=s88`, width: 88, height: 88 } },
        localized: { title: c.title, description: '' },
      },
    }));
  return {
    kind: 'youtube#channelListResponse',
    etag: etag(items.map((i) => i.etag)),
    pageInfo: { totalResults: items.length, resultsPerPage: 5 },
    items,
  };
}
