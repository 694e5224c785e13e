/** messages.send, messages.getConversations, messages.getHistory. */
import { VkApiError, VkConversation } from '../state';
import { CallCtx, MethodDef, clampCount, int, str } from './types';

/** Dialogs are kept per sender: a community (positive group id) or a user (negative, to keep spaces apart). */
function ownerOf(ctx: CallCtx): number {
  return ctx.token.kind === 'group' ? (ctx.token.groupId as number) : -(ctx.token.userId as number);
}

function peerIds(ctx: CallCtx): { ids: number[]; many: boolean } {
  const many = str(ctx.params, 'peer_ids');
  if (many) return { ids: many.split(',').map((s) => Number(s.trim())), many: true };
  const one = str(ctx.params, 'peer_id') ?? str(ctx.params, 'user_id');
  if (!one)
    throw new VkApiError(100, 'One of the parameters specified was missing or invalid: peer_id is undefined');
  return { ids: [Number(one)], many: false };
}

export const messageMethods: Record<string, MethodDef> = {
  'messages.send': {
    kinds: ['user', 'group'],
    handler(ctx) {
      const randomRaw = str(ctx.params, 'random_id');
      if (randomRaw === undefined)
        throw new VkApiError(
          100,
          'One of the parameters specified was missing or invalid: random_id is a required parameter',
        );
      const owner = ownerOf(ctx);
      // random_id is unique per sender over the whole history; a repeat returns the original.
      const idemKey = `${owner}:${randomRaw}`;
      if (randomRaw !== '0' && ctx.state.idemRandom.has(idemKey)) return ctx.state.idemRandom.get(idemKey);
      const message = str(ctx.params, 'message');
      if (!message)
        throw new VkApiError(100, 'One of the parameters specified was missing or invalid: message is empty');
      const { ids, many } = peerIds(ctx);
      const sent = ids.map((peerId) => {
        const conv = ctx.state.conversation(owner, peerId);
        if (!conv.allowed) throw new VkApiError(901, "Can't send messages for users without permission");
        const fromId = ctx.token.kind === 'group' ? -owner : (ctx.token.userId as number);
        const msg = ctx.state.appendMessage(conv, {
          fromId,
          out: 1,
          text: message,
          randomId: Number(randomRaw),
        });
        return { peer_id: peerId, message_id: msg.id, conversation_message_id: msg.conversation_message_id };
      });
      const result = many ? sent : sent[0].message_id;
      if (randomRaw !== '0') ctx.state.idemRandom.set(idemKey, result);
      ctx.state.recordWrite('messages.send', ctx.token, ctx.params, result);
      return result;
    },
  },
  'messages.getConversations': {
    kinds: ['user', 'group'],
    handler(ctx) {
      const owner = ownerOf(ctx);
      const filter = str(ctx.params, 'filter') ?? 'all';
      const unread = (c: VkConversation) => c.messages.filter((m) => !m.out && m.id > c.inRead).length;
      const all = [...ctx.state.conversations.values()]
        .filter((c) => c.groupId === owner && c.messages.length > 0)
        .filter(
          (c) =>
            filter === 'all' ||
            (filter === 'unread'
              ? unread(c) > 0
              : filter === 'unanswered'
                ? !c.messages[c.messages.length - 1].out
                : true),
        )
        .sort((a, b) => b.messages[b.messages.length - 1].id - a.messages[a.messages.length - 1].id);
      const offset = int(ctx.params, 'offset', 0);
      const items = all.slice(offset, offset + clampCount(ctx.params, 20, 200)).map((c) => ({
        conversation: {
          peer: { id: c.peerId, type: c.peerId > 2e9 ? 'chat' : 'user', local_id: c.peerId },
          in_read: c.inRead,
          out_read: c.outRead,
          last_message_id: c.messages[c.messages.length - 1].id,
          unread_count: unread(c),
          can_write: c.allowed ? { allowed: true } : { allowed: false, reason: 901 },
        },
        last_message: c.messages[c.messages.length - 1],
      }));
      return { count: all.length, unread_count: all.filter((c) => unread(c) > 0).length, items };
    },
  },
  'messages.getHistory': {
    kinds: ['user', 'group'],
    handler(ctx) {
      const conv = ctx.state.conversations.get(`${ownerOf(ctx)}_${int(ctx.params, 'peer_id')}`);
      const messages = conv?.messages ?? [];
      const ordered = str(ctx.params, 'rev') === '1' ? messages : [...messages].reverse();
      const offset = int(ctx.params, 'offset', 0);
      return {
        count: messages.length,
        items: ordered.slice(offset, offset + clampCount(ctx.params, 20, 200)),
      };
    },
  },
};
