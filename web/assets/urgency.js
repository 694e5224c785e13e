import { lang, t } from './i18n.js';

/** Amber when less than this share of the response window is left. */
export const WARN_SHARE = 0.2;

/**
 * How urgent a conversation is right now (pure):
 *   breached — past the deadline, or the server recorded a breach;
 *   warn     — under 20 % of the window (sla start → due) left;
 *   ok       — otherwise; none — no deadline (spam, chatter, answered).
 */
export function urgency(c, now = Date.now()) {
  const due = c.dueAt ? Date.parse(c.dueAt) : NaN;
  if (Number.isNaN(due))
    return { level: c.slaBreachedAt && c.status === 'open' ? 'breached' : 'none', remainingMs: null };
  const remainingMs = due - now;
  if (remainingMs <= 0) return { level: 'breached', remainingMs };
  const start = c.slaStartedAt ? Date.parse(c.slaStartedAt) : NaN;
  const total = due - start;
  if (!Number.isNaN(start) && total > 0 && remainingMs / total < WARN_SHARE)
    return { level: 'warn', remainingMs };
  return { level: 'ok', remainingMs };
}

/** 42 мин · 2 ч 05 мин · 3 д 4 ч */
export function formatDuration(ms) {
  const totalMin = Math.floor(Math.abs(ms) / 60000);
  if (totalMin < 1) return t('dur.lt1m');
  const d = Math.floor(totalMin / 1440);
  const h = Math.floor((totalMin % 1440) / 60);
  const m = totalMin % 60;
  if (d > 0) return t('dur.dh', { d, h });
  if (h > 0) return t('dur.hm', { h, m: String(m).padStart(2, '0') });
  return t('dur.m', { m });
}

export function urgencyText(u) {
  if (u.level === 'none') return t('urgency.none');
  if (u.remainingMs === null) return t('urgency.breachedTitle');
  return u.remainingMs <= 0
    ? t('urgency.overdue', { d: formatDuration(u.remainingMs) })
    : t('urgency.left', { d: formatDuration(u.remainingMs) });
}

/** Short countdown for the queue: "42 мин", "−12 мин". */
export function urgencyShort(u) {
  if (u.level === 'none' || u.remainingMs === null) return '';
  return (u.remainingMs <= 0 ? '−' : '') + formatDuration(u.remainingMs);
}

const fmtCache = new Map();
function fmt(opts) {
  const key = lang() + JSON.stringify(opts);
  if (!fmtCache.has(key))
    fmtCache.set(key, new Intl.DateTimeFormat(lang() === 'ru' ? 'ru-RU' : 'en-GB', opts));
  return fmtCache.get(key);
}

/** 14:05 today, "25 нояб., 14:05" otherwise. */
export function formatTime(iso, now = new Date()) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const sameDay = d.toDateString() === now.toDateString();
  return sameDay
    ? fmt({ hour: '2-digit', minute: '2-digit' }).format(d)
    : fmt({ day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(d);
}

export function formatFull(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : fmt({ dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
