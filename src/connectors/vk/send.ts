/**
 * Replies as the community, exactly once: `wall.createComment` with `from_group` and a `guid`,
 * `messages.send` with a `random_id`, both derived from the reply id. vk-io's own retries and ours
 * resend the same key, and VK answers a repeated key with the original id.
 */
import { ConnectorError, OutgoingReply, SendResult } from '../connector';
import { VkClient } from './client';
import { deriveGuid, deriveRandomId, isVkChatPeer, parseVkId, vkIds } from './ids';

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
    case 'chat_message':
      return sendToChat(need(clients.group, 'messages'), reply, target.peerId, target.conversationMessageId);
    case 'message': {
      // A key stored before group chats were keyed by conversation_message_id (`message:<chat>_0`).
      if (isVkChatPeer(target.peerId))
        return sendToChat(need(clients.group, 'messages'), reply, target.peerId, undefined);
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
