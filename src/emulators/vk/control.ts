/**
 * The emulator's control surface: a typed in-process helper (`VkControl`) and the same operations
 * over HTTP at `/__control/...` for out-of-process use (demo, `npm run emulators`).
 */
import { FaultBook, FaultRule, FaultRuleInput } from '../shared/faults';
import { LongPoll } from './longpoll';
import { MediaKind, OutboxEntry, RequestLogEntry, TokenKind, VkApiError, VkState } from './state';

export class VkControl {
  constructor(
    private readonly getState: () => VkState,
    private readonly faultBook: FaultBook,
    private readonly longPoll: () => LongPoll,
    private readonly onReset: () => void,
  ) {}

  get state(): VkState {
    return this.getState();
  }

  community(input: { id?: number; name: string; screen_name?: string }) {
    return this.state.addCommunity(input);
  }
  /** `scope`: a user token's access rights (unset = all); `adminOf`: communities its user administers. */
  token(input: {
    token?: string;
    kind: TokenKind;
    groupId?: number;
    userId?: number;
    rps?: number;
    scope?: string[];
    adminOf?: number[];
  }) {
    return this.state.addToken(input).token;
  }
  revokeToken(token: string): void {
    const t = this.state.tokens.get(token);
    if (t) t.revoked = true;
  }
  user(input: { id: number; first_name: string; last_name: string; screen_name?: string }) {
    this.state.users.set(input.id, { ...input });
    return input;
  }
  post(input: { ownerId: number; fromId?: number; text: string; date?: number }) {
    return this.state.addPost(input);
  }
  comment(input: {
    ownerId: number;
    postId: number;
    fromId: number;
    text: string;
    replyToComment?: number;
    date?: number;
  }) {
    return this.state.addComment(input);
  }
  editComment(input: { ownerId: number; commentId: number; text: string }) {
    return this.state.editComment(input);
  }
  /** A private message, or with `chatId` / `peerId` a message in a group chat the community is in. */
  message(input: {
    groupId: number;
    fromId: number;
    text: string;
    date?: number;
    peerId?: number;
    chatId?: number;
    replyToCmid?: number;
  }) {
    return this.state.addIncomingMessage(input);
  }
  /** A member writes in group chat `chatId` (peer 2000000000 + chatId): the community sees `id: 0`. */
  chatMessage(input: {
    groupId: number;
    chatId: number;
    fromId: number;
    text: string;
    replyToCmid?: number;
  }) {
    return this.state.addIncomingMessage(input);
  }
  boardPost(input: { groupId: number; topicId: number; fromId: number; text: string }) {
    return this.state.addBoardComment(input);
  }
  photoComment(input: {
    ownerId: number;
    photoId: number;
    fromId: number;
    text: string;
    replyToComment?: number;
  }) {
    return this.mediaComment({ ...input, kind: 'photo', objectId: input.photoId });
  }
  videoComment(input: {
    ownerId: number;
    videoId: number;
    fromId: number;
    text: string;
    replyToComment?: number;
  }) {
    return this.mediaComment({ ...input, kind: 'video', objectId: input.videoId });
  }
  marketComment(input: {
    ownerId: number;
    itemId: number;
    fromId: number;
    text: string;
    replyToComment?: number;
  }) {
    return this.mediaComment({ ...input, kind: 'market', objectId: input.itemId });
  }
  /** A photo, video or product (comments create theirs on first use). */
  media(input: { kind: MediaKind; ownerId: number; id?: number; title?: string; commentsClosed?: boolean }) {
    const object = this.state.mediaObject(input.kind, input.ownerId, input.id, input.title);
    if (input.commentsClosed !== undefined) object.commentsClosed = input.commentsClosed;
    return object;
  }
  private mediaComment(input: {
    kind: MediaKind;
    ownerId: number;
    objectId: number;
    fromId: number;
    text: string;
    replyToComment?: number;
  }) {
    const { kind, ownerId, objectId, fromId, text, replyToComment } = input;
    return this.state.addMediaComment({ kind, ownerId, objectId, fromId, text, replyToComment });
  }
  /** Next a_check with a current key → failed 2. */
  expireLpKeys(groupId?: number): void {
    this.longPoll().expireKeys(groupId, 'expired');
  }
  /** Next a_check → failed 3. */
  resetLp(groupId?: number): void {
    this.longPoll().expireKeys(groupId, 'reset');
  }
  /** Drops the retained history → a_check with an older ts gets failed 1. */
  truncateLp(groupId?: number): void {
    this.longPoll().truncate(groupId);
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
  requests(filter?: { method?: string }): RequestLogEntry[] {
    return this.state.requests.filter((r) => !filter?.method || r.method === filter.method);
  }
  clearRequests(): void {
    this.state.requests = [];
  }
  outbox(filter?: { method?: string }): OutboxEntry[] {
    return this.state.outbox.filter((o) => !filter?.method || o.method === filter.method);
  }
  snapshot() {
    return this.state.snapshot();
  }
  reset(): void {
    this.faultBook.clear();
    this.onReset();
  }
}

/** Dispatches `/__control/<path>`; returns a JSON-able answer or throws for 4xx. */
export function handleControlRequest(
  control: VkControl,
  httpMethod: string,
  path: string,
  body: any,
  query: URLSearchParams,
): unknown {
  const route = `${httpMethod} ${path}`;
  const groupId = body?.groupId !== undefined ? Number(body.groupId) : undefined;
  switch (route) {
    case 'POST community':
      return control.community(body);
    case 'POST token':
      return { token: control.token(body) };
    case 'POST token/revoke':
      control.revokeToken(body.token);
      return { ok: true };
    case 'POST user':
      return control.user(body);
    case 'POST post':
      return control.post(body);
    case 'POST comment':
      return control.comment(body);
    case 'POST comment/edit':
      return control.editComment(body);
    case 'POST message':
      return control.message(body);
    case 'POST chat_message':
      return control.chatMessage(body);
    case 'POST board_post':
      return control.boardPost(body);
    case 'POST photo_comment':
      return control.photoComment(body);
    case 'POST video_comment':
      return control.videoComment(body);
    case 'POST market_comment':
      return control.marketComment(body);
    case 'POST media':
      return control.media(body);
    case 'POST lp/expire-keys':
      control.expireLpKeys(groupId);
      return { ok: true };
    case 'POST lp/reset':
      control.resetLp(groupId);
      return { ok: true };
    case 'POST lp/truncate':
      control.truncateLp(groupId);
      return { ok: true };
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
      return control.outbox({ method: query.get('method') ?? undefined });
    case 'GET state':
      return control.snapshot();
    case 'POST reset':
      control.reset();
      return { ok: true };
    default:
      throw new ControlNotFound(route);
  }
}

export class ControlNotFound extends Error {}
export { VkApiError };
