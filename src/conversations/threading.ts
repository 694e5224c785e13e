import type { NormalizedItem } from '../connectors/connector';

/**
 * Threading rules (pure): which conversation an item belongs to.
 *
 * - Private messages: the platform thread identifies the peer (Telegram private chat id = user
 *   id, VK `dm:<peer>`), so there is one conversation per peer whoever writes.
 * - Everything public (comments, board posts, visitor posts, mentions, reviews, group-chat
 *   messages): one conversation per author per platform thread, so two people under one post
 *   are two conversations with their own SLA clocks.
 * - The brand's own items never open a conversation: a brand message joins the peer's private
 *   conversation if there is one, and any other brand item joins the conversation of the item it
 *   answers (`parentExternalId`); the brand's posts belong to none.
 */
export type Direction = 'inbound' | 'outbound';

export interface ThreadPlacement {
  key: string;
  /** Whether this item may create the conversation (only customer items do). */
  opens: boolean;
}

export function directionOf(item: Pick<NormalizedItem, 'author'>): Direction {
  return item.author.isBrand ? 'outbound' : 'inbound';
}

/** A customer's message in a thread that is the customer themself: a private chat. */
export function isPrivateThread(item: Pick<NormalizedItem, 'kind' | 'threadExternalId' | 'author'>): boolean {
  if (item.kind !== 'message') return false;
  const t = item.threadExternalId;
  const a = item.author.externalId;
  return t === a || t.endsWith(`:${a}`);
}

export function placeInThread(
  item: Pick<NormalizedItem, 'kind' | 'threadExternalId' | 'author'>,
): ThreadPlacement | undefined {
  if (directionOf(item) === 'outbound') {
    return item.kind === 'message' ? { key: item.threadExternalId, opens: false } : undefined;
  }
  if (isPrivateThread(item)) return { key: item.threadExternalId, opens: true };
  return { key: publicThreadKey(item.threadExternalId, item.author.externalId), opens: true };
}

export function publicThreadKey(threadExternalId: string, authorExternalId: string): string {
  return `${threadExternalId}|${authorExternalId}`;
}
