import { seededRandom } from '../shared/faults';
import {
  BotState,
  BusinessConnection,
  ChatState,
  ChatType,
  MemberStatus,
  OutboxEntry,
  QueuedUpdate,
  TgChat,
  TgMessage,
  TgUser,
  UpdateType,
  badRequest,
} from './types';

/** Telegram's service account that posts the automatic forwards of channel posts. */
export const TELEGRAM_SERVICE_USER: TgUser = { id: 777000, is_bot: false, first_name: 'Telegram' };
export const DEFAULT_BOT_TOKEN = '7000001:otklik-emulator-token';
export const RETENTION_MS = 24 * 3600 * 1000;

/** What `allowed_updates` = unset or [] means: everything except these. */
const OPT_IN_UPDATES = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

export interface ChatInput {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
  is_forum?: boolean;
  linked_chat_id?: number;
  /** Status of the given bot (default bot when omitted) in this chat. */
  bot_status?: MemberStatus;
  bot?: string;
}

/**
 * The emulator's world: bots, chats, messages, per-bot update queues and the outbox.
 * Visibility rules are applied when an update is created (as Telegram does), so a
 * privacy-mode bot never has an update to miss or to confirm.
 */
export class TelegramState {
  clockOffsetMs = 0;
  bots = new Map<string, BotState>();
  chats = new Map<number, ChatState>();
  outbox: OutboxEntry[] = [];
  /** Telegram Business: connections by id, and the owners' chats by `<connection>:<chat id>`. */
  businessConnections = new Map<string, BusinessConnection>();
  businessChats = new Map<string, ChatState>();
  /** Every person seen in a message, for getChatMember. */
  users = new Map<number, TgUser>();
  private outboxSeq = 1;
  private rng: () => number;
  /** Called for each bot that got a new update (wakes long polls, webhook delivery). */
  onUpdate: (bot: BotState) => void = () => undefined;

