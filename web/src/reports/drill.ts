/**
 * Drill-down: every chart point and table row carries the server's `filter` (the query of what it
 * counts). An item-level filter opens the report item list; a conversation-level one (an agent, a
 * breach) can open the inbox.
 */
export interface DrillFilter {
  from: string;
  to: string;
  platform?: string;
  sourceId?: string;
  language?: string;
  sentiment?: string;
  intent?: string;
  tagId?: string;
  assignee?: string;
  term?: string;
  q?: string;
  status?: string;
}

const KEYS = [
  'from',
  'to',
  'platform',
  'sourceId',
  'language',
  'sentiment',
  'intent',
  'tagId',
  'assignee',
  'term',
  'q',
] as const;

/** `/reports/items?...` for a filter (plus the report's zone, so dates read as in the chart). */
export function itemsLink(f: DrillFilter, tz?: string, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const k of KEYS) {
    const v = f[k];
    if (v) p.set(k, v);
  }
  if (tz) p.set('tz', tz);
  for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
  return `/reports/items?${p.toString()}`;
}

/** The item list's API query from its page URL (only the keys the API knows). */
export function itemsApiQuery(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of [...KEYS, 'tz', 'ids'] as const) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  return out;
}

/** A conversation in the inbox. */
export function inboxLink(conversationId: string): string {
  return `/inbox/${encodeURIComponent(conversationId)}`;
}

/** A report's download (the server writes CSV with BOM and neutralised formulas, or XLSX). */
export function exportLink(
  path: string,
  params: Record<string, string | undefined>,
  format: 'csv' | 'xlsx',
): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  p.set('format', format);
  return `${path}?${p.toString()}`;
}
