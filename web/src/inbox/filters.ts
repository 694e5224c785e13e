import type { QueueRow } from '../api/client';
import { TABS, WHO, type QueueFilter, type QueueStatus, type Who } from '../api/queries';
import { filtersFrom } from './search/queue-filters';

const FILTER_KEY = 'otklik.filter'; // the last tab: a UI preference, no data

function saved(): Partial<QueueFilter> {
  try {
    return JSON.parse(localStorage.getItem(FILTER_KEY) ?? '{}') as Partial<QueueFilter>;
  } catch {
    return {};
  }
}

/**
 * The queue filter from the URL (linkable), else the last tab used on this device, else open/all;
 * search words and filters come from the URL only.
 */
export function filterFrom(params: URLSearchParams): QueueFilter {
  const last = saved();
  const status = params.get('status') ?? last.status;
  const who = params.get('who') ?? last.who;
  return {
    status: TABS.includes(status as QueueStatus) ? (status as QueueStatus) : 'open',
    who: (WHO as readonly string[]).includes(who ?? '') ? (who as Who) : 'all',
    filters: filtersFrom(params),
  };
}

export function rememberFilter(f: QueueFilter): void {
  try {
    localStorage.setItem(FILTER_KEY, JSON.stringify({ status: f.status, who: f.who }));
  } catch {
    /* storage disabled */
  }
}

/** The first line of the newest message, for the one-line preview. */
export function previewOf(c: Pick<QueueRow, 'lastText' | 'lastDirection'>): string | null {
  const first = String(c.lastText ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .find(Boolean);
  return first ?? null;
}

/** The customer's name as the platform gave it; never markup. */
export function authorOf(c: Pick<QueueRow, 'contact' | 'subject' | 'sourceName'>): string {
  const ct = c.contact;
  return ct?.displayName || (ct?.username ? `@${ct.username}` : '') || c.subject || c.sourceName || '—';
}

/** The search box narrows the loaded queue: name, username, text, source (case-insensitive). */
export function matchesSearch(c: QueueRow, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  return [c.contact?.displayName, c.contact?.username, c.lastText, c.subject, c.sourceName]
    .filter(Boolean)
    .some((v) => String(v).toLowerCase().includes(needle));
}

/** The row `step` away from `id` (j/k), clamped to the list. */
export function neighbour(ids: readonly string[], id: string | undefined, step: number): string | undefined {
  if (ids.length === 0) return undefined;
  // nothing picked yet: the cursor rests on the first row
  const i = id ? ids.indexOf(id) : 0;
  if (i < 0) return ids[0];
  return ids[Math.max(0, Math.min(ids.length - 1, i + step))];
}
