import { i18n, intlLocale } from '../i18n';

/**
 * Dates and times in the user's time zone (the browser's, via Intl) and language. Pure helpers:
 * `now` is passed in so tests and ticking countdowns agree on it.
 */
const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = intlLocale() + JSON.stringify(opts);
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(intlLocale(), opts)));
  return f;
}

export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** 14:05 today, "25 нояб., 14:05" otherwise. */
export function formatTime(iso: string | null | undefined, now = new Date()): string {
  const d = parse(iso);
  if (!d) return '';
  const sameDay = fmt({ dateStyle: 'short' }).format(d) === fmt({ dateStyle: 'short' }).format(now);
  return sameDay
    ? fmt({ hour: '2-digit', minute: '2-digit' }).format(d)
    : fmt({ day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(d);
}

export function formatFull(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? fmt({ dateStyle: 'medium', timeStyle: 'short' }).format(d) : '';
}

/** 42 мин · 2 ч 05 мин · 3 д 4 ч */
export function formatDuration(ms: number): string {
  const totalMin = Math.floor(Math.abs(ms) / 60000);
  if (totalMin < 1) return i18n.t('dur.lt1m');
  const d = Math.floor(totalMin / 1440);
  const h = Math.floor((totalMin % 1440) / 60);
  const m = totalMin % 60;
  if (d > 0) return i18n.t('dur.dh', { d, h });
  if (h > 0) return i18n.t('dur.hm', { h, m: String(m).padStart(2, '0') });
  return i18n.t('dur.m', { m });
}
