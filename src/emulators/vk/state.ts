/**
 * In-memory state of the VK emulator: tokens, communities, walls, boards, dialogs, the outbox,
 * idempotency records and the per-community Bots Long Poll event log. Pure data + mutations;
 * HTTP lives in server.ts, method semantics in methods/*.ts.
 */
import { seededRandom } from '../shared/faults';
import {
  LpEvent,
  OutboxEntry,
  RequestLogEntry,
  TokenKind,
  VkApiError,
  VkBoardComment,
  VkComment,
  VkCommunity,
  VkConversation,
  MediaKind,
  VkMediaComment,
  VkMediaObject,
  VkMessage,
  VkPost,
  VkToken,
  VkTopic,
  VkUser,
  API_VERSION,
  CHAT_PEER_BASE,
  isChatPeer,
} from './types';

export * from './types';

const GUID_TTL_MS = 3600_000;
const REQUEST_LOG_CAP = 20_000;

export class VkState {
  tokens = new Map<string, VkToken>();
  communities = new Map<number, VkCommunity>();
  users = new Map<number, VkUser>();
  /** Posts by `${owner}_${id}`. */
  posts = new Map<string, VkPost>();
  /** Comments of one post, ascending by id, by `${owner}_${post}`. */
  comments = new Map<string, VkComment[]>();
  topics = new Map<string, VkTopic>();
  boardComments = new Map<string, VkBoardComment[]>();
  /** Photos, videos and products by `${kind}:${owner}_${id}`, and their comments (ascending). */
  media = new Map<string, VkMediaObject>();
  mediaComments = new Map<string, VkMediaComment[]>();
  /** Community id → the users who administer it (may comment `from_group`). */
  admins = new Map<number, Set<number>>();
  /** Dialogs by `${groupId}_${peerId}`. */
  conversations = new Map<string, VkConversation>();
  outbox: OutboxEntry[] = [];
  /** guid per post (ttl 1 h) and random_id per sender (whole history) → the original result. */
  idemGuid = new Map<string, { at: number; result: unknown }>();
  idemRandom = new Map<string, unknown>();
  events = new Map<number, LpEvent[]>();
  nextSeq = new Map<number, number>();
  lpKeys = new Map<string, { groupId: number; state: 'live' | 'expired' | 'reset' }>();
  requests: RequestLogEntry[] = [];
  clockOffsetMs = 0;
  private ids = new Map<string, number>();
  private rng: () => number;
  private eventListeners = new Set<(groupId: number) => void>();

