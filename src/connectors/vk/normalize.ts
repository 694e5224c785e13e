/**
 * VK objects → NormalizedItem. The same object normalises to the same externalId whether it came
 * from Bots Long Poll, the Callback API or reconciliation through the API.
 */
import { NormalizedItem } from '../connector';
import { isVkChatPeer, vkIds } from './ids';

export interface NormalizeContext {
  groupId: number;
  /** Keep the community's own comments and messages (marked isBrand). Default: skip them. */
  includeBrand?: boolean;
  /** Author names by VK id (from `extended=1` profiles), when known. */
  names?: Map<number, string>;
}

/** The Long Poll / Callback event types a care inbox ingests. */
export const VK_EVENT_TYPES = [
  'message_new',
  'wall_reply_new',
  'wall_reply_edit',
  'wall_post_new',
  'board_post_new',
  'photo_comment_new',
  'video_comment_new',
  'market_comment_new',
] as const;

type Obj = Record<string, any>;

function author(ctx: NormalizeContext, fromId: number): NormalizedItem['author'] | null {
  const isBrand = fromId === -ctx.groupId;
  if (isBrand && !ctx.includeBrand) return null;
  const name = ctx.names?.get(fromId);
  return { externalId: String(fromId), ...(name ? { name } : {}), ...(isBrand ? { isBrand: true } : {}) };
}

const at = (unix: unknown) => new Date(Number(unix) * 1000);

export function wallCommentItem(ctx: NormalizeContext, c: Obj, edited = false): NormalizedItem | null {
  const ownerId = Number(c.owner_id ?? c.post_owner_id);
  const postId = Number(c.post_id);
  const who = author(ctx, Number(c.from_id));
  if (!who) return null;
  const reply = Number(c.reply_to_comment ?? 0);
  return {
    externalId: vkIds.wallComment(ownerId, postId, Number(c.id)),
    kind: 'comment',
    parentExternalId: reply ? vkIds.wallComment(ownerId, postId, reply) : vkIds.wallPost(ownerId, postId),
    threadExternalId: vkIds.wallThread(ownerId, postId),
    author: who,
    text: String(c.text ?? ''),
    createdAt: at(c.date),
    ...(edited ? { editedAt: new Date() } : {}),
    raw: c,
  };
}

/** Visitor posts only: the community's own posts are what customers comment on, not items. */
export function wallPostItem(ctx: NormalizeContext, p: Obj): NormalizedItem | null {
  const ownerId = Number(p.owner_id);
  const fromId = Number(p.from_id ?? p.created_by);
  if (fromId === ownerId || fromId === -ctx.groupId) return null;
  const who = author(ctx, fromId);
  if (!who) return null;
  return {
    externalId: vkIds.wallPost(ownerId, Number(p.id)),
    kind: 'post',
    threadExternalId: vkIds.wallThread(ownerId, Number(p.id)),
    author: who,
    text: String(p.text ?? ''),
    createdAt: at(p.date),
    raw: p,
  };
}

/**
 * Where a message stands in its dialog: the message id in a private dialog, the
 * conversation_message_id in a group chat, where a community token gets `id: 0` for every message
 * (vk-io #308; VKCOM/vk-api-schema #40). Watermarks and keys use it.
 */
export function messagePosition(peerId: number, m: Obj): number {
  return Number(isVkChatPeer(peerId) ? (m.conversation_message_id ?? 0) : m.id);
}

export function messageItem(ctx: NormalizeContext, m: Obj): NormalizedItem | null {
  if (Number(m.out) === 1) return null; // our own replies are in the outbox already
  const peerId = Number(m.peer_id ?? m.from_id);
  const who = author(ctx, Number(m.from_id));
  if (!who) return null;
  const chat = isVkChatPeer(peerId);
  const position = messagePosition(peerId, m);
  if (!(position > 0)) return null; // no key to store it under (never seen from VK 5.199)
  return {
    externalId: chat ? vkIds.chatMessage(peerId, position) : vkIds.message(peerId, position),
    kind: 'message',
    threadExternalId: chat ? vkIds.chatThread(peerId) : vkIds.dmThread(peerId),
    author: who,
    text: String(m.text ?? ''),
    createdAt: at(m.date),
    raw: m,
  };
}

