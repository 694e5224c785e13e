/**
 * The report page's whole state lives in the URL (shareable, back button works): tab, date range
 * (inclusive days in the report's zone), time zone, comparison and granularity. Pure functions.
 */
export const TABS = ['brand', 'topics', 'care', 'forecast'] as const;
export type Tab = (typeof TABS)[number];
export const GRANULARITIES = ['hour', 'day', 'week'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export interface ReportState {
  tab: Tab;
  /** first day, YYYY-MM-DD */
  from: string;
  /** last day (inclusive), YYYY-MM-DD */
  to: string;
  /** IANA zone; '' = the company's */
  tz: string;
  compare: 'previous' | 'none';
  granularity: Granularity;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ZONE = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/;

/** Today's date in a zone as YYYY-MM-DD (Intl; en-CA formats ISO-like). */
export function todayIn(zone: string | undefined, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone: zone || undefined,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Reads the state from the URL; anything missing or malformed takes its default (the last 30 days). */
export function readState(params: URLSearchParams, companyZone: string, now = new Date()): ReportState {
  const tzParam = params.get('tz') ?? '';
  const tz = ZONE.test(tzParam) ? tzParam : '';
  const today = todayIn(tz || companyZone, now);
  const toParam = params.get('to') ?? '';
  const to = DAY.test(toParam) ? toParam : today;
  const fromParam = params.get('from') ?? '';
  let from = DAY.test(fromParam) ? fromParam : addDays(to, -29);
  if (from > to) from = to;
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'brand';
  const g = params.get('granularity') ?? '';
  const granularity = (GRANULARITIES as readonly string[]).includes(g)
    ? (g as Granularity)
    : defaultGranularity(from, to);
  return { tab, from, to, tz, compare: params.get('compare') === 'none' ? 'none' : 'previous', granularity };
}

/** Hours for up to 3 days, days up to 120, weeks beyond. */
export function defaultGranularity(from: string, to: string): Granularity {
  const n = daysBetween(from, to);
  return n <= 3 ? 'hour' : n <= 120 ? 'day' : 'week';
}

/** The URL query for a state (only what differs from nothing: every field is explicit). */
export function writeState(s: ReportState): URLSearchParams {
  const p = new URLSearchParams();
  p.set('tab', s.tab);
  p.set('from', s.from);
  p.set('to', s.to);
  if (s.tz) p.set('tz', s.tz);
  p.set('compare', s.compare);
  p.set('granularity', s.granularity);
  return p;
}

/** The API's range parameters: `to` is exclusive there (the day after the last one). */
export function apiRange(
  s: ReportState,
  opts: { granularity?: Granularity | null; compare?: boolean } = {},
): { from: string; to: string } & Record<string, string> {
  const out: { from: string; to: string } & Record<string, string> = { from: s.from, to: addDays(s.to, 1) };
  if (s.tz) out.tz = s.tz;
  const g = opts.granularity === undefined ? s.granularity : opts.granularity;
  if (g) out.granularity = g;
  if (opts.compare !== false) out.compare = s.compare;
  return out;
}

/** Hourly buckets over a long range are refused by the server (at most 2,400 points): fall back. */
export function safeGranularity(s: ReportState): Granularity {
  const n = daysBetween(s.from, s.to);
  if (s.granularity === 'hour' && n > 90) return 'day';
  return s.granularity;
}