  constructor(private readonly seed = 1) {
    this.rng = seededRandom(seed);
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  unix(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Sequential ids per space (a wall shares one sequence for posts and comments, as VK does). */
  nextId(space: string): number {
    const id = (this.ids.get(space) ?? 0) + 1;
    this.ids.set(space, id);
    return id;
  }

  randomHex(len: number): string {
    let out = '';
    while (out.length < len)
      out += Math.floor(this.rng() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    return out.slice(0, len);
  }

  onEvent(listener: (groupId: number) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  // ---- directory -------------------------------------------------------------------------

  addCommunity(input: Partial<VkCommunity> & { name: string }): VkCommunity {
    const id = input.id ?? 1000 + this.nextId('community');
    const community: VkCommunity = {
      id,
      name: input.name,
      screen_name: input.screen_name ?? `club${id}`,
      type: input.type ?? 'page',
      is_closed: 0,
    };
    this.communities.set(id, community);
    if (!this.nextSeq.has(id)) this.nextSeq.set(id, 1);
    if (!this.events.has(id)) this.events.set(id, []);
    return community;
  }

  addToken(input: {
    token?: string;
    kind: TokenKind;
    groupId?: number;
    userId?: number;
    rps?: number;
    scope?: string[];
    /** Communities whose administrator the token's user is (may comment `from_group`). */
    adminOf?: number[];
  }): VkToken {
    for (const g of input.adminOf ?? []) {
      if (input.userId === undefined) throw new Error('adminOf needs a userId');
      let set = this.admins.get(g);
      if (!set) this.admins.set(g, (set = new Set()));
      set.add(input.userId);
    }
    const token: VkToken = {
      token: input.token ?? `vk1.${input.kind}.${this.randomHex(24)}`,
      kind: input.kind,
      groupId: input.groupId,
      userId: input.userId,
      ...(input.scope ? { scope: input.scope } : {}),
      rps: input.rps ?? (input.kind === 'group' ? 20 : input.kind === 'user' ? 3 : 20),
      revoked: false,
    };
    this.tokens.set(token.token, token);
    return token;
  }

  user(id: number): VkUser {
    let user = this.users.get(id);
    if (!user) {
      user = { id, first_name: `User`, last_name: String(id) };
      this.users.set(id, user);
    }
    return user;
  }

  /**
   * Whether this user may act for the community (`from_group`): its administrators. A community
   * with no administrators registered lets any user token act (older fixtures).
   */
  mayActFor(userId: number | undefined, groupId: number): boolean {
    const set = this.admins.get(groupId);
    return !set || (userId !== undefined && set.has(userId));
  }

  // ---- mutations that also emit Long Poll events -------------------------------------------

  addPost(input: {
    ownerId: number;
    fromId?: number;
    text: string;
    date?: number;
    createdBy?: number;
  }): VkPost {
    const post: VkPost = {
      id: this.nextId(`wall${input.ownerId}`),
      owner_id: input.ownerId,
      from_id: input.fromId ?? input.ownerId,
      created_by: input.createdBy,
      date: input.date ?? this.unix(),
      text: input.text,
      post_type: 'post',
    };
    this.posts.set(`${post.owner_id}_${post.id}`, post);
    this.comments.set(`${post.owner_id}_${post.id}`, []);
    if (post.owner_id < 0) this.emit(-post.owner_id, 'wall_post_new', post);
    return post;
  }

  addComment(input: {
    ownerId: number;
    postId: number;
    fromId: number;
    text: string;
    replyToComment?: number;
    date?: number;
  }): VkComment {
    const list = this.comments.get(`${input.ownerId}_${input.postId}`);
    if (!list)
      throw new VkApiError(100, 'One of the parameters specified was missing or invalid: post not found');
    const parent = input.replyToComment ? list.find((c) => c.id === input.replyToComment) : undefined;
    if (input.replyToComment && !parent) throw new VkApiError(100, 'reply_to_comment not found');
    const comment: VkComment = {
      id: this.nextId(`wall${input.ownerId}`),
      owner_id: input.ownerId,
      post_id: input.postId,
      from_id: input.fromId,
      date: input.date ?? this.unix(),
      text: input.text,
      parents_stack: parent ? [...parent.parents_stack, parent.id] : [],
      ...(parent ? { reply_to_comment: parent.id, reply_to_user: parent.from_id } : {}),
    };
    list.push(comment);
    if (comment.owner_id < 0)
      this.emit(-comment.owner_id, 'wall_reply_new', { ...comment, post_owner_id: comment.owner_id });
    return comment;
  }

  editComment(input: { ownerId: number; commentId: number; text: string }): VkComment {
    for (const [key, list] of this.comments) {
      if (!key.startsWith(`${input.ownerId}_`)) continue;
      const comment = list.find((c) => c.id === input.commentId);
      if (!comment) continue;
      comment.text = input.text;
      if (comment.owner_id < 0)
        this.emit(-comment.owner_id, 'wall_reply_edit', { ...comment, post_owner_id: comment.owner_id });
      return comment;
    }
    throw new VkApiError(100, 'comment not found');
  }

  addBoardComment(input: {
    groupId: number;
    topicId: number;
    fromId: number;
    text: string;
    date?: number;
  }): VkBoardComment {
    const key = `${input.groupId}_${input.topicId}`;
    let topic = this.topics.get(key);
    if (!topic) {
      topic = {
        id: input.topicId,
        group_id: input.groupId,
        title: `Topic ${input.topicId}`,
        created: this.unix(),
        updated: 0,
      };
      this.topics.set(key, topic);
      this.boardComments.set(key, []);
    }
    const comment: VkBoardComment = {
      id: this.nextId(`board${input.groupId}`),
      group_id: input.groupId,
      topic_id: input.topicId,
      from_id: input.fromId,
      date: input.date ?? this.unix(),
      text: input.text,
    };
    topic.updated = comment.date;
    this.boardComments.get(key)!.push(comment);
    const { group_id: _g, ...object } = comment;
    this.emit(input.groupId, 'board_post_new', { ...object, topic_owner_id: -input.groupId });
    return comment;
  }

  /** A photo, video or product of an owner (created on first use, as board topics are). */
  mediaObject(kind: MediaKind, ownerId: number, id?: number, title?: string): VkMediaObject {
    const objectId = id ?? this.nextId(`${kind}${ownerId}`);
    const key = `${kind}:${ownerId}_${objectId}`;
    let object = this.media.get(key);
    if (!object) {
      object = {
        kind,
        id: objectId,
        owner_id: ownerId,
        date: this.unix(),
        title: title ?? `${kind} ${objectId}`,
      };
      this.media.set(key, object);
      this.mediaComments.set(key, []);
    }
    return object;
  }

  findMedia(kind: MediaKind, ownerId: number, id: number): VkMediaObject | undefined {
    return this.media.get(`${kind}:${ownerId}_${id}`);
  }

  commentsOf(object: VkMediaObject): VkMediaComment[] {
    return this.mediaComments.get(`${object.kind}:${object.owner_id}_${object.id}`)!;
  }

  /**
   * A comment under a photo, video or product; emits photo_comment_new / video_comment_new /
   * market_comment_new with the fields VK's Callback objects carry.
   */
  addMediaComment(input: {
    kind: MediaKind;
    ownerId: number;
    objectId: number;
    fromId: number;
    text: string;
    replyToComment?: number;
    date?: number;
  }): VkMediaComment {
    const object = this.mediaObject(input.kind, input.ownerId, input.objectId);
    const list = this.commentsOf(object);
    const parent = input.replyToComment ? list.find((c) => c.id === input.replyToComment) : undefined;
    if (input.replyToComment && !parent)
      throw new VkApiError(100, 'One of the parameters specified was missing or invalid: reply_to_comment');
    const comment: VkMediaComment = {
      // Comment ids are per owner and kind, apart from wall ids.
      id: this.nextId(`${input.kind}c${input.ownerId}`),
      from_id: input.fromId,
      date: input.date ?? this.unix(),
      text: input.text,
      parents_stack: parent ? [...parent.parents_stack, parent.id] : [],
      ...(parent ? { reply_to_comment: parent.id, reply_to_user: parent.from_id } : {}),
    };
    list.push(comment);
    if (input.ownerId < 0) {
      const groupId = -input.ownerId;
      if (input.kind === 'photo')
        this.emit(groupId, 'photo_comment_new', {
          ...comment,
          photo_id: object.id,
          photo_owner_id: input.ownerId,
        });
      else if (input.kind === 'video')
        this.emit(groupId, 'video_comment_new', {
          ...comment,
          video_id: object.id,
          video_owner_id: input.ownerId,
        });
      else
        this.emit(groupId, 'market_comment_new', {
          id: comment.id,
          from_id: comment.from_id,
          date: comment.date,
          text: comment.text,
          item_id: object.id,
          market_owner_id: input.ownerId,
        });
    }
    return comment;
  }

  addPhotoComment(input: { ownerId: number; photoId: number; fromId: number; text: string }) {
    return this.addMediaComment({
      kind: 'photo',
      ownerId: input.ownerId,
      objectId: input.photoId,
      fromId: input.fromId,
      text: input.text,
    });
  }

  conversation(groupId: number, peerId: number): VkConversation {
    const key = `${groupId}_${peerId}`;
    let conv = this.conversations.get(key);
    if (!conv) {
      conv = { groupId, peerId, messages: [], inRead: 0, outRead: 0, allowed: false, lastSeq: 0 };
      this.conversations.set(key, conv);
    }
    return conv;
  }

  /**
   * A customer writes to the community: stores the message, allows replies, emits message_new.
   * `peerId` (≥ 2000000001) or `chatId` (local) puts it in a group chat the community is in.
   */
  addIncomingMessage(input: {
    groupId: number;
    fromId: number;
    text: string;
    date?: number;
    peerId?: number;
    chatId?: number;
    /** Answers this message of the chat (by conversation_message_id). */
    replyToCmid?: number;
  }): VkMessage {
    const peerId = input.chatId ? CHAT_PEER_BASE + input.chatId : (input.peerId ?? input.fromId);
    const conv = this.conversation(input.groupId, peerId);
    conv.allowed = true;
    const replyTo = input.replyToCmid ? this.byCmid(conv, input.replyToCmid) : undefined;
    const message = this.appendMessage(conv, {
      fromId: input.fromId,
      out: 0,
      text: input.text,
      randomId: 0,
      date: input.date,
      replyTo,
    });
    this.emit(input.groupId, 'message_new', {
      message,
      client_info: {
        button_actions: ['text'],
        keyboard: true,
        inline_keyboard: true,
        carousel: true,
        lang_id: 0,
      },
    });
    return message;
  }

  appendMessage(
    conv: VkConversation,
    input: {
      fromId: number;
      out: 0 | 1;
      text: string;
      randomId: number;
      date?: number;
      replyTo?: VkMessage;
    },
  ): VkMessage {
    const seq = this.nextId(`msg${conv.groupId}`);
    const message: VkMessage = {
      // A community reads group chats without message ids: every one is 0 (vk-io #308, #378).
      id: isChatPeer(conv.peerId) && conv.groupId > 0 ? 0 : seq,
      date: input.date ?? this.unix(),
      peer_id: conv.peerId,
      from_id: input.fromId,
      out: input.out,
      text: input.text,
      conversation_message_id: conv.messages.length + 1,
      version: seq,
      random_id: input.randomId,
      attachments: [],
      fwd_messages: [],
    };
    if (input.replyTo) {
      const { reply_message: _nested, ...replied } = input.replyTo;
      message.reply_message = replied;
    }
    conv.messages.push(message);
    conv.lastSeq = seq;
    if (input.out) conv.outRead = message.id;
    return message;
  }

  byCmid(conv: VkConversation, cmid: number): VkMessage {
    const found = conv.messages.find((m) => m.conversation_message_id === cmid);
    if (!found)
      throw new VkApiError(100, 'One of the parameters specified was missing or invalid: message not found');
    return found;
  }

  // ---- idempotency -----------------------------------------------------------------------

  guidResult(key: string): unknown {
    const hit = this.idemGuid.get(key);
    if (!hit || this.now() - hit.at > GUID_TTL_MS) return undefined;
    return hit.result;
  }

  rememberGuid(key: string, result: unknown): void {
    this.idemGuid.set(key, { at: this.now(), result });
  }

  recordWrite(method: string, token: VkToken, params: Record<string, string>, result: unknown): void {
    const { access_token: _t, ...safe } = params;
    this.outbox.push({
      seq: this.outbox.length + 1,
      at: this.now(),
      method,
      tokenKind: token.kind,
      params: safe,
      result,
    });
  }

  logRequest(entry: RequestLogEntry): void {
    this.requests.push(entry);
    if (this.requests.length > REQUEST_LOG_CAP)
      this.requests.splice(0, this.requests.length - REQUEST_LOG_CAP);
  }

  // ---- Long Poll event log ----------------------------------------------------------------

  emit(groupId: number, type: string, object: unknown): LpEvent {
    const seq = this.nextSeq.get(groupId) ?? 1;
    this.nextSeq.set(groupId, seq + 1);
    const event: LpEvent = {
      seq,
      group_id: groupId,
      type,
      event_id: this.randomHex(40),
      v: API_VERSION,
      object,
    };
    let list = this.events.get(groupId);
    if (!list) this.events.set(groupId, (list = []));
    list.push(event);
    if (list.length > 50_000) list.splice(0, list.length - 50_000);
    for (const listener of this.eventListeners) listener(groupId);
    return event;
  }

  /** The next sequence number (what a fresh `ts` points at). */
  head(groupId: number): number {
    return this.nextSeq.get(groupId) ?? 1;
  }

  /** The oldest retained sequence number. */
  oldest(groupId: number): number {
    const list = this.events.get(groupId);
    return list && list.length > 0 ? list[0].seq : this.head(groupId);
  }

  issueLpKey(groupId: number): string {
    const key = this.randomHex(32);
    this.lpKeys.set(key, { groupId, state: 'live' });
    return key;
  }

  snapshot() {
    return {
      communities: [...this.communities.values()],
      tokens: [...this.tokens.values()].map((t) => ({ ...t, token: `${t.token.slice(0, 8)}…` })),
      posts: [...this.posts.values()],
      comments: [...this.comments.values()].flat(),
      boardComments: [...this.boardComments.values()].flat(),
      media: [...this.media.values()].map((m) => ({ ...m, comments: this.commentsOf(m) })),
      conversations: [...this.conversations.values()],
      outbox: this.outbox,
      lp: [...this.events.entries()].map(([groupId, list]) => ({
        groupId,
        head: this.head(groupId),
        retained: list.length,
      })),
      clockOffsetMs: this.clockOffsetMs,
    };
  }
}
