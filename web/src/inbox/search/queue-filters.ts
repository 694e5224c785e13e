/**
 * The queue's search and filters as URL parameters (the URL holds the state, so a filtered queue
 * is linkable and survives a reload) and as a saved view's filters. Names are the API's
 * (GET /api/conversations): status and assignee come from the tabs (status, who) in the URL.
 */
export const FILTER_KEYS = [
  'q',
  'platform',
  'sourceId',
  'sentiment',
  'intent',
  'sla',
  'language',
  'tagId',
  'teamId',
  'from',
  'to',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export const PLATFORMS = ['vk', 'telegram', 'youtube', 'webhook'] as const;
export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export const SLA_STATES = ['on_track', 'at_risk', 'breached'] as const;
export const LANGUAGES = ['ru', 'en', 'mixed', 'translit', 'other'] as const;

/** The filters in a URL (empty values dropped; unknown keys ignored). */
export function filtersFrom(params: URLSearchParams): Filters {
  const out: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k)?.trim();
    if (v) out[k] = v;
  }
  return out;
}

/** The URL with these filters in place of the old ones (other parameters kept). */
export function withFilters(params: URLSearchParams, f: Filters): URLSearchParams {
  const p = new URLSearchParams(params);
  for (const k of FILTER_KEYS) {
    const v = f[k]?.trim();
    if (v) p.set(k, v);
    else p.delete(k);
  }
  return p;
}

export function activeCount(f: Filters): number {
  return FILTER_KEYS.filter((k) => k !== 'q' && f[k]).length;
}

export type Who = 'all' | 'mine' | 'unassigned';

/** A saved view's filters → what the URL holds: tabs (status, who) and the filters. */
export function viewToUrl(view: Record<string, string | undefined>): {
  status: string;
  who: Who;
  filters: Filters;
} {
  const who: Who = view.assignee === 'me' ? 'mine' : view.assignee === 'unassigned' ? 'unassigned' : 'all';
  const filters: Filters = {};
  for (const k of FILTER_KEYS) if (view[k]) filters[k] = view[k];
  return { status: view.status ?? 'open', who, filters };
}

/** What the URL holds → a saved view's filters (the API's names). */
export function urlToView(status: string, who: Who, f: Filters): Record<string, string> {
  const out: Record<string, string> = { status };
  if (who === 'mine') out.assignee = 'me';
  if (who === 'unassigned') out.assignee = 'unassigned';
  for (const k of FILTER_KEYS) if (f[k]) out[k] = f[k]!;
  return out;
}

/** A date input's yyyy-mm-dd as the start of that day in the reader's zone (ISO), and back. */
export function dayToIso(day: string, endOfDay = false): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + (endOfDay ? 1 : 0));
  return d.toISOString();
}

export function isoToDay(iso: string | undefined, endOfDay = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  if (endOfDay) d.setDate(d.getDate() - 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "1000+" when the server stopped counting at its cap. */
export function countLabel(count: number, capped: boolean): string {
  return capped ? `${count}+` : String(count);
}
