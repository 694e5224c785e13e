import { i18n } from '../i18n';
import { formatDuration } from '../lib/time';

/** Amber when less than this share of the response window is left. */
export const WARN_SHARE = 0.2;

export type UrgencyLevel = 'breached' | 'warn' | 'ok' | 'none';
export interface Urgency {
  level: UrgencyLevel;
  remainingMs: number | null;
}

export interface Deadline {
  dueAt: string | null;
  slaStartedAt: string | null;
  slaBreachedAt: string | null;
  status: string;
}

/**
 * How urgent a conversation is right now (pure):
 *   breached — past the deadline, or the server recorded a breach while it is open;
 *   warn     — under 20 % of the window (SLA start → due) left;
 *   ok       — otherwise; none — no deadline (spam, chatter, answered).
 */
export function urgency(c: Deadline, now = Date.now()): Urgency {
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

/** "осталось 42 мин" / "просрочено на 5 мин" / "без срока". */
export function urgencyText(u: Urgency): string {
  if (u.level === 'none') return i18n.t('urgency.none');
  if (u.remainingMs === null) return i18n.t('urgency.breached');
  return u.remainingMs <= 0
    ? i18n.t('urgency.overdue', { d: formatDuration(u.remainingMs) })
    : i18n.t('urgency.left', { d: formatDuration(u.remainingMs) });
}

/** Short countdown for the queue: "42 мин", "−12 мин", or nothing. */
export function urgencyShort(u: Urgency): string {
  if (u.level === 'none' || u.remainingMs === null) return '';
  return (u.remainingMs <= 0 ? '−' : '') + formatDuration(u.remainingMs);
}