  constructor(private readonly seed = 1) {
    this.rng = seededRandom(seed);
    this.reset();
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  unix(): number {
    return Math.floor(this.now() / 1000);
  }

  reset(): void {
    this.rng = seededRandom(this.seed);
    this.clockOffsetMs = 0;
    this.bots.clear();
    this.chats.clear();
    this.users.clear();
    this.businessConnections.clear();
    this.businessChats.clear();
    this.outbox = [];
    this.outboxSeq = 1;
    this.addBot({ token: DEFAULT_BOT_TOKEN, username: 'otklik_care_bot', first_name: 'Otklik Care' });
  }

  addBot(input: { token: string; username: string; first_name?: string; privacy?: boolean }): BotState {
    const id = Number(input.token.split(':')[0]);
    if (!Number.isSafeInteger(id) || id <= 0) throw badRequest('token must look like <bot id>:<secret>');
    const bot: BotState = {
      token: input.token,
      user: { id, is_bot: true, first_name: input.first_name ?? input.username, username: input.username },
      privacy: input.privacy ?? true,
      queue: [],
      // Seeded start, so update ids differ between bots but are reproducible.
      nextUpdateId: 100000 + Math.floor(this.rng() * 800000),
      blockedBy: new Set(),
    };
    this.bots.set(bot.token, bot);
    return bot;
  }

  bot(token?: string): BotState {
    const bot = this.bots.get(token ?? DEFAULT_BOT_TOKEN);
    if (!bot) throw badRequest('bot not found');
    return bot;
  }

  /** Creates (or updates) a chat; the bot joins it with `bot_status` (admin for channels). */
  upsertChat(input: ChatInput): ChatState {
    let state = this.chats.get(input.id);
    const chat: TgChat = { id: input.id, type: input.type };
    for (const k of ['title', 'username', 'first_name', 'last_name', 'is_forum'] as const) {
      if (input[k] !== undefined) (chat as any)[k] = input[k];
    }
    if (!state) {
      state = { chat, members: new Map(), messages: new Map(), nextMessageId: 1, deleted: new Set() };
      this.chats.set(chat.id, state);
    } else {
      state.chat = { ...state.chat, ...chat };
    }
    if (input.linked_chat_id !== undefined) state.linkedChatId = input.linked_chat_id;
    const bot = this.bot(input.bot);
    if (input.type === 'private') {
      state.botId = bot.user.id;
    } else if (input.bot_status || !state.members.has(bot.user.id)) {
      state.members.set(
        bot.user.id,
        input.bot_status ?? (input.type === 'channel' ? 'administrator' : 'member'),
      );
    }
    return state;
  }

  chatState(chatId: unknown): ChatState {
    if (typeof chatId === 'string' && chatId.startsWith('@')) {
      for (const c of this.chats.values()) if (c.chat.username && `@${c.chat.username}` === chatId) return c;
    } else {
      const found = this.chats.get(Number(chatId));
      if (found) return found;
    }
    throw badRequest('chat not found');
  }

  message(chat: ChatState, messageId: number): TgMessage | undefined {
    return chat.deleted.has(messageId) ? undefined : chat.messages.get(messageId);
  }

  /**
   * Telegram's thread rules for a new message in a chat (`explicit`: the message_thread_id asked
   * for; `replyTo`: the message answered):
   * - forum supergroup: a topic message carries `message_thread_id` = the topic (the id of its
   *   `forum_topic_created` message) and `is_topic_message`; one that answers nothing in particular
   *   has `reply_to_message` = the topic's `forum_topic_created` message. No thread = General.
   * - other supergroups: a reply carries `message_thread_id` = the root of its reply chain, without
   *   `is_topic_message` (a discussion group's comment threads are the same thing, rooted at the
   *   automatic forward of the channel post). An explicit `message_thread_id` must name a
   *   discussion thread; anything else is "message thread not found".
   * - private chats, basic groups, channels: no threads.
   */
  threadFields(
    chat: ChatState,
    explicit: number | undefined,
    replyTo: TgMessage | undefined,
  ): Pick<TgMessage, 'message_thread_id' | 'is_topic_message' | 'reply_to_message'> {
    const reply = replyTo ? { reply_to_message: replyTo } : {};
    if (chat.chat.type !== 'supergroup') return reply;
    if (chat.chat.is_forum) {
      const topic = explicit ?? (replyTo?.is_topic_message ? replyTo.message_thread_id : undefined);
      if (topic === undefined) return reply;
      const opening = this.message(chat, topic);
      if (!opening?.forum_topic_created) throw badRequest('message thread not found');
      return { message_thread_id: topic, is_topic_message: true, reply_to_message: replyTo ?? opening };
    }
    if (explicit !== undefined) {
      if (!this.message(chat, explicit)?.is_automatic_forward) throw badRequest('message thread not found');
      return { message_thread_id: explicit, ...reply };
    }
    if (!replyTo) return reply;
    return { message_thread_id: replyTo.message_thread_id ?? replyTo.message_id, ...reply };
  }

  /** A forum topic: the `forum_topic_created` service message, whose id is the topic's thread id. */
  createTopic(chat: ChatState, name: string, from: TgUser): TgMessage {
    if (chat.chat.type !== 'supergroup' || !chat.chat.is_forum) throw badRequest('the chat is not a forum');
    const opening = this.addMessage(chat, { from, forum_topic_created: { name, icon_color: 7322096 } });
    opening.message_thread_id = opening.message_id;
    opening.is_topic_message = true;
    return opening;
  }

  /** Stores a new message in a chat (ids per chat, as in supergroups and channels). */
  addMessage(chat: ChatState, fields: Omit<TgMessage, 'message_id' | 'date' | 'chat'>): TgMessage {
    const msg: TgMessage = {
      message_id: chat.nextMessageId++,
      date: this.unix(),
      chat: chat.chat,
      ...fields,
    };
    if (msg.reply_to_message) msg.reply_to_message = shallowReply(msg.reply_to_message);
    if (msg.from && !msg.from.is_bot) this.users.set(msg.from.id, msg.from);
    chat.messages.set(msg.message_id, msg);
    return msg;
  }

  /**
   * A channel post: published as channel_post and, when the channel has a discussion group,
   * automatically forwarded there by Telegram (777000), which is what comments reply to.
   */
  channelPost(
    channel: ChatState,
    text: string,
    postedBy?: BotState,
  ): { post: TgMessage; forward?: TgMessage } {
    const post = this.addMessage(channel, { sender_chat: channel.chat, text });
    this.publishMessage(channel, 'channel_post', post, postedBy?.user.id);
    const group = channel.linkedChatId !== undefined ? this.chats.get(channel.linkedChatId) : undefined;
    if (!group) return { post };
    const forward = this.addMessage(group, {
      from: TELEGRAM_SERVICE_USER,
      sender_chat: channel.chat,
      is_automatic_forward: true,
      forward_origin: { type: 'channel', chat: channel.chat, message_id: post.message_id, date: post.date },
      text,
    });
    this.publishMessage(group, 'message', forward);
    return { post, forward };
  }

  recordOutbox(
    bot: BotState,
    method: string,
    chatId: number,
    params: Record<string, unknown>,
    msg?: TgMessage,
  ) {
    const entry: OutboxEntry = {
      seq: this.outboxSeq++,
      at: this.now(),
      botId: bot.user.id,
      method,
      chatId,
      messageId: msg?.message_id,
      text: msg?.text,
      params,
    };
    this.outbox.push(entry);
    return entry;
  }

  /** Publishes a message event to every bot that may see it. */
  publishMessage(chat: ChatState, type: UpdateType, msg: TgMessage, exceptBotId?: number): number[] {
    const ids: number[] = [];
    for (const bot of this.bots.values()) {
      if (msg.from?.id === bot.user.id || bot.user.id === exceptBotId) continue;
      if (!this.canSee(bot, chat, type, msg)) continue;
      ids.push(this.enqueue(bot, type, { [type]: structuredClone(msg) }));
    }
    return ids;
  }

  publishReaction(chat: ChatState, payload: Record<string, unknown>): number[] {
    const ids: number[] = [];
    for (const bot of this.bots.values()) {
      const status = chat.members.get(bot.user.id);
      if (status !== 'administrator' && status !== 'creator') continue;
      if (!this.allows(bot, 'message_reaction')) continue;
      ids.push(this.enqueue(bot, 'message_reaction', { message_reaction: structuredClone(payload) }));
    }
    return ids;
  }

  /** The visibility table of the spec (§3 "What a bot can see"). */
  canSee(bot: BotState, chat: ChatState, type: UpdateType, msg: TgMessage): boolean {
    if (!this.allows(bot, type)) return false;
    if (chat.chat.type === 'private') return chat.botId === bot.user.id;
    const status = chat.members.get(bot.user.id);
    if (!status || status === 'left' || status === 'kicked') return false;
    const admin = status === 'administrator' || status === 'creator';
    if (chat.chat.type === 'channel') return admin;
    if (msg.from?.is_bot) return false; // bots never see other bots' messages
    if (admin || !bot.privacy) return true;
    const name = bot.user.username ? `@${bot.user.username}` : undefined;
    const text = msg.text ?? '';
    const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
    if (command && name && command[1]?.toLowerCase() === name.toLowerCase()) return true;
    if (name && text.toLowerCase().includes(name.toLowerCase())) return true;
    return msg.reply_to_message?.from?.id === bot.user.id;
  }

  allows(bot: BotState, type: string): boolean {
    const list = bot.allowedUpdates;
    if (!list || list.length === 0) return !OPT_IN_UPDATES.has(type);
    return list.includes(type);
  }

  enqueue(bot: BotState, type: UpdateType, body: Record<string, unknown>): number {
    const update_id = bot.nextUpdateId++;
    const queued: QueuedUpdate = { type, createdAt: this.now(), update: { update_id, ...body } };
    bot.queue.push(queued);
    this.onUpdate(bot);
    return update_id;
  }

  /** Drops updates older than 24 h on the emulator clock (Telegram keeps them no longer). */
  expire(bot: BotState): void {
    const horizon = this.now() - RETENTION_MS;
    while (bot.queue.length && bot.queue[0].createdAt < horizon) bot.queue.shift();
  }

  /** Confirms (removes) every update below `offset`; negative offsets keep the last |offset|. */
  confirm(bot: BotState, offset: number): void {
    if (offset > 0) bot.queue = bot.queue.filter((q) => q.update.update_id >= offset);
    else if (offset < 0) bot.queue = bot.queue.slice(offset);
  }

  snapshot() {
    return {
      clockOffsetMs: this.clockOffsetMs,
      now: this.now(),
      bots: [...this.bots.values()].map((b) => ({
        id: b.user.id,
        username: b.user.username,
        privacy: b.privacy,
        allowedUpdates: b.allowedUpdates ?? null,
        webhook: b.webhook ? { url: b.webhook.url, hasSecret: !!b.webhook.secretToken } : null,
        pending: b.queue.map((q) => q.update.update_id),
        blockedBy: [...b.blockedBy],
      })),
      chats: [...this.chats.values()].map((c) => ({
        ...c.chat,
        linked_chat_id: c.linkedChatId,
        members: Object.fromEntries(c.members),
        messages: [...c.messages.values()].filter((m) => !c.deleted.has(m.message_id)),
      })),
      outbox: this.outbox.length,
    };
  }
}

/** Telegram nests only one level of reply_to_message. */
export function shallowReply(msg: TgMessage): TgMessage {
  const copy = { ...msg };
  delete copy.reply_to_message;
  return copy;
}
