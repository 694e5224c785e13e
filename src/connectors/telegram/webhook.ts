import { timingSafeEqual } from 'node:crypto';
import type { NormalizedItem } from '../connector';
import { DiscussionThreads, mapUpdate } from './mapping';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export interface TelegramWebhookResult {
  /** HTTP status to answer once `items` are stored; answer 5xx instead if storing fails, so Telegram redelivers. */
  status: number;
  items: NormalizedItem[];
  updateId?: number;
  /** Store with the items when present: what the discussion-thread memory learnt (see DiscussionThreads). */
  cursors?: Record<string, unknown>;
  error?: string;
}

/**
 * Webhook mode, as a pure function the ingest HTTP layer mounts: checks
 * `X-Telegram-Bot-Api-Secret-Token`, parses the Update and maps it. The same update redelivered
 * maps to the same externalIds, so the idempotent upsert stores it once.
 */
export function handleTelegramWebhook(
  headers: Record<string, string | string[] | undefined>,
  body: unknown,
  opts: { secretToken?: string; threads?: DiscussionThreads },
): TelegramWebhookResult {
  // The route is public: a source with no secret_token takes no webhook updates at all.
  if (!opts.secretToken || !sameSecret(header(headers, SECRET_HEADER), opts.secretToken)) {
    return { status: 403, items: [], error: 'bad secret token' };
  }
  let update: unknown = body;
  try {
    if (Buffer.isBuffer(update)) update = update.toString('utf8');
    if (typeof update === 'string') update = JSON.parse(update);
  } catch {
    return { status: 400, items: [], error: 'body is not JSON' };
  }
  if (!update || typeof update !== 'object' || !Number.isInteger((update as any).update_id)) {
    return { status: 400, items: [], error: 'not a Telegram Update' };
  }
  try {
    const threads = opts.threads ?? new DiscussionThreads();
    const items = mapUpdate(update as Record<string, any>, threads);
    const learnt = threads.takeCursor();
    return {
      status: 200,
      items,
      updateId: (update as any).update_id,
      ...(learnt ? { cursors: { discussionThreads: learnt } } : {}),
    };
  } catch (err) {
    return { status: 400, items: [], error: `malformed update: ${(err as Error).message}` };
  }
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const v = key === undefined ? undefined : headers[key];
  return Array.isArray(v) ? v[0] : v;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
