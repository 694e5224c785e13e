import { BadRequestException, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { CompanySettingsRepository } from './company-settings.repository';
import {
  Bucket,
  buckets,
  checkWholeHourOffsets,
  Granularity,
  previousRange,
  ReportRange,
  reportRange,
  ReportRangeError,
} from './domain/time-buckets';
import type { ReportQuery } from './dto/report-query.dto';
import type { DrillFilterView, RangeView } from './dto/report.views';
import type { ItemWindow } from './rollups/item-rollups.repository';

/** A request's range, resolved: the zone (the company's by default), buckets and previous period. */
export interface ResolvedRange {
  range: ReportRange;
  previous: ReportRange | null;
  granularity: Granularity;
  /** what the rollup queries read: [previous.from or from, to) */
  window: ItemWindow;
  current: Bucket[];
  prior: Bucket[];
}

/** Turns a report query into a checked range (400 with the reason otherwise). */
@Injectable()
export class ReportRangeService {
  constructor(private readonly settings: CompanySettingsRepository) {}

  async zone(tz?: string): Promise<string> {
    return tz ?? (await this.settings.get()).timeZone;
  }

  async resolve(q: ReportQuery, fallback: Granularity = 'day'): Promise<ResolvedRange> {
    const zone = await this.zone(q.tz);
    const granularity = q.granularity ?? fallback;
    try {
      const to = q.to ?? DateTime.now().setZone(zone).plus({ days: 1 }).startOf('day').toISO()!;
      const from =
        q.from ??
        (DateTime.fromISO(to, { zone }).isValid
          ? DateTime.fromISO(to, { zone }).minus({ days: 30 }).toISO()!
          : to);
      const range = reportRange(from, to, zone, granularity);
      const previous = q.compare === 'none' ? null : previousRange(range);
      if (previous) checkWholeHourOffsets(previous);
      return {
        range,
        previous,
        granularity,
        window: {
          prevFrom: previous?.from ?? range.from,
          from: range.from,
          to: range.to,
          granularity,
          timeZone: zone,
        },
        current: buckets(range, granularity),
        prior: previous ? buckets(previous, granularity) : [],
      };
    } catch (err) {
      if (err instanceof ReportRangeError) throw new BadRequestException(err.message);
      throw err;
    }
  }
}

export function rangeView(r: ReportRange, granularity: Granularity): RangeView {
  return { from: r.from.toISOString(), to: r.to.toISOString(), timeZone: r.timeZone, granularity };
}

export function pointBase(b: Bucket, _g?: Granularity, _zone?: string) {
  return { start: b.startIso, end: b.endIso, label: b.label };
}

/**
 * drill() for many points of one series: the extra filters are cleaned once, each point's filter
 * is its bucket's times plus them.
 */
export function driller(
  extra: Partial<Omit<DrillFilterView, 'from' | 'to'>> = {},
): (b: Bucket) => DrillFilterView {
  const clean = drill('', '', extra);
  return (b) => ({ ...clean, from: b.startIso, to: b.endIso });
}

/** The inbox filter behind a point or row: every status, the bucket's time and the report's filters. */
export function drill(
  start: Date | string,
  end: Date | string,
  extra: Partial<Omit<DrillFilterView, 'from' | 'to'>> = {},
): DrillFilterView {
  const out: DrillFilterView = {
    from: typeof start === 'string' ? start : start.toISOString(),
    to: typeof end === 'string' ? end : end.toISOString(),
    status: 'all',
  };
  for (const [k, v] of Object.entries(extra))
    if (v !== undefined && v !== null && v !== '') (out as any)[k] = v;
  return out;
}
