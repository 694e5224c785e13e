/**
 * YouTube's quota arithmetic (pure): the quota day starts at midnight Pacific time; each call has
 * a cost (list 1, insert 50); polling spends at most `readShare` of the day's quota, spread over
 * the day, so replies always have quota left.
 */
import { DateTime } from 'luxon';
import type { QuotaUsage, QuotaView } from '../connector';

export const YOUTUBE_ZONE = 'America/Los_Angeles';
export const COSTS = { list: 1, insert: 50 } as const;
/** Polling may run ahead of an even spread over the day by this share of its budget. */
export const READ_BURST_SHARE = 0.25;

export function quotaDay(now: Date): string {
  return DateTime.fromJSDate(now, { zone: YOUTUBE_ZONE }).toISODate()!;
}

export function quotaResetAt(now: Date): Date {
  return DateTime.fromJSDate(now, { zone: YOUTUBE_ZONE }).startOf('day').plus({ days: 1 }).toJSDate();
}

/** Units spent today (0 when the stored usage is from an earlier day). */
export function usedToday(usage: QuotaUsage | null, now: Date): number {
  return usage && usage.day === quotaDay(now) ? usage.used : 0;
}

export function readBudget(limit: number, share: number): number {
  return Math.floor(limit * share);
}

/**
 * Whether polling may spend `units` more now: within the day's read budget, and not more than an
 * even spread over the day so far plus a burst (so a busy morning cannot starve the evening).
 */
export function readAllowance(input: {
  used: number;
  units: number;
  limit: number;
  share: number;
  now: Date;
}): 'ok' | 'pace' | 'spent' {
  const budget = readBudget(input.limit, input.share);
  if (input.used + input.units > budget) return 'spent';
  const start = DateTime.fromJSDate(input.now, { zone: YOUTUBE_ZONE }).startOf('day');
  const elapsed =
    (input.now.getTime() - start.toMillis()) / (quotaResetAt(input.now).getTime() - start.toMillis());
  const allowed = budget * elapsed + budget * READ_BURST_SHARE;
  return input.used + input.units > allowed ? 'pace' : 'ok';
}

export function quotaView(limit: number, share: number, usage: QuotaUsage | null, now: Date): QuotaView {
  const used = usedToday(usage, now);
  return {
    day: quotaDay(now),
    limit,
    used,
    remaining: Math.max(0, limit - used),
    readBudget: readBudget(limit, share),
    resetsAt: quotaResetAt(now).toISOString(),
  };
}
