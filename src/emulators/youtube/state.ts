/**
 * In-memory state of the YouTube emulator: channels, videos, comments with their moderation
 * state, OAuth clients and grants, per-project quota on YouTube's day (midnight Pacific time) and
 * what the API wrote. Pure data and mutations; HTTP lives in server.ts, the API in api.ts.
 */
import { DateTime } from 'luxon';
import { seededRandom } from '../shared/faults';
import {
  AccessGrant,
  DEFAULT_DAILY_QUOTA,
  ModerationStatus,
  OAuthClient,
  RefreshGrant,
  YtChannel,
  YtComment,
  YtOutboxEntry,
  YtRequestLogEntry,
  YtVideo,
} from './types';

const ACCESS_TOKEN_SECONDS = 3599;
const REQUEST_LOG_CAP = 50_000;
export const YT_ZONE = 'America/Los_Angeles';

export class YouTubeState {
  channels = new Map<string, YtChannel>();
  videos = new Map<string, YtVideo>();
  comments = new Map<string, YtComment>();
  clients = new Map<string, OAuthClient>();
  refreshGrants = new Map<string, RefreshGrant>();
  accessGrants = new Map<string, AccessGrant>();
  outbox: YtOutboxEntry[] = [];
  requests: YtRequestLogEntry[] = [];
  clockOffsetMs = 0;
  private seq = 0;
  /** Replies by top-level comment, and each channel's threads newest first (rebuilt on change). */
  private readonly byParent = new Map<string, YtComment[]>();
  private readonly threadsCache = new Map<string, YtComment[]>();
  private rng: () => number;

  constructor(private readonly seed = 1) {
    this.rng = seededRandom(seed);
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  iso(ms = this.now()): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** YouTube's quota day: the date in Pacific time. */
  quotaDay(ms = this.now()): string {
    return DateTime.fromMillis(ms, { zone: YT_ZONE }).toISODate()!;
  }

  /** When the current quota day ends (the next midnight, Pacific time). */
  quotaResetAt(ms = this.now()): number {
    return DateTime.fromMillis(ms, { zone: YT_ZONE }).startOf('day').plus({ days: 1 }).toMillis();
  }

  /** YouTube-looking ids: `UC` + 22 for channels, 11 for videos, `Ugz…` for comments. */
  randomId(length: number): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.rng() * 64)];
    return out;
  }

  addChannel(input: { id?: string; title: string; customUrl?: string }): YtChannel {
    const channel: YtChannel = {
      id: input.id ?? `UC${this.randomId(22)}`,
      title: input.title,
      customUrl: input.customUrl ?? `@${input.title.toLowerCase().replace(/[^a-z0-9]+/g, '')}`,
      publishedAt: this.iso(this.now() - 365 * 86400_000),
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  addVideo(input: { id?: string; channelId: string; title: string }): YtVideo {
    if (!this.channels.has(input.channelId)) throw new Error(`no channel ${input.channelId}`);
    const video: YtVideo = {
      id: input.id ?? this.randomId(11),
      channelId: input.channelId,
      title: input.title,
    };
    this.videos.set(video.id, video);
    return video;
  }

  addClient(input: { clientId: string; clientSecret: string; dailyQuota?: number }): OAuthClient {
    const client: OAuthClient = {
      ...input,
      dailyQuota: input.dailyQuota ?? DEFAULT_DAILY_QUOTA,
      quotaDay: this.quotaDay(),
      quotaUsed: 0,
    };
    this.clients.set(client.clientId, client);
    return client;
  }

  addRefreshGrant(input: {
    refreshToken?: string;
    clientId: string;
    channelId: string;
    scopes?: string[];
  }): RefreshGrant {
    const grant: RefreshGrant = {
      refreshToken: input.refreshToken ?? `1//0${this.randomId(40)}`,
      clientId: input.clientId,
      channelId: input.channelId,
      scopes: input.scopes ?? ['https://www.googleapis.com/auth/youtube.force-ssl'],
      revoked: false,
    };
    this.refreshGrants.set(grant.refreshToken, grant);
    return grant;
  }

  issueAccessToken(grant: RefreshGrant): AccessGrant {
    const access: AccessGrant = {
      accessToken: `ya29.${this.randomId(60)}`,
      refreshToken: grant.refreshToken,
      expiresAt: this.now() + ACCESS_TOKEN_SECONDS * 1000,
    };
    this.accessGrants.set(access.accessToken, access);
    return access;
  }

  /** A comment, top-level (`videoId`) or a reply (`parentId`); held ones wait for a moderator. */
  addComment(input: {
    channelId: string;
    videoId?: string;
    parentId?: string;
    authorChannelId: string;
    authorDisplayName: string;
    text: string;
    publishedAt?: string;
    moderationStatus?: ModerationStatus;
  }): YtComment {
    const parent = input.parentId ? this.comments.get(input.parentId) : undefined;
    if (input.parentId && (!parent || parent.deleted || parent.parentId))
      throw new Error('no such top-level comment');
    const at = input.publishedAt ?? this.iso();
    const comment: YtComment = {
      id: parent ? `${parent.id}.${this.randomId(22)}` : `Ugz${this.randomId(21)}AaABAg`,
      ...(parent ? { parentId: parent.id } : {}),
      videoId: parent ? parent.videoId : input.videoId,
      channelId: input.channelId,
      authorChannelId: input.authorChannelId,
      authorDisplayName: input.authorDisplayName,
      textOriginal: input.text,
      publishedAt: at,
      updatedAt: at,
      moderationStatus: input.moderationStatus ?? 'published',
      likeCount: 0,
      seq: ++this.seq,
      sortKey: '',
    };
    comment.sortKey = `${at}|${String(comment.seq).padStart(12, '0')}`;
    this.comments.set(comment.id, comment);
    if (parent) {
      const list = this.byParent.get(parent.id) ?? [];
      list.push(comment);
      list.sort((a, b) => (a.sortKey < b.sortKey ? -1 : 1));
      this.byParent.set(parent.id, list);
    } else this.changed(comment.channelId);
    return comment;
  }

  /** A top-level comment was added, deleted or moderated: its channel's thread order is rebuilt. */
  changed(channelId: string): void {
    this.threadsCache.delete(channelId);
  }

  /** Live top-level comments of a channel, newest first (deleted ones are gone). */
  topLevel(channelId: string): YtComment[] {
    let list = this.threadsCache.get(channelId);
    if (!list) {
      list = [...this.comments.values()]
        .filter((c) => !c.parentId && c.channelId === channelId)
        .sort((a, b) => (a.sortKey < b.sortKey ? 1 : -1));
      this.threadsCache.set(channelId, list);
    }
    return list.filter((c) => !c.deleted);
  }

  /** Live replies of a top-level comment, oldest first. */
  repliesOf(parentId: string): YtComment[] {
    return (this.byParent.get(parentId) ?? []).filter((c) => !c.deleted);
  }

  logRequest(entry: YtRequestLogEntry): void {
    this.requests.push(entry);
    if (this.requests.length > REQUEST_LOG_CAP)
      this.requests.splice(0, this.requests.length - REQUEST_LOG_CAP);
  }

  snapshot() {
    return {
      now: this.iso(),
      quotaDay: this.quotaDay(),
      channels: [...this.channels.values()],
      videos: [...this.videos.values()],
      comments: [...this.comments.values()],
      clients: [...this.clients.values()].map(({ clientSecret: _s, ...c }) => c),
      outbox: this.outbox,
    };
  }
}
