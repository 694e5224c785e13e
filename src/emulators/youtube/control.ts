/**
 * The YouTube emulator's control surface: people commenting, moderation (held for review,
 * approved, deleted by the author, edited), OAuth clients and grants, quota, faults, the clock,
 * and reading what the API wrote. In process as `YouTubeControl`, over HTTP at `/__control/…`.
 */
import { FaultBook, FaultRule, FaultRuleInput } from '../shared/faults';
import { YouTubeState } from './state';
import { ModerationStatus, YtComment, YtOutboxEntry, YtRequestLogEntry } from './types';

export interface CommentInput {
  channelId: string;
  videoId?: string;
  /** A reply to this top-level comment. */
  parentId?: string;
  author: { channelId?: string; name: string };
  text: string;
  publishedAt?: string;
  held?: boolean;
}

export class YouTubeControl {
  constructor(
    private readonly getState: () => YouTubeState,
    private readonly faultBook: FaultBook,
    private readonly onReset: () => void,
  ) {}

  get state(): YouTubeState {
    return this.getState();
  }

  channel(input: { id?: string; title: string; customUrl?: string }) {
    return this.state.addChannel(input);
  }
  video(input: { id?: string; channelId: string; title: string }) {
    return this.state.addVideo(input);
  }
  /** An OAuth client (Google Cloud project) with its daily quota (default 10,000 units). */
  client(input: { clientId: string; clientSecret: string; dailyQuota?: number }) {
    return this.state.addClient(input);
  }
  /** A refresh token for `channelId` (the user went through consent for the client). */
  grant(input: { refreshToken?: string; clientId: string; channelId: string; scopes?: string[] }) {
    return this.state.addRefreshGrant(input).refreshToken;
  }
  revokeGrant(refreshToken: string): void {
    const grant = this.state.refreshGrants.get(refreshToken);
    if (grant) grant.revoked = true;
  }
  /** Access tokens expire now (the next call is 401 until refreshed). */
  expireAccessTokens(): void {
    for (const a of this.state.accessGrants.values()) a.expiresAt = 0;
  }

  comment(input: CommentInput): YtComment {
    return this.state.addComment({
      channelId: input.channelId,
      videoId: input.videoId,
      parentId: input.parentId,
      authorChannelId: input.author.channelId ?? `UC${this.state.randomId(22)}`,
      authorDisplayName: input.author.name.startsWith('@') ? input.author.name : `@${input.author.name}`,
      text: input.text,
      publishedAt: input.publishedAt,
      moderationStatus: input.held ? 'heldForReview' : 'published',
    });
  }
  /** A moderator approves (published) or rejects a held comment; its publishedAt stays. */
  moderate(input: { id: string; status: ModerationStatus }): YtComment {
    const c = this.found(input.id);
    c.moderationStatus = input.status;
    return c;
  }
  /** The author deletes a comment (and with it, for a top-level one, the thread). */
  remove(input: { id: string }): void {
    this.found(input.id).deleted = true;
  }
  edit(input: { id: string; text: string }): YtComment {
    const c = this.found(input.id);
    c.textOriginal = input.text;
    c.updatedAt = this.state.iso(Math.max(this.state.now(), Date.parse(c.publishedAt) + 1000));
    return c;
  }
  /** Spend (or, negative, give back) quota of a project today; `dailyQuota` changes its limit. */
  quota(input: { clientId: string; used?: number; dailyQuota?: number }) {
    const client = this.state.clients.get(input.clientId);
    if (!client) throw new Error('no such client');
    client.quotaDay = this.state.quotaDay();
    if (input.used !== undefined) client.quotaUsed = input.used;
    if (input.dailyQuota !== undefined) client.dailyQuota = input.dailyQuota;
    return { day: client.quotaDay, used: client.quotaUsed, dailyQuota: client.dailyQuota };
  }
  fault(rule: FaultRuleInput): FaultRule {
    return this.faultBook.add(rule);
  }
  faults(): FaultRule[] {
    return this.faultBook.list();
  }
  clearFaults(): void {
    this.faultBook.clear();
  }
  advanceClock(ms: number): number {
    this.state.clockOffsetMs += ms;
    return this.state.now();
  }
  requests(filter?: { method?: string }): YtRequestLogEntry[] {
    return this.state.requests.filter((r) => !filter?.method || r.method === filter.method);
  }
  clearRequests(): void {
    this.state.requests = [];
  }
  outbox(): YtOutboxEntry[] {
    return this.state.outbox;
  }
  snapshot() {
    return this.state.snapshot();
  }
  reset(): void {
    this.faultBook.clear();
    this.onReset();
  }

  private found(id: string): YtComment {
    const c = this.state.comments.get(id);
    if (!c) throw new Error('no such comment');
    return c;
  }
}

export class ControlNotFound extends Error {}

/** Dispatches `/__control/<path>`; throws ControlNotFound (404) or anything else (400). */
export function handleControlRequest(
  control: YouTubeControl,
  httpMethod: string,
  path: string,
  body: any,
  query: URLSearchParams,
): unknown {
  switch (`${httpMethod} ${path}`) {
    case 'POST channel':
      return control.channel(body);
    case 'POST video':
      return control.video(body);
    case 'POST client':
      return control.client(body);
    case 'POST grant':
      return { refreshToken: control.grant(body) };
    case 'POST grant/revoke':
      control.revokeGrant(body.refreshToken);
      return { ok: true };
    case 'POST comment':
      return control.comment(body);
    case 'POST comment/moderate':
      return control.moderate(body);
    case 'POST comment/delete':
      control.remove(body);
      return { ok: true };
    case 'POST comment/edit':
      return control.edit(body);
    case 'POST quota':
      return control.quota(body);
    case 'POST faults':
      return control.fault(body);
    case 'GET faults':
      return control.faults();
    case 'DELETE faults':
      control.clearFaults();
      return { ok: true };
    case 'POST clock':
      return { now: control.advanceClock(Number(body?.advanceMs ?? 0)) };
    case 'GET requests':
      return control.requests({ method: query.get('method') ?? undefined });
    case 'DELETE requests':
      control.clearRequests();
      return { ok: true };
    case 'GET outbox':
      return control.outbox();
    case 'GET state':
      return control.snapshot();
    case 'POST reset':
      control.reset();
      return { ok: true };
    default:
      throw new ControlNotFound(`${httpMethod} ${path}`);
  }
}
