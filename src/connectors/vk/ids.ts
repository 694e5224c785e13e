/**
 * Natural keys of VK objects (the externalId of stored items) and the idempotency keys of sends.
 * Keys are stable whichever path delivered the object (Long Poll, Callback API or reconciliation),
 * so the ingest's (source, external id) unique key dedupes them.
 */
import { createHash } from 'node:crypto';

export const vkIds = {
  wallPost: (ownerId: number, postId: number) => `wall_post:${ownerId}_${postId}`,
  wallComment: (ownerId: number, postId: number, commentId: number) =>
    `wall_comment:${ownerId}_${postId}_${commentId}`,
  wallThread: (ownerId: number, postId: number) => `wall:${ownerId}_${postId}`,
  message: (peerId: number, messageId: number) => `message:${peerId}_${messageId}`,
  dmThread: (peerId: number) => `dm:${peerId}`,
  /** Group chats: a community gets `id: 0` there, so messages are keyed by conversation_message_id. */
  chatMessage: (peerId: number, conversationMessageId: number) =>
    `chat_message:${peerId}_${conversationMessageId}`,
  chatThread: (peerId: number) => `chat:${peerId}`,
  boardPost: (groupId: number, topicId: number, commentId: number) =>
    `board:${groupId}_${topicId}_${commentId}`,
  boardThread: (groupId: number, topicId: number) => `board_topic:${groupId}_${topicId}`,
  photoComment: (ownerId: number, photoId: number, commentId: number) =>
    `photo_comment:${ownerId}_${photoId}_${commentId}`,
  photoThread: (ownerId: number, photoId: number) => `photo:${ownerId}_${photoId}`,
  videoComment: (ownerId: number, videoId: number, commentId: number) =>
    `video_comment:${ownerId}_${videoId}_${commentId}`,
  videoThread: (ownerId: number, videoId: number) => `video:${ownerId}_${videoId}`,
  marketComment: (ownerId: number, itemId: number, commentId: number) =>
    `market_comment:${ownerId}_${itemId}_${commentId}`,
  marketThread: (ownerId: number, itemId: number) => `market:${ownerId}_${itemId}`,
  mention: (ownerId: number, postId: number) => `mention:${ownerId}_${postId}`,
};

/** Cursor streams (sync_cursors.stream). */
export const vkStreams = {
  post: (ownerId: number, postId: number) => `post:${ownerId}_${postId}`,
  topic: (groupId: number, topicId: number) => `topic:${groupId}_${topicId}`,
  peer: (peerId: number) => `peer:${peerId}`,
  /** Photos, videos and products: the last comment id read (reconciliation with a user token). */
  media: (kind: 'photo' | 'video' | 'market', ownerId: number, objectId: number) =>
    `${kind}:${ownerId}_${objectId}`,
  backfill: 'backfill',
  mentions: 'mentions',
};

/** Peer ids of group chats ("беседы"): 2000000000 + the chat's local id. */
export const VK_CHAT_PEER_BASE = 2_000_000_000;
export const isVkChatPeer = (peerId: number) => peerId > VK_CHAT_PEER_BASE;

export type ParsedVkId =
  | { type: 'wall_post'; ownerId: number; postId: number }
  | { type: 'wall_comment'; ownerId: number; postId: number; commentId: number }
  | { type: 'message'; peerId: number; messageId: number }
  | { type: 'chat_message'; peerId: number; conversationMessageId: number }
  | { type: 'board'; groupId: number; topicId: number; commentId: number }
  | {
      type: 'photo_comment' | 'video_comment' | 'market_comment';
      ownerId: number;
      objectId: number;
      commentId: number;
    }
  | { type: 'mention'; ownerId: number; postId: number }
  | { type: 'other'; prefix: string };

export function parseVkId(externalId: string): ParsedVkId {
  const [prefix, rest = ''] = externalId.split(':', 2);
  const n = rest.split('_').map(Number);
  switch (prefix) {
    case 'wall_post':
      return { type: 'wall_post', ownerId: n[0], postId: n[1] };
    case 'wall_comment':
      return { type: 'wall_comment', ownerId: n[0], postId: n[1], commentId: n[2] };
    case 'message':
      return { type: 'message', peerId: n[0], messageId: n[1] };
    case 'chat_message':
      return { type: 'chat_message', peerId: n[0], conversationMessageId: n[1] };
    case 'board':
      return { type: 'board', groupId: n[0], topicId: n[1], commentId: n[2] };
    case 'photo_comment':
    case 'video_comment':
    case 'market_comment':
      return { type: prefix, ownerId: n[0], objectId: n[1], commentId: n[2] };
    case 'mention':
      return { type: 'mention', ownerId: n[0], postId: n[1] };
    default:
      return { type: 'other', prefix };
  }
}

/**
 * `messages.send.random_id` from the reply id: a positive 53-bit integer (VK checks random_id per
 * sender over the whole history, so a wide range keeps unrelated replies apart), stable across retries.
 */
export function deriveRandomId(replyId: string): number {
  const digest = createHash('sha256').update(`otklik:vk:random_id:${replyId}`).digest();
  const value = digest.readUIntBE(0, 6) * 32 + (digest[6] >>> 3); // 48 + 5 = 53 bits
  return value === 0 ? 1 : value;
}

/** `wall.createComment.guid` from the reply id. */
export function deriveGuid(replyId: string): string {
  return createHash('sha256').update(`otklik:vk:guid:${replyId}`).digest('hex').slice(0, 32);
}
