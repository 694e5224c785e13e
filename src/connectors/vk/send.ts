/**
 * Replies as the community, exactly once: `wall.createComment` with `from_group` and a `guid`,
 * `messages.send` with a `random_id`, both derived from the reply id. vk-io's own retries and ours
 * resend the same key, and VK answers a repeated key with the original id.
 */
import { ConnectorError, OutgoingReply, SendResult } from '../connector';
import { VkClient } from './client';
import { deriveGuid, deriveRandomId, parseVkId, vkIds } from './ids';

export interface SendClients {
  groupId: number;
  group: VkClient | null;
  user: VkClient | null;
}

export async function sendVkReply(clients: SendClients, reply: OutgoingReply): Promise<SendResult> {
  const target = parseVkId(reply.inReplyTo.externalId);
  // Both refusals below concern this reply only: the source still receives (and answers elsewhere).
  const need = (client: VkClient | null, what: string): VkClient => {
    if (!client)
      throw new ConnectorError(
        'unsupported',
        `Replying to ${what} needs a ${what === 'board topics' ? 'user' : 'community'} token`,
      );
    return client;
  };
  switch (target.type) {
    case 'wall_post':
    case 'wall_comment':
    case 'mention': {
      const res = await need(clients.group, 'wall comments').call<{ comment_id: number }>(
        'wall.createComment',
        {
          owner_id: target.ownerId,
          post_id: target.postId,
          from_group: clients.groupId,
          message: reply.text,
          ...(target.type === 'wall_comment' ? { reply_to_comment: target.commentId } : {}),
          guid: deriveGuid(reply.replyId),
        },
      );
      return { platformMessageId: vkIds.wallComment(target.ownerId, target.postId, Number(res.comment_id)) };
    }
    case 'message': {
      const id = await need(clients.group, 'messages').call<number>('messages.send', {
        peer_id: target.peerId,
        random_id: deriveRandomId(reply.replyId),
        message: reply.text,
      });
      return { platformMessageId: vkIds.message(target.peerId, Number(id)) };
    }
    case 'board': {
      const id = await need(clients.user, 'board topics').call<number>('board.createComment', {
        group_id: target.groupId,
        topic_id: target.topicId,
        message: reply.text,
        from_group: 1,
        guid: deriveGuid(reply.replyId),
      });
      return { platformMessageId: vkIds.boardPost(target.groupId, target.topicId, Number(id)) };
    }
    default:
      throw new ConnectorError(
        'unsupported',
        `Replies to ${reply.inReplyTo.kind} items are not supported on VK yet`,
      );
  }
}
