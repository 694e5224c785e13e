/** The VK emulator's stored objects, as VK's API returns them (plus a few internal fields). */

export const API_VERSION = '5.199';

/** Peer ids of group chats ("беседы") start here: peer_id = 2000000000 + local chat id. */
export const CHAT_PEER_BASE = 2_000_000_000;
export const isChatPeer = (peerId: number) => peerId > CHAT_PEER_BASE;

export type TokenKind = 'user' | 'group' | 'service';

export interface VkToken {
  token: string;
  kind: TokenKind;
  groupId?: number;
  userId?: number;
  /** Access rights of a user token (`photos`, `video`, `market`, `wall`, `groups`, …); unset = all. */
  scope?: string[];
  /** Requests per second allowed for this token (error 6 above it). */
  rps: number;
  revoked: boolean;
}

export interface VkCommunity {
  id: number;
  name: string;
  screen_name: string;
  type: 'page' | 'group';
  is_closed: 0;
}

/** The objects whose comments a community answers besides its wall: photos, videos, products. */
export type MediaKind = 'photo' | 'video' | 'market';

export interface VkMediaObject {
  kind: MediaKind;
  id: number;
  owner_id: number;
  date: number;
  title: string;
  /** The owner closed comments (video 801, market 1401). */
  commentsClosed?: boolean;
}

/** A comment under a photo, video or product (VK's wall_comment object). */
export interface VkMediaComment {
  id: number;
  from_id: number;
  date: number;
  text: string;
  parents_stack: number[];
  reply_to_comment?: number;
  reply_to_user?: number;
}

export interface VkUser {
  id: number;
  first_name: string;
  last_name: string;
  /** Returned with `fields=screen_name`; VK answers `id<N>` for people without a short name. */
  screen_name?: string;
}

export interface VkPost {
  id: number;
  owner_id: number;
  from_id: number;
  created_by?: number;
  date: number;
  text: string;
  post_type: 'post';
}

export interface VkComment {
  id: number;
  owner_id: number;
  post_id: number;
  from_id: number;
  date: number;
  text: string;
  reply_to_comment?: number;
  reply_to_user?: number;
  parents_stack: number[];
}

export interface VkTopic {
  id: number;
  group_id: number;
  title: string;
  created: number;
  updated: number;
}

export interface VkBoardComment {
  id: number;
  group_id: number;
  topic_id: number;
  from_id: number;
  date: number;
  text: string;
}

export interface VkMessage {
  /** 0 in group chats for a community token: VK gives bots no message ids there (vk-io #308). */
  id: number;
  date: number;
  peer_id: number;
  from_id: number;
  out: 0 | 1;
  text: string;
  conversation_message_id: number;
  /** VK's change counter of the dialog at this message (required in 5.199's message object). */
  version: number;
  random_id: number;
  attachments: unknown[];
  fwd_messages: unknown[];
  /** The message this one answers (messages.send `forward` with `is_reply`). */
  reply_message?: Omit<VkMessage, 'reply_message'>;
}

export interface VkConversation {
  groupId: number;
  peerId: number;
  messages: VkMessage[];
  inRead: number;
  outRead: number;
  /** The user allowed messages from the community (wrote first or subscribed). */
  allowed: boolean;
  /** Global order of the last message (chat messages all have id 0, so ids cannot order dialogs). */
  lastSeq: number;
}

export interface OutboxEntry {
  seq: number;
  at: number;
  method: string;
  tokenKind: TokenKind;
  params: Record<string, string>;
  result: unknown;
}

export interface LpEvent {
  seq: number;
  group_id: number;
  type: string;
  event_id: string;
  v: string;
  object: unknown;
}

export interface RequestLogEntry {
  at: number;
  method: string;
  token?: string;
  tokenKind?: TokenKind;
  params: Record<string, string>;
  errorCode?: number;
  httpStatus?: number;
}

/** A VK API error as the methods raise it; the server turns it into `{error:{…}}`. */
export class VkApiError extends Error {
  constructor(
    readonly code: number,
    readonly msg: string,
  ) {
    super(`VK error ${code}: ${msg}`);
  }
}
