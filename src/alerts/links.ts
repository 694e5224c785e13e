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

/** Where each view lives in the web app. */
const PATHS: Record<InboxFilter['view'], string> = {
  inbox: '/inbox',
  sources: '/alerts/sources',
  alerts: '/alerts',
};

/**
 * The button's address: the web app's route for the view, the filter in the inbox's own query
 * names (GET /api/conversations and the inbox URL: status, q, platform, sourceId, sentiment,
 * sla = on_track | at_risk | breached, tagId, from, to) and `alert=<id>`. One conversation opens
 * as /inbox/<id>. Filters stored before these names (sla `due_soon`, `conversationId` as a
 * parameter) are translated, so old alerts' links still land.
 */
export function otklikUrl(base: string, filter: InboxFilter, alertId?: string): string {
  const { view, conversationId, ...rest } = filter;
  let path = PATHS[view] ?? '/inbox';
  if (view === 'inbox' && conversationId) path = `/inbox/${encodeURIComponent(conversationId)}`;
  const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
  for (const [k, v] of Object.entries(rest)) {
    if (v === undefined || v === null || v === '') continue;
    url.searchParams.set(k, k === 'sla' && v === 'due_soon' ? 'at_risk' : String(v));
  }
  if (alertId) url.searchParams.set('alert', alertId);
  return url.toString();
}
