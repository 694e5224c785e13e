import type { NormalizedItem } from '../connector';

/**
 * Pure mapping of Bot API updates onto NormalizedItem. externalId = `<chat_id>:<message_id>`;
 * a channel post is the head of its own thread, and its discussion-group comments are threaded
 * to it (threadExternalId = the channel post's externalId).
 */

/**
 * Which channel post each discussion thread belongs to: `<group_id>:<forward_id>` →
 * `<channel_id>:<post_id>`. Learnt from the automatic forwards; needed because a reply to a
 * comment only carries the comment, not the forward (Telegram nests one reply level).
 */
export class DiscussionThreads {
  private map = new Map<string, string>();
  private dirty = false;

  constructor(
    entries: unknown = [],
    private readonly max = 2000,
  ) {
    if (Array.isArray(entries)) {
      for (const e of entries)
        if (Array.isArray(e) && e.length === 2) this.map.set(String(e[0]), String(e[1]));
    }
  }

  get(threadKey: string): string | undefined {
    return this.map.get(threadKey);
  }

  remember(threadKey: string, postExternalId: string): void {
    if (this.map.get(threadKey) === postExternalId) return;
    this.map.delete(threadKey);
    this.map.set(threadKey, postExternalId);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
    this.dirty = true;
  }

  /** Linked channel of a discussion group, when one of its forwards was seen. */
  channelOf(groupId: number): string | undefined {
    for (const [k, v] of this.map) if (k.startsWith(`${groupId}:`)) return v.split(':')[0];
    return undefined;
  }

  /** The entries to save as a cursor, when something new was learnt since the last call. */
  takeCursor(): [string, string][] | undefined {
    if (!this.dirty) return undefined;
    this.dirty = false;
    return [...this.map].slice(-500);
  }
}

export const TELEGRAM_SERVICE_USER_ID = 777000;

type Msg = Record<string, any>;

/** Maps one update; unknown kinds, reactions and the automatic forward itself map to nothing. */
export function mapUpdate(update: Record<string, any>, threads: DiscussionThreads): NormalizedItem[] {
  if (update.message) return mapMessage(update.message, threads, false);
  if (update.edited_message) return mapMessage(update.edited_message, threads, true);
  if (update.business_message) return mapBusinessMessage(update.business_message, threads, false);
  if (update.edited_business_message)
    return mapBusinessMessage(update.edited_business_message, threads, true);
  if (update.channel_post) return mapChannelPost(update.channel_post, false);
  if (update.edited_channel_post) return mapChannelPost(update.edited_channel_post, true);
  return [];
}

export const messageKey = (chatId: number | string, messageId: number | string) => `${chatId}:${messageId}`;

/**
 * Telegram Business: everything said in a connected chat comes back as business_message, the
 * brand's side included. The chat is private, so its id is the customer's: a message from anyone
 * else is the business account's owner. A bot's answer (`sender_business_bot`: ours, already in
 * the outbox) is dropped; what the owner typed themself is kept as the brand's message, so the
 * conversation shows it — never as a customer item.
 */
function mapBusinessMessage(msg: Msg, threads: DiscussionThreads, edited: boolean): NormalizedItem[] {
  if (msg.sender_business_bot) return [];
  const items = mapMessage(msg, threads, edited);
  const fromCustomer = msg.chat?.type === 'private' && msg.from?.id === msg.chat.id;
  if (fromCustomer) return items;
  return items.map((item) => ({ ...item, author: { ...item.author, isBrand: true } }));
}

function mapChannelPost(post: Msg, edited: boolean): NormalizedItem[] {
  const text = textOf(post);
  if (text === undefined) return [];
  const externalId = messageKey(post.chat.id, post.message_id);
  return [
    {
      externalId,
      kind: 'channel_post',
      threadExternalId: externalId,
      author: {
        externalId: String(post.chat.id),
        name: post.author_signature ?? post.chat.title,
        username: post.chat.username,
        isBrand: true,
      },
      text,
      createdAt: new Date(post.date * 1000),
      ...editedAt(post, edited),
      raw: post,
    },
  ];
}