export function boardItem(
  ctx: NormalizeContext,
  groupId: number,
  topicId: number,
  c: Obj,
): NormalizedItem | null {
  const who = author(ctx, Number(c.from_id));
  if (!who) return null;
  return {
    externalId: vkIds.boardPost(groupId, topicId, Number(c.id)),
    kind: 'board_post',
    threadExternalId: vkIds.boardThread(groupId, topicId),
    author: who,
    text: String(c.text ?? ''),
    createdAt: at(c.date),
    raw: c,
  };
}

export function mentionItem(p: Obj): NormalizedItem {
  const ownerId = Number(p.owner_id);
  const id = Number(p.id);
  return {
    externalId: vkIds.mention(ownerId, id),
    kind: 'mention',
    threadExternalId: vkIds.mention(ownerId, id),
    author: { externalId: String(p.from_id ?? ownerId) },
    text: String(p.text ?? ''),
    createdAt: at(p.date),
    raw: p,
  };
}

/** A Bots Long Poll / Callback API event → item (null for types we skip and brand-authored objects). */
export function normalizeEvent(ctx: NormalizeContext, type: string, object: Obj): NormalizedItem | null {
  switch (type) {
    case 'message_new':
      return messageItem(ctx, object.message ?? object);
    case 'wall_reply_new':
      return wallCommentItem(ctx, object);
    case 'wall_reply_edit':
      return wallCommentItem(ctx, object, true);
    case 'wall_post_new':
      return wallPostItem(ctx, object);
    case 'board_post_new':
      return boardItem(ctx, -Number(object.topic_owner_id), Number(object.topic_id), object);
    case 'photo_comment_new':
    case 'video_comment_new':
    case 'market_comment_new':
      return mediaCommentItem(ctx, type, object);
    default:
      return null;
  }
}

/** A photo, video or product comment (a Long Poll / Callback object, or one read through the API). */
export function mediaCommentItem(ctx: NormalizeContext, type: string, c: Obj): NormalizedItem | null {
  const who = author(ctx, Number(c.from_id));
  if (!who) return null;
  const id = Number(c.id);
  const reply = Number(c.reply_to_comment ?? 0);
  let ids: { externalId: string; thread: string; kind: NormalizedItem['kind']; parent?: string };
  if (type === 'photo_comment_new') {
    const [owner, photo] = [Number(c.photo_owner_id), Number(c.photo_id)];
    ids = {
      externalId: vkIds.photoComment(owner, photo, id),
      thread: vkIds.photoThread(owner, photo),
      kind: 'photo_comment',
      ...(reply ? { parent: vkIds.photoComment(owner, photo, reply) } : {}),
    };
  } else if (type === 'video_comment_new') {
    const [owner, video] = [Number(c.video_owner_id), Number(c.video_id)];
    ids = {
      externalId: vkIds.videoComment(owner, video, id),
      thread: vkIds.videoThread(owner, video),
      kind: 'video_comment',
      ...(reply ? { parent: vkIds.videoComment(owner, video, reply) } : {}),
    };
  } else {
    const [owner, item] = [Number(c.market_owner_id), Number(c.item_id)];
    ids = {
      externalId: vkIds.marketComment(owner, item, id),
      thread: vkIds.marketThread(owner, item),
      kind: 'market_comment',
      ...(reply ? { parent: vkIds.marketComment(owner, item, reply) } : {}),
    };
  }
  return {
    externalId: ids.externalId,
    kind: ids.kind,
    ...(ids.parent ? { parentExternalId: ids.parent } : {}),
    threadExternalId: ids.thread,
    author: who,
    text: String(c.text ?? ''),
    createdAt: at(c.date),
    raw: c,
  };
}
