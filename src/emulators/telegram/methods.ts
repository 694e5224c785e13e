import { echo, resolveBusinessChat } from './business';
import { SendLimiter } from './limits';
import { TelegramState } from './state';
import { UpdateHub, parseList } from './updates';
import { BotState, ChatState, TgApiError, TgMessage, badRequest, forbidden } from './types';

export interface MethodContext {
  state: TelegramState;
  hub: UpdateHub;
  limiter: SendLimiter;
}

export interface CallIo {
  /** Registers a callback for the client going away (held long polls end quietly). */
  onClose: (cb: () => void) => void;
}

export type MethodHandler = (bot: BotState, p: Record<string, unknown>, io: CallIo) => unknown;

const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

/** The Bot API methods the emulator implements; anything else is 404 "Not Found". */
export function createMethods(ctx: MethodContext): Record<string, MethodHandler> {
  const { state, hub, limiter } = ctx;

  return {
    getMe: (bot) => ({
      ...bot.user,
      can_join_groups: true,
      can_read_all_group_messages: !bot.privacy,
      supports_inline_queries: false,
    }),

    getUpdates: (bot, p, io) => hub.getUpdates(bot, p, io.onClose),

    setWebhook: (bot, p) => {
      const url = String(p.url ?? '');
      if (!url) {
        bot.webhook = undefined;
        return true;
      }
      if (!/^https?:\/\//.test(url))
        throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
      const secret = p.secret_token === undefined ? undefined : String(p.secret_token);
      if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
        throw badRequest('secret token contains unallowed characters');
      }
      const allowed = parseList(p.allowed_updates);
      if (allowed) bot.allowedUpdates = allowed;
      if (truthy(p.drop_pending_updates)) bot.queue = [];
      bot.webhook = { url, secretToken: secret, maxConnections: Number(p.max_connections ?? 40) };
      bot.lastError = undefined;
      hub.kickWebhook(bot);
      return true;
    },

    deleteWebhook: (bot, p) => {
      bot.webhook = undefined;
      if (truthy(p.drop_pending_updates)) bot.queue = [];
      return true;
    },

    getWebhookInfo: (bot) => ({
      url: bot.webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: bot.queue.length,
      ...(bot.webhook ? { max_connections: bot.webhook.maxConnections } : {}),
      ...(bot.allowedUpdates ? { allowed_updates: bot.allowedUpdates } : {}),
      ...(bot.lastError
        ? { last_error_date: bot.lastError.date, last_error_message: bot.lastError.message }
        : {}),
    }),

    sendMessage: (bot, p) => {
      if (p.business_connection_id !== undefined) {
        const { conn, chat } = resolveBusinessChat(state, bot, String(p.business_connection_id), p.chat_id);
        const text = messageText(p);
        const replyTo = findReply(state, chat, p);
        limiter.take(bot.user.id, chat.chat, state.now());
        const msg = state.addMessage(chat, {
          from: conn.user,
          text,
          business_connection_id: conn.id,
          sender_business_bot: bot.user,
          ...(replyTo ? { reply_to_message: replyTo } : {}),
        });
        state.recordOutbox(bot, 'sendMessage', chat.chat.id, p, msg);
        echo(state, conn, msg); // the bot's own answer comes back as business_message
        return msg;
      }
      const chat = writableChat(state, bot, p.chat_id);
      const text = messageText(p);
      const replyTo = findReply(state, chat, p);
      const explicit = p.message_thread_id === undefined ? undefined : Number(p.message_thread_id);
      const thread = state.threadFields(chat, explicit, replyTo);
      limiter.take(bot.user.id, chat.chat, state.now());
      if (chat.chat.type === 'channel') {
        const { post } = state.channelPost(chat, text, bot);
        state.recordOutbox(bot, 'sendMessage', chat.chat.id, p, post);
        return post;
      }
      const msg = state.addMessage(chat, { from: bot.user, text, ...thread });
      state.recordOutbox(bot, 'sendMessage', chat.chat.id, p, msg);
      return msg;
    },

    editMessageText: (bot, p) => {
      if (p.inline_message_id !== undefined)
        throw badRequest('inline messages are not supported by the emulator');
      const chat = writableChat(state, bot, p.chat_id);
      const msg = state.message(chat, Number(p.message_id));
      if (!msg) throw badRequest('message to edit not found');
      const own = msg.from?.id === bot.user.id || (chat.chat.type === 'channel' && !msg.from);
      if (!own) throw badRequest("message can't be edited");
      const text = String(p.text ?? '');
      if (!text.trim()) throw badRequest('message text is empty');
      if (text === msg.text) throw badRequest(NOT_MODIFIED);
      msg.text = text;
      msg.edit_date = state.unix();
      state.recordOutbox(bot, 'editMessageText', chat.chat.id, p, msg);
      return msg;
    },

    deleteMessage: (bot, p) => {
      const chat = writableChat(state, bot, p.chat_id);
      const msg = state.message(chat, Number(p.message_id));
      if (!msg) throw badRequest('message to delete not found');
      const admin = isAdmin(chat, bot);
      if (msg.from?.id !== bot.user.id && !admin && chat.chat.type !== 'private') {
        throw badRequest("message can't be deleted");
      }
      chat.deleted.add(msg.message_id);
      state.recordOutbox(bot, 'deleteMessage', chat.chat.id, p, msg);
      return true;
    },

    getChat: (bot, p) => {
      const chat = visibleChat(state, bot, p.chat_id);
      const linked =
        chat.linkedChatId ?? [...state.chats.values()].find((c) => c.linkedChatId === chat.chat.id)?.chat.id;
      return {
        ...chat.chat,
        ...(linked !== undefined ? { linked_chat_id: linked } : {}),
        accent_color_id: 0,
      };
    },

    getChatMember: (bot, p) => {
      const chat = visibleChat(state, bot, p.chat_id);
      const userId = Number(p.user_id);
      const user =
        userId === bot.user.id ? bot.user : (state.users.get(userId) ?? findBotUser(state, userId));
      if (!user) throw badRequest('user not found');
      const status = chat.chat.type === 'private' ? 'member' : (chat.members.get(userId) ?? 'left');
      return memberObject(status, user);
    },

    getChatAdministrators: (bot, p) => {
      const chat = visibleChat(state, bot, p.chat_id);
      if (chat.chat.type === 'private') throw badRequest('there are no administrators in the private chat');
      return [...chat.members]
        .filter(([, s]) => s === 'administrator' || s === 'creator')
        .map(([id, s]) => memberObject(s, state.users.get(id) ?? findBotUser(state, id) ?? unknownUser(id)));
    },

    sendChatAction: (bot, p) => {
      writableChat(state, bot, p.chat_id);
      if (!p.action) throw badRequest('wrong parameter action in request');
      return true;
    },

    answerCallbackQuery: (_bot, p) => {
      if (!p.callback_query_id)
        throw badRequest('query is too old and response timeout expired or query ID is invalid');
      return true;
    },

    setMessageReaction: (bot, p) => {
      const chat = writableChat(state, bot, p.chat_id);
      const msg = state.message(chat, Number(p.message_id));
      if (!msg) throw badRequest('message to react not found');
      state.recordOutbox(bot, 'setMessageReaction', chat.chat.id, p, msg);
      return true;
    },
  };
}

