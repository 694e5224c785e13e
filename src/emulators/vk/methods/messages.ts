/** messages.send, messages.getConversations, messages.getHistory. */
import { CHAT_PEER_BASE, isChatPeer, VkApiError, VkConversation, VkMessage, VkState } from '../state';
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
      const forward = parseForward(str(ctx.params, 'forward'));
      const sent = ids.map((peerId) => {
        const conv = ctx.state.conversation(owner, peerId);
        if (!conv.allowed) {
          if (isChatPeer(peerId)) throw new VkApiError(917, "You don't have access to this chat");
          throw new VkApiError(901, "Can't send messages for users without permission");
        }
        const fromId = ctx.token.kind === 'group' ? -owner : (ctx.token.userId as number);
        const msg = ctx.state.appendMessage(conv, {
          fromId,
          out: 1,
          text: message,
          randomId: Number(randomRaw),
          replyTo: forward ? replyTarget(ctx.state, conv, forward) : undefined,
        });
        // In a group chat a community gets message_id 0: only peer_ids answers the
        // conversation_message_id (vk-io #378).
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
      const unread = (c: VkConversation) =>
        isChatPeer(c.peerId) ? 0 : c.messages.filter((m) => !m.out && m.id > c.inRead).length;
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
        .sort((a, b) => b.lastSeq - a.lastSeq);
      const offset = int(ctx.params, 'offset', 0);
      const items = all.slice(offset, offset + clampCount(ctx.params, 20, 200)).map((c) => {
        const last = c.messages[c.messages.length - 1];
        const chat = isChatPeer(c.peerId);
        return {
          conversation: {
            peer: {
              id: c.peerId,
              type: chat ? 'chat' : 'user',
              local_id: chat ? c.peerId - CHAT_PEER_BASE : c.peerId,
            },
            in_read: c.inRead,
            out_read: c.outRead,
            last_message_id: last.id,
            last_conversation_message_id: last.conversation_message_id,
            unread_count: unread(c),
            version: c.lastSeq,
            can_write: c.allowed ? { allowed: true } : { allowed: false, reason: 901 },
            ...(chat ? { chat_settings: chatSettings(c) } : {}),
          },
          last_message: last,
        };
      });
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

interface Forward {
  peer_id?: number;
  conversation_message_ids?: number[];
  message_ids?: number[];
  is_reply?: boolean;
}

/** `forward` is a JSON object (VK: peer_id, conversation_message_ids or message_ids, is_reply). */
function parseForward(raw: string | undefined): Forward | undefined {
  if (!raw) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new VkApiError(
      100,
      'One of the parameters specified was missing or invalid: forward is not a JSON',
    );
  }
  if (!value || typeof value !== 'object')
    throw new VkApiError(100, 'One of the parameters specified was missing or invalid: forward is invalid');
  const f = value as Record<string, unknown>;
  const list = (v: unknown) =>
    v === undefined ? undefined : (Array.isArray(v) ? v : String(v).split(',')).map((x) => Number(x));
  return {
    peer_id: f.peer_id === undefined ? undefined : Number(f.peer_id),
    conversation_message_ids: list(f.conversation_message_ids),
    message_ids: list(f.message_ids),
    is_reply: f.is_reply === true || f.is_reply === 1 || f.is_reply === '1',
  };
}

function replyTarget(state: VkState, conv: VkConversation, f: Forward): VkMessage | undefined {
  if (!f.is_reply) return undefined;
  if (f.peer_id !== undefined && f.peer_id !== conv.peerId)
    throw new VkApiError(100, 'One of the parameters specified was missing or invalid: forward.peer_id');
  const cmid = f.conversation_message_ids?.[0];
  if (cmid !== undefined) return state.byCmid(conv, cmid);
  const id = f.message_ids?.[0];
  if (id === undefined) return undefined;
  // Chat messages have no ids for a community: only conversation_message_ids can point at them.
  const found = id > 0 ? conv.messages.find((m) => m.id === id) : undefined;
  if (!found)
    throw new VkApiError(100, 'One of the parameters specified was missing or invalid: message not found');
  return found;
}

/** A group chat's settings as a member community sees them (the fields 5.199 requires). */
function chatSettings(c: VkConversation) {
  const members = [...new Set(c.messages.map((m) => m.from_id))];
  return {
    owner_id: members.find((id) => id > 0) ?? -c.groupId,
    title: `Chat ${c.peerId - CHAT_PEER_BASE}`,
    state: 'in',
    members_count: members.length,
    admin_ids: [],
    active_ids: members.filter((id) => id > 0),
    acl: {
      can_change_info: false,
      can_change_invite_link: false,
      can_change_pin: false,
      can_invite: false,
      can_promote_users: false,
      can_see_invite_link: false,
      can_moderate: false,
      can_copy_chat: false,
      can_call: false,
      can_use_mass_mentions: false,
    },
  };
}
