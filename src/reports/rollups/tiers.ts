import { DateTime } from 'luxon';
import type { ItemWindow } from './item-rollups.repository';

/**
 * Which rows a rollup query reads: whole local days from a day tier (migration
 * 1732601500000-ReportDayTiers: days in the company's zone), the hours at the edges of each period
 * from the hour rollup, and the unfolded deltas. The day tier is used only when its zone is the
 * request's (checked in the same statement, so a zone change mid-request cannot mix the two), and
 * only when the query's buckets are whole days (`dayAligned`: day or week buckets, or none).
 */
export interface TierPlan {
  zone: string;
  /** [from, to) spans of whole local days in `zone` */
  days: [Date, Date][];
  /** [from, to) spans read from the hours whatever the tier's zone */
  hours: [Date, Date][];
}

export function tierPlan(w: ItemWindow, dayAligned: boolean): TierPlan {
  const periods: [Date, Date][] =
    w.prevFrom < w.from
      ? [
          [w.prevFrom, w.from],
          [w.from, w.to],
        ]
      : [[w.from, w.to]];
  const plan: TierPlan = { zone: w.timeZone, days: [], hours: [] };
  for (const [a, b] of periods) {
    if (!dayAligned) {
      plan.hours.push([a, b]);
      continue;
    }
    const start = DateTime.fromJSDate(a, { zone: w.timeZone }).startOf('day');
    const first = start.toMillis() === a.getTime() ? a : start.plus({ days: 1 }).toJSDate();
    const last = DateTime.fromJSDate(b, { zone: w.timeZone }).startOf('day').toJSDate();
    if (first >= last) {
      plan.hours.push([a, b]);
      continue;
    }
    if (a < first) plan.hours.push([a, first]);
    plan.days.push([first, last]);
    if (last < b) plan.hours.push([last, b]);
  }
  // adjacent spans (the previous period ends where the current one starts) are one index range
  return { zone: plan.zone, days: merged(plan.days), hours: merged(plan.hours) };
}

function merged(spans: [Date, Date][]): [Date, Date][] {
  const out: [Date, Date][] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && last[1].getTime() === s[0].getTime()) last[1] = s[1];
    else out.push([s[0], s[1]]);
  }
  return out;
}

export interface TieredTables {
  hours: string;
  days: string;
  delta: string;
  /** the columns read, `hour` among them (a day tier's `day` is read as `hour`) */
  cols: string[];
  /** ` AND …` filters, on columns every table has */
  where: string;
}

/**
 * `(SELECT … UNION ALL …) r` over the plan; `params` gets the spans and the zone. The window's
 * deltas are read whole (`window`: the placeholders of its bounds, `$1` and `$3` by convention).
 */
export function tieredSource(
  t: TieredTables,
  plan: TierPlan,
  window: [string, string],
  params: unknown[],
): string {
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const zone = plan.days.length ? p(plan.zone) : '';
  const tierZone = `(SELECT time_zone FROM report_tier_state)`;
  const cols = t.cols.join(', ');
  const dayCols = t.cols.map((c) => (c === 'hour' ? 'day AS hour' : c)).join(', ');
  const parts: string[] = [];
  for (const [lo, hi] of plan.days) {
    const [l, h] = [p(lo), p(hi)];
    parts.push(
      `SELECT ${dayCols} FROM ${t.days} WHERE day >= ${l} AND day < ${h} AND ${tierZone} = ${zone} ${t.where}`,
      // the same span from the hours when the tier is kept in another zone
      `SELECT ${cols} FROM ${t.hours} WHERE hour >= ${l} AND hour < ${h} AND ${tierZone} IS DISTINCT FROM ${zone} ${t.where}`,
    );
  }
  for (const [lo, hi] of plan.hours)
    parts.push(`SELECT ${cols} FROM ${t.hours} WHERE hour >= ${p(lo)} AND hour < ${p(hi)} ${t.where}`);
  parts.push(`SELECT ${cols} FROM ${t.delta} WHERE hour >= ${window[0]} AND hour < ${window[1]} ${t.where}`);
  return `(${parts.join('\n UNION ALL ')}) r`;
}
