import { TelegramState } from './state';
import { BotState, BusinessConnection, ChatState, TgMessage, TgUser, badRequest } from './types';

/**
 * Telegram Business: a business account connects the bot, then its customers' private messages
 * reach the bot as `business_message` (only through an existing, enabled connection), and the bot
 * answers with `sendMessage {business_connection_id}` on the owner's behalf. Everything said in a
 * connected chat comes back as `business_message`: what the owner types (from = the owner) and
 * the bot's own answers (from = the owner, `sender_business_bot` = the bot).
 */
export function connectBusiness(
  state: TelegramState,
  input: { id: string; user: TgUser; bot?: string; can_reply?: boolean },
): BusinessConnection {
  const bot = state.bot(input.bot);
  const conn: BusinessConnection = {
    id: input.id,
    user: input.user,
    user_chat_id: input.user.id,
    botToken: bot.token,
    date: state.unix(),
    can_reply: input.can_reply ?? true,
    is_enabled: true,
  };
  state.businessConnections.set(conn.id, conn);
  return conn;
}

function businessChat(state: TelegramState, connId: string, customer: TgUser): ChatState {
  const key = `${connId}:${customer.id}`;
  let chat = state.businessChats.get(key);
  if (!chat) {
    chat = {
      chat: {
        id: customer.id,
        type: 'private',
        first_name: customer.first_name,
        username: customer.username,
      },
      members: new Map(),
      messages: new Map(),
      nextMessageId: 1,
      deleted: new Set(),
    };
    state.businessChats.set(key, chat);
  }
  return chat;
}

/** A customer writes to the business account. */
export function incomingBusinessMessage(
  state: TelegramState,
  input: { business_connection_id: string; from: TgUser; text: string },
): { message: TgMessage; updateIds: number[] } {
  const conn = state.businessConnections.get(input.business_connection_id);
  if (!conn || !conn.is_enabled) throw badRequest('business connection not found');
  const chat = businessChat(state, conn.id, input.from);
  const message = state.addMessage(chat, {
    from: input.from,
    text: input.text,
    business_connection_id: conn.id,
  });
  return { message, updateIds: echo(state, conn, message) };
}

/** The owner writes in a customer's chat (from their own app). */
export function ownerBusinessMessage(
  state: TelegramState,
  input: { business_connection_id: string; chat_id: number; text: string },
): { message: TgMessage; updateIds: number[] } {
  const conn = state.businessConnections.get(input.business_connection_id);
  if (!conn || !conn.is_enabled) throw badRequest('business connection not found');
  const chat = state.businessChats.get(`${conn.id}:${Number(input.chat_id)}`);
  if (!chat) throw badRequest('chat not found');
  const message = state.addMessage(chat, {
    from: conn.user,
    text: input.text,
    business_connection_id: conn.id,
  });
  return { message, updateIds: echo(state, conn, message) };
}

/** Delivers a message of a connected chat to the connected bot as business_message. */
export function echo(state: TelegramState, conn: BusinessConnection, message: TgMessage): number[] {
  const bot = state.bots.get(conn.botToken);
  return bot && state.allows(bot, 'business_message')
    ? [state.enqueue(bot, 'business_message', { business_message: structuredClone(message) })]
    : [];
}

/** sendMessage with business_connection_id: the bot answers as the business account. */
export function resolveBusinessChat(state: TelegramState, bot: BotState, connId: string, chatId: unknown) {
  const conn = state.businessConnections.get(connId);
  if (!conn || conn.botToken !== bot.token) throw badRequest('business connection not found');
  if (!conn.can_reply) throw badRequest('bot can not reply in the business chat');
  const chat = state.businessChats.get(`${connId}:${Number(chatId)}`);
  if (!chat) throw badRequest('chat not found');
  return { conn, chat };
}