function mapMessage(msg: Msg, threads: DiscussionThreads, edited: boolean): NormalizedItem[] {
  const chatId = msg.chat.id;
  // The brand's channel post, forwarded into its discussion group: remember the thread, don't ingest
  // it again (it arrives as channel_post).
  const origin = channelOrigin(msg);
  if (origin) {
    threads.remember(messageKey(chatId, msg.message_id), origin);
    return [];
  }
  const text = textOf(msg);
  if (text === undefined) return [];
  const reply: Msg | undefined = msg.reply_to_message;
  const replyOrigin = reply ? channelOrigin(reply) : undefined;
  if (reply && replyOrigin) threads.remember(messageKey(chatId, reply.message_id), replyOrigin);

  let kind: NormalizedItem['kind'] = 'message';
  let threadExternalId = String(chatId);
  // A topic message that answers nothing in particular "replies" to the topic's
  // forum_topic_created service message: that is the topic, not a parent.
  const opensTopic = reply?.forum_topic_created !== undefined;
  let parentExternalId = reply && !opensTopic ? messageKey(chatId, reply.message_id) : undefined;
  const threadId: number | undefined = msg.message_thread_id;
  if (msg.chat.type !== 'private' && threadId !== undefined) {
    const post = threads.get(messageKey(chatId, threadId));
    if (post) {
      kind = 'comment';
      threadExternalId = post;
      if (replyOrigin) parentExternalId = replyOrigin;
    } else if (msg.is_topic_message) {
      threadExternalId = `${chatId}:topic:${threadId}`;
    } else if (threads.channelOf(chatId) !== undefined) {
      // A comment thread of a known discussion group whose forward we never saw: one per post.
      kind = 'comment';
      threadExternalId = `${chatId}:thread:${threadId}`;
    }
    // Otherwise a reply in a plain supergroup: Telegram gives every reply the message_thread_id of
    // its chain's root (no is_topic_message). That is no separate thread: it stays in the chat.
  }

  const sender: Msg | undefined = msg.sender_chat;
  const brandChannel = threads.channelOf(chatId);
  const author: NormalizedItem['author'] = sender
    ? {
        externalId: String(sender.id),
        name: sender.title,
        username: sender.username,
        isBrand: sender.id === chatId || String(sender.id) === brandChannel,
      }
    : {
        externalId: String(msg.from?.id ?? chatId),
        name: [msg.from?.first_name, msg.from?.last_name].filter(Boolean).join(' ') || undefined,
        username: msg.from?.username,
      };

  return [
    {
      externalId: messageKey(chatId, msg.message_id),
      kind,
      ...(parentExternalId ? { parentExternalId } : {}),
      threadExternalId,
      author,
      text,
      createdAt: new Date(msg.date * 1000),
      ...editedAt(msg, edited),
      raw: msg,
    },
  ];
}

/** `<channel_id>:<post_id>` of an automatic forward of a channel post, else undefined. */
function channelOrigin(msg: Msg): string | undefined {
  if (!msg.is_automatic_forward) return undefined;
  const o = msg.forward_origin;
  if (o?.type === 'channel' && o.chat) return messageKey(o.chat.id, o.message_id);
  if (msg.sender_chat?.type === 'channel' && msg.forward_from_message_id) {
    return messageKey(msg.sender_chat.id, msg.forward_from_message_id);
  }
  return undefined;
}

const MEDIA = [
  'photo',
  'video',
  'voice',
  'audio',
  'document',
  'sticker',
  'animation',
  'video_note',
  'location',
  'contact',
  'poll',
];

/** Text or caption; media without a caption becomes `[photo]` etc.; service messages map to nothing. */
function textOf(msg: Msg): string | undefined {
  if (typeof msg.text === 'string') return msg.text;
  const media = MEDIA.find((m) => msg[m] !== undefined);
  if (typeof msg.caption === 'string') return msg.caption;
  if (media) return msg.sticker?.emoji ? `[sticker ${msg.sticker.emoji}]` : `[${media}]`;
  return undefined;
}

function editedAt(msg: Msg, edited: boolean): { editedAt?: Date } {
  if (!edited) return {};
  return { editedAt: msg.edit_date ? new Date(msg.edit_date * 1000) : new Date() };
}
