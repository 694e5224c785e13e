import type { NormalizedItem } from '../connectors/connector';

/**
 * Threading rules (pure): which conversation an item belongs to.
 *
 * - Private messages (`kind: 'message'`): the platform thread is the DM peer, so one conversation
 *   per peer whoever writes (customer or brand).
 * - Everything public (comments, board posts, visitor posts, mentions, reviews): one conversation
 *   per author per platform thread, so two people under one post are two conversations with
 *   their own SLA clocks.
 * - The brand's own public items (its posts, its replies) open no conversation: a reply joins the
 *   conversation of the item it answers (resolved by the caller through `parentExternalId`).
 */
export type Direction = 'inbound' | 'outbound';

export function directionOf(item: Pick<NormalizedItem, 'author'>): Direction {
  return item.author.isBrand ? 'outbound' : 'inbound';
}

export function isPrivateThread(item: Pick<NormalizedItem, 'kind'>): boolean {
  return item.kind === 'message';
}

/**
 * The conversation thread key, or `undefined` when the item opens no conversation by itself
 * (brand items in public threads: they follow their parent).
 */
export function threadKeyOf(
  item: Pick<NormalizedItem, 'kind' | 'threadExternalId' | 'author'>,
): string | undefined {
  if (isPrivateThread(item)) return item.threadExternalId;
  if (directionOf(item) === 'outbound') return undefined;
  return publicThreadKey(item.threadExternalId, item.author.externalId);
}

export function publicThreadKey(threadExternalId: string, authorExternalId: string): string {
  return `${threadExternalId}|${authorExternalId}`;
}