function visibleChat(state: TelegramState, bot: BotState, chatId: unknown): ChatState {
  if (chatId === undefined || chatId === '') throw badRequest('chat_id is empty');
  const chat = state.chatState(chatId);
  if (chat.chat.type === 'private' && chat.botId !== bot.user.id) throw badRequest('chat not found');
  if (chat.chat.type !== 'private' && !chat.members.has(bot.user.id)) throw badRequest('chat not found');
  return chat;
}

/** The chat the bot may write to, with Telegram's 403s for blocked, kicked and non-member bots. */
function writableChat(state: TelegramState, bot: BotState, chatId: unknown): ChatState {
  const chat = visibleChat(state, bot, chatId);
  const kind = chat.chat.type === 'supergroup' ? 'supergroup' : 'group';
  if (chat.chat.type === 'private') {
    if (bot.blockedBy.has(chat.chat.id)) throw forbidden('bot was blocked by the user');
    return chat;
  }
  const status = chat.members.get(bot.user.id);
  if (status === 'kicked') throw forbidden(`bot was kicked from the ${kind} chat`);
  if (status === 'left') throw forbidden(`bot is not a member of the ${kind} chat`);
  if (chat.chat.type === 'channel' && !isAdmin(chat, bot)) {
    throw badRequest('need administrator rights in the channel chat');
  }
  return chat;
}

function isAdmin(chat: ChatState, bot: BotState): boolean {
  const s = chat.members.get(bot.user.id);
  return s === 'administrator' || s === 'creator';
}

function memberObject(status: string, user: object) {
  return status === 'administrator'
    ? {
        status,
        user,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: true,
      }
    : { status, user };
}

function findBotUser(state: TelegramState, id: number) {
  for (const b of state.bots.values()) if (b.user.id === id) return b.user;
  return undefined;
}

const unknownUser = (id: number) => ({ id, is_bot: false, first_name: `User ${id}` });

function messageText(p: Record<string, unknown>): string {
  const text = typeof p.text === 'string' ? p.text : p.text === undefined ? '' : String(p.text);
  if (!text.trim()) throw badRequest('message text is empty');
  if (text.length > 4096) throw badRequest('message is too long');
  return text;
}

/** reply_parameters (or legacy reply_to_message_id): 400 unless allow_sending_without_reply. */
function findReply(state: TelegramState, chat: ChatState, p: Record<string, unknown>): TgMessage | undefined {
  const rp = parseObject(p.reply_parameters) ?? legacyReply(p);
  if (rp?.message_id === undefined) return undefined;
  const target = rp.chat_id !== undefined ? state.chatState(rp.chat_id) : chat;
  const replyTo = state.message(target, Number(rp.message_id));
  if (!replyTo && !truthy(rp.allow_sending_without_reply))
    throw badRequest('message to be replied not found');
  return replyTo;
}

function legacyReply(p: Record<string, unknown>): Record<string, unknown> | undefined {
  if (p.reply_to_message_id === undefined) return undefined;
  return { message_id: p.reply_to_message_id, allow_sending_without_reply: p.allow_sending_without_reply };
}

/** Objects arrive as JSON in JSON bodies, as JSON strings in forms and queries. */
export function parseObject(v: unknown): Record<string, unknown> | undefined {
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  if (typeof v === 'string' && v.trim().startsWith('{')) {
    try {
      return JSON.parse(v);
    } catch {
      throw new TgApiError(400, "Bad Request: can't parse reply parameters JSON object");
    }
  }
  return undefined;
}

const truthy = (v: unknown) => v === true || v === 'true' || v === 1 || v === '1';
