/**
 * Quiet hours (plain TypeScript): alerts are recorded at once but their message waits until the
 * quiet hours end, in the rule's time zone. `from` after `to` spans midnight (22:00–08:00).
 */
import { DateTime } from 'luxon';

export interface QuietHours {
  from: string; // HH:MM
  to: string; // HH:MM
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isHhMm(v: unknown): v is string {
  return typeof v === 'string' && HHMM.test(v);
}

/** When the quiet hours around `now` end, or null when `now` is not in quiet hours. */
export function quietUntil(now: Date, quiet: QuietHours | null | undefined, timeZone: string): Date | null {
  if (!quiet || !isHhMm(quiet.from) || !isHhMm(quiet.to) || quiet.from === quiet.to) return null;
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) return null;
  const at = (day: DateTime, hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return day.set({ hour: h, minute: m, second: 0, millisecond: 0 });
  };
  const today = local.startOf('day');
  // The quiet span that started today or yesterday and may still run.
  for (const start of [at(today, quiet.from), at(today.minus({ days: 1 }), quiet.from)]) {
    let end = at(start.startOf('day'), quiet.to);
    if (end <= start) end = at(start.startOf('day').plus({ days: 1 }), quiet.to);
    if (local >= start && local < end) return end.toJSDate();
  }
  return null;
}
