/**
 * Addresses in alert messages (plain TypeScript): the item on its platform, and the filtered
 * inbox (or source page) in Otklik's web app under PUBLIC_URL.
 */
import { parseVkId } from '../connectors/vk/ids';
import type { InboxFilter } from './alert.types';

export interface LinkableItem {
  platform: string;
  externalId: string;
  /** Telegram: the public @username of the chat, when it has one */
  chatUsername?: string | null;
}

/** The item's public address, or null (direct messages and private chats have none). */
export function platformUrl(item: LinkableItem): string | null {
  if (item.platform === 'vk') {
    const id = parseVkId(item.externalId);
    switch (id.type) {
      case 'wall_post':
      case 'mention':
        return `https://vk.com/wall${id.ownerId}_${id.postId}`;
      case 'wall_comment':
        return `https://vk.com/wall${id.ownerId}_${id.postId}?reply=${id.commentId}`;
      case 'board':
        return `https://vk.com/topic-${id.groupId}_${id.topicId}?post=${id.commentId}`;
      default:
        return null;
    }
  }
  if (item.platform === 'telegram') {
    const m = /^(-?\d+):(\d+)$/.exec(item.externalId);
    if (!m) return null;
    const [, chat, message] = m;
    if (item.chatUsername && /^[A-Za-z0-9_]{4,32}$/.test(item.chatUsername))
      return `https://t.me/${item.chatUsername}/${message}`;
    // Supergroups and channels without a username: a link that works for their members.
    if (chat.startsWith('-100')) return `https://t.me/c/${chat.slice(4)}/${message}`;
    return null;
  }
  return null;
}

/**
 * The button's address: `<PUBLIC_URL>/<view>?<filter>&alert=<id>`. The web app reads these
 * query parameters (sentiment, sourceId, platform, q, sla, from, to, conversationId).
 */
export function otklikUrl(base: string, filter: InboxFilter, alertId?: string): string {
  const url = new URL(`/${filter.view}`, base.endsWith('/') ? base : `${base}/`);
  for (const [k, v] of Object.entries(filter)) {
    if (k !== 'view' && v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  }
  if (alertId) url.searchParams.set('alert', alertId);
  return url.toString();
}
