import { BadRequestException, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { backtest, forecastWeek, hourOfWeek, HOURS_PER_WEEK, toWeeks } from './domain/forecast';
import { agentsNeeded, DEFAULT_STAFFING, StaffingOptions } from './domain/staffing';
import { checkWholeHourOffsets, isValidTimeZone, labeller, ReportRangeError } from './domain/time-buckets';
import type { ForecastQuery } from './dto/report-query.dto';
import type { ForecastReportView } from './dto/report.views';
import { ReportRangeService } from './report-range.service';
import { ReportLookupsRepository } from './report-lookups.repository';
import { columns, ReportResult } from './report-table';
import { ItemRollupsRepository } from './rollups/item-rollups.repository';

/**
 * The coming week's load: items needing an answer per hour (domain/forecast.ts, from the past
 * weeks' hour-of-week pattern and trend) and the agents each hour needs (domain/staffing.ts).
 */
@Injectable()
export class ForecastService {
  constructor(
    private readonly ranges: ReportRangeService,
    private readonly items: ItemRollupsRepository,
    private readonly lookups: ReportLookupsRepository,
  ) {}

  async forecast(q: ForecastQuery, now = new Date()): Promise<ReportResult<ForecastReportView>> {
    const zone = await this.ranges.zone(q.tz);
    if (!isValidTimeZone(zone)) throw new BadRequestException(`unknown time zone "${zone}"`);
    const today = DateTime.fromJSDate(now, { zone });
    const week = q.week
      ? DateTime.fromISO(q.week, { zone }).startOf('week')
      : today.startOf('week').plus({ weeks: 1 });
    if (!week.isValid) throw new BadRequestException('week must be an ISO date');
    // history: whole weeks before the target week that have already ended
    const end = DateTime.min(week, today.startOf('week'));
    const n = q.weeks ?? 8;
    const weekStarts = Array.from({ length: n }, (_, i) => end.minus({ weeks: n - i }).toMillis());
    try {
      checkWholeHourOffsets({
        from: new Date(weekStarts[0]),
        to: week.plus({ weeks: 1 }).toJSDate(),
        timeZone: zone,
      });
    } catch (err) {
      if (err instanceof ReportRangeError) throw new BadRequestException(err.message);
      throw err;
    }
    const points = await this.items.needsResponseByHour(new Date(weekStarts[0]), end.toJSDate());
    const all = toWeeks(
      points.map((p) => ({ t: new Date(p.hour).getTime(), n: p.n })),
      weekStarts,
      zone,
    );
    // weeks before anything was stored say nothing about the load
    const first = all.findIndex((w) => w.some((v) => v > 0));
    const history = first < 0 ? [] : all.slice(first);
    const ahead = Math.round(week.diff(end, 'weeks').weeks) + 1;
    const f = forecastWeek(history, ahead);
    const bt = backtest(history);
    const staffing: StaffingOptions = {
      capacity: q.capacity ?? DEFAULT_STAFFING.capacity,
      handleMinutes: q.handleMinutes ?? DEFAULT_STAFFING.handleMinutes,
      slaMinutes: q.slaMinutes ?? DEFAULT_STAFFING.slaMinutes,
      target: q.target ?? DEFAULT_STAFFING.target,
    };
    const team = await this.lookups.team();

    // the target week's real hours (a DST week has 167 or 169): a local hour that happens twice
    // shares its slot's forecast
    const starts: number[] = [];
    for (let t = week.toMillis(); t < week.plus({ weeks: 1 }).toMillis(); t += 3_600_000) starts.push(t);
    const label = labeller('hour', zone);
    const uses = new Array<number>(HOURS_PER_WEEK).fill(0);
    for (const t of starts) uses[hourOfWeek(t, zone)]++;
    const hours = starts.map((t) => {
      const how = hourOfWeek(t, zone);
      const expected = Math.round((f.expected[how] / uses[how]) * 100) / 100;
      const agents = agentsNeeded(expected, staffing);
      return {
        start: new Date(t).toISOString(),
        label: label(t),
        hourOfWeek: how,
        expected,
        agentsNeeded: agents,
        overCapacity: agents > team.agents,
      };
    });
    const view: ForecastReportView = {
      timeZone: zone,
      week: week.toISODate()!,
      historyWeeks: history.length,
      total: f.total,
      trendPerWeek: f.trendPerWeek,
      backtest: bt && { ...bt, week: DateTime.fromMillis(weekStarts[n - 1], { zone }).toISODate()! },
      assumptions: staffing,
      team,
      peakAgents: Math.max(0, ...hours.map((h) => h.agentsNeeded)),
      hours,
    };
    return {
      view,
      table: {
        name: `forecast-${view.week}`,
        columns: columns('start', 'label', 'hourOfWeek', 'expected', 'agentsNeeded', 'overCapacity'),
        rows: hours,
      },
    };
  }
}
