import { isStorable } from '../../common/storable-text';
import type { NormalizedItem } from '../connector';

/**
 * The generic webhook item format (docs/webhook-source.md), validated as a whole before anything
 * is stored: one bad item refuses the batch with a message naming it.
 */
export const MAX_ITEMS = 500;
const MAX_TEXT = 20_000;
const MAX_ID = 200;
const KINDS: ReadonlySet<string> = new Set<NormalizedItem['kind']>([
  'post',
  'comment',
  'message',
  'board_post',
  'photo_comment',
  'video_comment',
  'market_comment',
  'channel_post',
  'mention',
  'review',
]);

export type PayloadResult = { ok: true; items: NormalizedItem[] } | { ok: false; error: string };

export function parseWebhookPayload(body: unknown): PayloadResult {
  if (!isObject(body) || !Array.isArray(body.items)) return fail('body must be {"items": [...]}');
  if (body.items.length === 0) return fail('items is empty');
  if (body.items.length > MAX_ITEMS) return fail(`at most ${MAX_ITEMS} items per request`);
  const items: NormalizedItem[] = [];
  for (let i = 0; i < body.items.length; i++) {
    const r = parseItem(body.items[i]);
    if (typeof r === 'string') return fail(`items[${i}]: ${r}`);
    items.push(r);
  }
  return { ok: true, items };
}

function parseItem(x: unknown): NormalizedItem | string {
  if (!isObject(x)) return 'must be an object';
  const id = idOf(x.id);
  if (!id) return `id must be a non-empty string or number (≤ ${MAX_ID} characters)`;
  const kind = x.kind ?? 'message';
  if (typeof kind !== 'string' || !KINDS.has(kind)) return `kind must be one of ${[...KINDS].join(', ')}`;
  if (!isObject(x.author)) return 'author must be an object with an id';
  const authorId = idOf(x.author.id);
  if (!authorId) return 'author.id must be a non-empty string or number';
  if (x.author.name !== undefined && typeof x.author.name !== 'string') return 'author.name must be a string';
  if (x.author.isBrand !== undefined && typeof x.author.isBrand !== 'boolean')
    return 'author.isBrand must be a boolean';
  if (typeof x.text !== 'string') return 'text must be a string';
  if (x.text.length > MAX_TEXT) return `text is longer than ${MAX_TEXT} characters`;
  const createdAt = dateOf(x.createdAt);
  if (!createdAt) return 'createdAt must be an ISO 8601 date-time';
  const editedAt = x.editedAt === undefined ? undefined : dateOf(x.editedAt);
  if (editedAt === null) return 'editedAt must be an ISO 8601 date-time';
  const threadId = x.threadId === undefined ? `chat:${authorId}` : idOf(x.threadId);
  if (!threadId) return 'threadId must be a non-empty string or number';
  const parentId = x.parentId === undefined ? undefined : idOf(x.parentId);
  if (parentId === null) return 'parentId must be a non-empty string or number';
  return {
    externalId: id,
    kind: kind as NormalizedItem['kind'],
    threadExternalId: threadId,
    ...(parentId ? { parentExternalId: parentId } : {}),
    author: {
      externalId: authorId,
      ...(x.author.name ? { name: x.author.name.slice(0, 200) } : {}),
      ...(x.author.isBrand ? { isBrand: true } : {}),
    },
    text: x.text,
    createdAt,
    ...(editedAt ? { editedAt } : {}),
  };
}

function idOf(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  // PostgreSQL cannot store NUL or a lone surrogate, and an id cannot be cleaned (as text and
  // names are, see storableItem) without possibly becoming another item's id.
  if (typeof v === 'string' && v.trim() !== '' && v.length <= MAX_ID && isStorable(v)) return v;
  return null;
}

function dateOf(v: unknown): Date | null {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(v)) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(error: string): PayloadResult {
  return { ok: false, error };
}
