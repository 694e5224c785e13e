/**
 * The Bot API objects the Telegram emulator stores and serves. Loose on purpose: the emulator
 * serialises these as JSON exactly as Telegram would, optional fields omitted.
 */
export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export type ChatType = 'private' | 'group' | 'supergroup' | 'channel';

export interface TgChat {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
  is_forum?: boolean;
}

export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  sender_chat?: TgChat;
  text?: string;
  edit_date?: number;
  message_thread_id?: number;
  is_topic_message?: boolean;
  is_automatic_forward?: boolean;
  forward_origin?: { type: 'channel'; chat: TgChat; message_id: number; date: number };
  reply_to_message?: TgMessage;
  business_connection_id?: string;
  sender_business_bot?: TgUser;
  /** Service message opening a forum topic; its message_id is the topic's message_thread_id. */
  forum_topic_created?: { name: string; icon_color: number };
  entities?: { type: string; offset: number; length: number }[];
}

export type UpdateType =
  | 'message'
  | 'edited_message'
  | 'channel_post'
  | 'edited_channel_post'
  | 'message_reaction'
  | 'business_message'
  | 'edited_business_message';

export interface TgUpdate {
  update_id: number;
  [type: string]: unknown;
}

export interface QueuedUpdate {
  update: TgUpdate;
  type: UpdateType;
  createdAt: number;
}

export type MemberStatus = 'creator' | 'administrator' | 'member' | 'left' | 'kicked';

export interface BotState {
  token: string;
  user: TgUser;
  /** Privacy mode: on by default, as for every new bot. */
  privacy: boolean;
  /** undefined = never set (all except chat_member and reactions). */
  allowedUpdates?: string[];
  webhook?: { url: string; secretToken?: string; maxConnections: number };
  queue: QueuedUpdate[];
  nextUpdateId: number;
  /** User ids that blocked this bot (sendMessage → 403). */
  blockedBy: Set<number>;
  lastError?: { date: number; message: string };
}

export interface ChatState {
  chat: TgChat;
  linkedChatId?: number;
  /** user or bot id → status. */
  members: Map<number, MemberStatus>;
  messages: Map<number, TgMessage>;
  nextMessageId: number;
  /** Which bot a private chat belongs to (private chats are per bot). */
  botId?: number;
  deleted: Set<number>;
}

/** A business account that connected the bot: its private chats reach the bot as business_message. */
export interface BusinessConnection {
  id: string;
  user: TgUser;
  user_chat_id: number;
  botToken: string;
  date: number;
  can_reply: boolean;
  is_enabled: boolean;
}

export interface OutboxEntry {
  seq: number;
  at: number;
  botId: number;
  method: string;
  chatId: number;
  messageId?: number;
  text?: string;
  params: Record<string, unknown>;
}

/** A Bot API error: the server answers `{ok:false,error_code,description,parameters}` with that status. */
export class TgApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
  }
}

export const badRequest = (what: string) => new TgApiError(400, `Bad Request: ${what}`);
export const forbidden = (what: string) => new TgApiError(403, `Forbidden: ${what}`);
