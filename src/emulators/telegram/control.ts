import { FaultBook, FaultRule, FaultRuleInput } from '../shared/faults';
import { connectBusiness, incomingBusinessMessage, ownerBusinessMessage } from './business';
import { SendLimiter } from './limits';
import { ChatInput, TelegramState } from './state';
import { UpdateHub } from './updates';
import { BotState, MemberStatus, OutboxEntry, TgMessage, TgUser, badRequest } from './types';

export interface LoggedRequest {
  seq: number;
  /** Wall-clock ms (not the emulator clock), for rate assertions. */
  at: number;
  method: string;
  botId?: number;
  params: Record<string, unknown>;
  status?: number;
}

export class RequestLog {
  entries: LoggedRequest[] = [];
  private seq = 1;
  add(method: string, botId: number | undefined, params: Record<string, unknown>): LoggedRequest {
    const entry = { seq: this.seq++, at: Date.now(), method, botId, params };
    this.entries.push(entry);
    if (this.entries.length > 20000) this.entries.splice(0, this.entries.length - 20000);
    return entry;
  }
  clear(): void {
    this.entries = [];
  }
}

export type UserInput = Partial<TgUser> & { id: number };

export interface SendInput {
  /** Omit for a private chat with `from` (and the default or given bot). */
  chat_id?: number | string;
  /** Creates the chat when it does not exist yet. */
  chat?: ChatInput;
  from: UserInput;
  text: string;
  reply_to_message_id?: number;
  message_thread_id?: number;
  bot?: string;
}

/**
 * What tests, the demo and `/__control/*` do to the emulated Telegram: people writing, channel
 * posts and comments, reactions, bot settings, faults, the clock, and reading what bots sent.
 */
export class TelegramControl {
  constructor(
    private readonly deps: {
      state: TelegramState;
      hub: UpdateHub;
      faults: FaultBook;
      limiter: SendLimiter;
      log: RequestLog;
    },
  ) {}

  private get state() {
    return this.deps.state;
  }

  addBot(input: { token: string; username: string; first_name?: string; privacy?: boolean }) {
    return this.state.addBot(input).user;
  }

  upsertChat(input: ChatInput) {
    const c = this.state.upsertChat(input);
    return { ...c.chat, linked_chat_id: c.linkedChatId };
  }

  /** A person writes a message (private chat, group or supergroup). */
  send(input: SendInput): { message: TgMessage; updateIds: number[] } {
    const from = user(input.from);
    let chatId = input.chat_id ?? input.chat?.id;
    if (chatId === undefined) {
      const { id, first_name, last_name, username } = from;
      this.state.upsertChat({ id, type: 'private', first_name, last_name, username, bot: input.bot });
      chatId = id;
    } else if (input.chat && !this.state.chats.has(Number(chatId))) {
      this.state.upsertChat(input.chat);
    }
    const chat = this.state.chatState(chatId);
    if (chat.chat.type === 'channel') throw badRequest('use channel_post for channels');
    if (chat.chat.type !== 'private' && !chat.members.has(from.id)) chat.members.set(from.id, 'member');
    const replyTo = input.reply_to_message_id
      ? this.state.message(chat, input.reply_to_message_id)
      : undefined;
    if (input.reply_to_message_id && !replyTo) throw badRequest('message to be replied not found');
    const message = this.state.addMessage(chat, {
      from,
      text: input.text,
      ...this.state.threadFields(chat, input.message_thread_id, replyTo),
    });
    return { message, updateIds: this.state.publishMessage(chat, 'message', message) };
  }

  /** Someone opens a topic in a forum supergroup: a `forum_topic_created` service message. */
  createTopic(input: { chat_id: number | string; name: string; from: UserInput }) {
    const chat = this.state.chatState(input.chat_id);
    const message = this.state.createTopic(chat, input.name, user(input.from));
    return { message, updateIds: this.state.publishMessage(chat, 'message', message) };
  }

  /** The author edits a message: edited_message / edited_channel_post with edit_date. */
  edit(input: { chat_id: number | string; message_id: number; text: string }) {
    const chat = this.state.chatState(input.chat_id);
    const message = this.state.message(chat, input.message_id);
    if (!message) throw badRequest('message to edit not found');
    message.text = input.text;
    message.edit_date = Math.max(this.state.unix(), message.date + 1);
    const type = chat.chat.type === 'channel' ? 'edited_channel_post' : 'edited_message';
    return { message, updateIds: this.state.publishMessage(chat, type, message) };
  }

  /** The brand posts in its channel; the post is forwarded to the linked discussion group. */
  channelPost(input: { chat_id: number | string; text: string }) {
    const chat = this.state.chatState(input.chat_id);
    if (chat.chat.type !== 'channel') throw badRequest('not a channel');
    return this.state.channelPost(chat, input.text);
  }

