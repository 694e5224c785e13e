/**
 * Addresses in alert messages (plain TypeScript): the item on its platform, and the filtered
 * inbox (or source page) in Otklik's web app under PUBLIC_URL.
 */
import { itemUrl, type LinkableItem } from '../connectors/item-url';
import type { InboxFilter } from './alert.types';

export type { LinkableItem };

/** The item's public address, or null (direct messages and private chats have none). */
export function platformUrl(item: LinkableItem): string | null {
  return itemUrl(item);
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
