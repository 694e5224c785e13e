/**
 * Replies as the community, exactly once. Every surface has its method, the token kind VK takes
 * for it (VKCOM/vk-api-schema `access_token_type`) and its idempotency key, derived from the reply
 * id so vk-io's retries and ours resend the same key:
 *
 * | surface | method | token | key |
 * |---|---|---|---|
 * | wall posts and comments, mentions | `wall.createComment` (`from_group`) | community | `guid` |
 * | private messages, group chats | `messages.send` | community | `random_id` |
 * | photo comments | `photos.createComment` (`from_group=1`) | user, right `photos` | `guid` |
 * | video comments | `video.createComment` (`from_group=1`) | user, right `video` | `guid` |
 * | product comments | `market.createComment` (`from_group=1`) | user, right `market` | `guid` |
 * | board topics | `board.createComment` (`from_group=1`) | user | `guid` |
 *
 * A user token must belong to an administrator of the community (only they comment as it). VK
 * answers a repeated key with the original id (docs/platform-behaviour.md: what that rests on).
 * A missing token, or VK refusing the token for that one surface (15, 27, 28), is `unsupported`
 * naming what is missing: the reply fails, the source stays healthy and keeps answering elsewhere.
 */
import { ConnectorError, OutgoingReply, SendResult } from '../connector';
import { VkClient } from './client';
import { deriveGuid, deriveRandomId, isVkChatPeer, parseVkId, vkIds } from './ids';

export interface SendClients {
  groupId: number;
  group: VkClient | null;
  user: VkClient | null;
}

/** What each user-token surface needs, in words people read when it is missing. */
const USER_SURFACES = {
  photo_comment: {
    what: 'photo comments',
    right: 'photos',
    method: 'photos.createComment',
    object: 'photo_id',
  },
  video_comment: {
    what: 'video comments',
    right: 'video',
    method: 'video.createComment',
    object: 'video_id',
  },
  market_comment: {
    what: 'product comments',
    right: 'market',
    method: 'market.createComment',
    object: 'item_id',
  },
  board: { what: 'board topics', right: undefined, method: 'board.createComment', object: 'topic_id' },
} as const;

type UserSurface = keyof typeof USER_SURFACES;

function userTokenNeeded(surface: UserSurface): string {
  const s = USER_SURFACES[surface];
  return `Replying to ${s.what} needs a user token of a community administrator${s.right ? ` with the "${s.right}" access right` : ''} (VK takes ${s.method} from user tokens only)`;
}

export async function sendVkReply(clients: SendClients, reply: OutgoingReply): Promise<SendResult> {
  const target = parseVkId(reply.inReplyTo.externalId);
  const community = (what: string): VkClient => {
    if (!clients.group)
      throw new ConnectorError('unsupported', `Replying to ${what} needs a community token`);
    return clients.group;
  };
  switch (target.type) {
    case 'wall_post':
    case 'wall_comment':
    case 'mention': {
      const res = await community('wall comments').call<{ comment_id: number }>('wall.createComment', {
        owner_id: target.ownerId,
        post_id: target.postId,
        from_group: clients.groupId,
        message: reply.text,
        ...(target.type === 'wall_comment' ? { reply_to_comment: target.commentId } : {}),
        guid: deriveGuid(reply.replyId),
      });
      return { platformMessageId: vkIds.wallComment(target.ownerId, target.postId, Number(res.comment_id)) };
    }
    case 'chat_message':
      return sendToChat(community('messages'), reply, target.peerId, target.conversationMessageId);
    case 'message': {
      // A key stored before group chats were keyed by conversation_message_id (`message:<chat>_0`).
      if (isVkChatPeer(target.peerId))
        return sendToChat(community('messages'), reply, target.peerId, undefined);
      const id = await community('messages').call<number>('messages.send', {
        peer_id: target.peerId,
        random_id: deriveRandomId(reply.replyId),
        message: reply.text,
      });
      return { platformMessageId: vkIds.message(target.peerId, Number(id)) };
    }
    case 'photo_comment':
    case 'video_comment':
    case 'market_comment': {
      const id = await asAdmin(clients, target.type, {
        owner_id: target.ownerId,
        [USER_SURFACES[target.type].object]: target.objectId,
        from_group: 1,
        message: reply.text,
        reply_to_comment: target.commentId,
        guid: deriveGuid(reply.replyId),
      });
      const key =
        target.type === 'photo_comment'
          ? vkIds.photoComment
          : target.type === 'video_comment'
            ? vkIds.videoComment
            : vkIds.marketComment;
      return { platformMessageId: key(target.ownerId, target.objectId, id) };
    }
    case 'board': {
      const id = await asAdmin(clients, 'board', {
        group_id: target.groupId,
        topic_id: target.topicId,
        message: reply.text,
        from_group: 1,
        guid: deriveGuid(reply.replyId),
      });
      return { platformMessageId: vkIds.boardPost(target.groupId, target.topicId, id) };
    }
    default:
      throw new ConnectorError(
        'unsupported',
        `Replies to ${reply.inReplyTo.kind} items are not supported on VK`,
      );
  }
}

/** A comment as the community through an administrator's user token; the new comment's id. */
async function asAdmin(
  clients: SendClients,
  surface: UserSurface,
  params: Record<string, unknown>,
): Promise<number> {
  const s = USER_SURFACES[surface];
  if (!clients.user) throw new ConnectorError('unsupported', userTokenNeeded(surface));
  try {
    return Number(await clients.user.call<number>(s.method, params));
  } catch (err) {
    // 15 (no right, not an administrator), 27/28 (wrong token kind) concern this surface only.
    if (err instanceof ConnectorError && err.code === 'configuration') {
      const code = (err.cause as { code?: unknown } | undefined)?.code;
      throw new ConnectorError(
        'unsupported',
        `VK refused ${s.method}${typeof code === 'number' ? ` (VK error ${code})` : ''}: ${userTokenNeeded(surface)}`,
      );
    }
    throw err;
  }
}

/**
 * A reply into a group chat. A community gets message id 0 there, so the send goes with `peer_ids`,
 * whose answer carries the conversation_message_id (vk-io #378), and it quotes the customer's
 * message by conversation_message_id (`forward` with `is_reply`, as vk-io's own reply() does).
 */
async function sendToChat(
  client: VkClient,
  reply: OutgoingReply,
  peerId: number,
  conversationMessageId: number | undefined,
): Promise<SendResult> {
  const answer = await client.call<unknown>('messages.send', {
    peer_ids: peerId,
    random_id: deriveRandomId(reply.replyId),
    message: reply.text,
    ...(conversationMessageId
      ? {
          forward: JSON.stringify({
            peer_id: peerId,
            conversation_message_ids: [conversationMessageId],
            is_reply: true,
          }),
        }
      : {}),
  });
  const sent = (Array.isArray(answer) ? answer : []).find(
    (r: { peer_id?: unknown }) => Number(r?.peer_id) === peerId,
  ) as { conversation_message_id?: number; error?: { code?: number; description?: string } } | undefined;
  if (sent?.error)
    throw new ConnectorError('rejected', `messages.send: VK refused the chat message (${sent.error.code})`);
  const cmid = Number(sent?.conversation_message_id ?? 0);
  if (!(cmid > 0))
    // Sent, but VK did not say where: record that much rather than a made-up key.
    return { platformMessageId: `${vkIds.chatThread(peerId)}:random_id:${deriveRandomId(reply.replyId)}` };
  return { platformMessageId: vkIds.chatMessage(peerId, cmid) };
}