  /** A comment under a channel post: a discussion-group message in the post's thread. */
  comment(input: {
    channel_id: number | string;
    post_id: number;
    from: UserInput;
    text: string;
    reply_to_message_id?: number;
  }) {
    const channel = this.state.chatState(input.channel_id);
    const group = channel.linkedChatId !== undefined ? this.state.chats.get(channel.linkedChatId) : undefined;
    if (!group) throw badRequest('the channel has no discussion group');
    const forward = [...group.messages.values()].find(
      (m) => m.is_automatic_forward && m.forward_origin?.message_id === input.post_id,
    );
    if (!forward) throw badRequest('post not found in the discussion group');
    return this.send({
      chat_id: group.chat.id,
      from: input.from,
      text: input.text,
      reply_to_message_id: input.reply_to_message_id ?? forward.message_id,
      message_thread_id: forward.message_id,
    });
  }

  react(input: { chat_id: number | string; message_id: number; user: UserInput; emoji: string | string[] }) {
    const chat = this.state.chatState(input.chat_id);
    if (!this.state.message(chat, input.message_id)) throw badRequest('message not found');
    const emojis = Array.isArray(input.emoji) ? input.emoji : [input.emoji];
    return {
      updateIds: this.state.publishReaction(chat, {
        chat: chat.chat,
        message_id: input.message_id,
        user: user(input.user),
        date: this.state.unix(),
        old_reaction: [],
        new_reaction: emojis.map((emoji) => ({ type: 'emoji', emoji })),
      }),
    };
  }

  /** A business account connects the bot (Telegram Business). */
  connectBusiness(input: { id: string; user: UserInput; bot?: string; can_reply?: boolean }) {
    return connectBusiness(this.state, { ...input, user: user(input.user) });
  }

  /** A customer writes to a connected business account: business_message for the bot. */
  businessMessage(input: { business_connection_id: string; from: UserInput; text: string }) {
    return incomingBusinessMessage(this.state, { ...input, from: user(input.from) });
  }

  /**
   * The business account's owner types in a customer's chat themself: Telegram tells the bot with a
   * business_message too (from = the owner).
   */
  businessOwnerMessage(input: { business_connection_id: string; chat_id: number; text: string }) {
    return ownerBusinessMessage(this.state, input);
  }

  setPrivacy(token: string, enabled: boolean) {
    this.bot(token).privacy = enabled;
    return { privacy: enabled };
  }

  /** Makes the bot an administrator of a chat (or a plain member again with admin=false). */
  setAdmin(token: string, input: { chat_id: number | string; admin?: boolean; status?: MemberStatus }) {
    const bot = this.bot(token);
    const chat = this.state.chatState(input.chat_id);
    const status: MemberStatus = input.status ?? (input.admin === false ? 'member' : 'administrator');
    chat.members.set(bot.user.id, status);
    return { status };
  }

  block(input: { user_id: number; blocked?: boolean; bot?: string }) {
    const bot = this.bot(input.bot);
    if (input.blocked === false) bot.blockedBy.delete(input.user_id);
    else bot.blockedBy.add(input.user_id);
    return { blocked: bot.blockedBy.has(input.user_id) };
  }

  outbox(filter: { chat_id?: number | string; method?: string } = {}): OutboxEntry[] {
    return this.state.outbox.filter(
      (o) =>
        (filter.chat_id === undefined || o.chatId === Number(filter.chat_id)) &&
        (filter.method === undefined || o.method === filter.method),
    );
  }

  addFault(rule: FaultRuleInput): FaultRule {
    return this.deps.faults.add(rule);
  }
  faults(): FaultRule[] {
    return this.deps.faults.list();
  }
  clearFaults(): void {
    this.deps.faults.clear();
  }

  advanceClock(ms: number) {
    this.state.clockOffsetMs += ms;
    return { now: this.state.now() };
  }

  setLimits(enabled: boolean) {
    this.deps.limiter.opts.enabled = enabled;
    this.deps.limiter.reset();
    return { enabled };
  }

  requests(filter: { method?: string } = {}) {
    return this.deps.log.entries.filter((r) => !filter.method || r.method === filter.method);
  }

  clearRequests(): void {
    this.deps.log.clear();
  }

  snapshot() {
    return this.state.snapshot();
  }

  reset(): void {
    this.deps.hub.releaseAll();
    this.deps.faults.clear();
    this.deps.limiter.reset();
    this.deps.log.clear();
    this.state.reset();
  }

  private bot(token?: string): BotState {
    return this.state.bot(token);
  }
}

function user(input: UserInput): TgUser {
  return {
    ...input,
    id: Number(input.id),
    is_bot: input.is_bot ?? false,
    first_name: input.first_name ?? `User ${input.id}`,
  };
}
