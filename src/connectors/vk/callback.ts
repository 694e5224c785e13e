/**
 * Callback API mode, for users with a public URL: a pure handler the ingest route mounts.
 * VK POSTs `{type, object, group_id, event_id, secret}`; we answer the confirmation string to
 * `confirmation`, 403 to a wrong or missing secret (callback mode needs one), `ok` otherwise (VK
 * retries anything else).
 * Dedupe by `eventId` (and by natural key in the database).
 */
import { timingSafeEqual } from 'node:crypto';
import { NormalizedItem } from '../connector';
import { normalizeEvent } from './normalize';

export interface VkCallbackConfig {
  secret?: string;
  confirmation?: string;
  /** When set, events for another community are refused. */
  groupId?: number;
  includeBrand?: boolean;
}

export interface VkCallbackResult {
  status: number;
  body: string;
  items: NormalizedItem[];
  eventId?: string;
}

export function handleVkCallback(body: unknown, config: VkCallbackConfig): VkCallbackResult {
  const none = (status: number, text: string): VkCallbackResult => ({ status, body: text, items: [] });
  if (!body || typeof body !== 'object' || typeof (body as { type?: unknown }).type !== 'string')
    return none(400, 'bad request');
  const event = body as {
    type: string;
    object?: Record<string, any>;
    group_id?: number;
    event_id?: string;
    secret?: string;
  };
  // The route is public: without a configured secret anyone who knows the source id could push
  // items, so a source without one takes no Callback API events at all.
  if (!config.secret || !sameSecret(event.secret, config.secret)) return none(403, 'forbidden');
  const groupId = Math.abs(Number(event.group_id ?? config.groupId ?? 0));
  if (config.groupId && groupId !== Math.abs(config.groupId)) return none(403, 'forbidden');
  if (event.type === 'confirmation') {
    return config.confirmation
      ? none(200, config.confirmation)
      : none(500, 'confirmation code is not configured');
  }
  const item = normalizeEvent({ groupId, includeBrand: config.includeBrand }, event.type, event.object ?? {});
  return {
    status: 200,
    body: 'ok',
    items: item ? [item] : [],
    ...(event.event_id ? { eventId: event.event_id } : {}),
  };
}

function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
