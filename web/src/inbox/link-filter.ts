/**
 * Filters a link may carry into the inbox (an alert's button in Slack, a report's drill-down):
 * the query names of GET /api/conversations. Only well-formed values pass, so a hand-edited
 * address narrows nothing by mistake and the server never sees junk. `q` stays the queue's own
 * search box and `status` its tab, except `status=all`, which a link uses for "every status".
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHECKS: Record<string, (v: string) => boolean> = {
  status: (v) => v === 'all',
  platform: (v) => /^[a-z][a-z0-9_]{0,31}$/.test(v),
  sourceId: (v) => UUID.test(v),
  sentiment: (v) => ['negative', 'neutral', 'positive'].includes(v),
  sla: (v) => ['on_track', 'at_risk', 'breached'].includes(v),
  tagId: (v) => UUID.test(v),
  teamId: (v) => UUID.test(v),
  intent: (v) => /^[a-z_]{1,40}$/.test(v),
  language: (v) => /^[a-z]{2,10}$/.test(v),
  from: (v) => !Number.isNaN(Date.parse(v)),
  to: (v) => !Number.isNaN(Date.parse(v)),
};
export const LINK_FILTER_KEYS = Object.keys(CHECKS);

export type LinkFilter = Record<string, string>;

export function linkFilterFrom(params: URLSearchParams): LinkFilter {
  const out: LinkFilter = {};
  for (const [k, check] of Object.entries(CHECKS)) {
    const v = params.get(k);
    if (v && check(v)) out[k] = v;
  }
  return out;
}

/** The same address without the link's filter (and the alert it came from). */
export function withoutLinkFilter(params: URLSearchParams): URLSearchParams {
  const p = new URLSearchParams(params);
  for (const k of [...LINK_FILTER_KEYS, 'alert']) p.delete(k);
  return p;
}
