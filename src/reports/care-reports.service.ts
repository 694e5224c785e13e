import { BadRequestException, Injectable } from '@nestjs/common';
import { FRT_BUCKETS, addHistograms, bucketRange, quantile } from './domain/frt-histogram';
import { compare, round } from './domain/measures';
import type { BreachesQuery, CareQuery, ReportQuery } from './dto/report-query.dto';
import type {
  AgentRowView,
  AgentsReportView,
  BacklogReportView,
  BreachesReportView,
  CarePointView,
  FrtReportView,
  SlaReportView,
  SlaRowView,
} from './dto/report.views';
import {
  drill,
  driller,
  pointBase,
  rangeView,
  ReportRangeService,
  ResolvedRange,
} from './report-range.service';
import { ReportLookupsRepository, SourceName } from './report-lookups.repository';
import { columns, ReportResult } from './report-table';
import {
  CareFilter,
  CareRollupsRepository,
  CycleCounters,
  SlaBucketRow,
} from './rollups/care-rollups.repository';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const EMPTY: CycleCounters & { cycles: number } = {
  cycles: 0,
  responded: 0,
  met: 0,
  breached: 0,
  responseSeconds: 0,
  hist: new Array(FRT_BUCKETS).fill(0),
};

/** Care leads' view: SLA compliance, first-response times, breaches, backlog and agents. */
@Injectable()
export class CareReportsService {
  constructor(
    private readonly ranges: ReportRangeService,
    private readonly care: CareRollupsRepository,
    private readonly lookups: ReportLookupsRepository,
  ) {}

  async sla(q: CareQuery): Promise<ReportResult<SlaReportView>> {
    const r = await this.ranges.resolve(q);
    const filter = careFilter(q);
    const [groups, trendRows, sources] = await Promise.all([
      this.care.slaByGroup(r.window, filter),
      this.care.slaByBucket(r.window, filter),
      this.lookups.sources(),
    ]);
    const cur = groups.filter((g) => g.current);
    const prev = groups.filter((g) => !g.current);
    const extra = baseFilter(q);
    const row = (
      intent: string | null,
      sourceId: string | null,
      list: typeof cur,
      before: typeof prev,
    ): SlaRowView => {
      const c = list.reduce(addCounters, EMPTY);
      const p = before.reduce(addCounters, EMPTY);
      return {
        intent: intent ?? 'all',
        sourceId,
        sourceName: sourceId ? (sources.get(sourceId)?.name ?? null) : null,
        platform: sourceId ? (sources.get(sourceId)?.platform ?? null) : null,
        cycles: c.cycles,
        met: c.met,
        breached: c.breached,
        responded: c.responded,
        compliance: compliance(c),
        previousCompliance: r.previous ? compliance(p) : null,
        medianSeconds: quantile(c.hist, 0.5),
        filter: drill(r.range.from, r.range.to, {
          ...extra,
          intent: intent && intent !== '' ? intent : extra.intent,
          sourceId: sourceId ?? extra.sourceId,
        }),
      };
    };
    const keysOf = (k: 'intent' | 'sourceId') => [...new Set(cur.map((g) => g[k]))].sort();
    const byIntent = keysOf('intent').map((i) =>
      row(
        i,
        null,
        cur.filter((g) => g.intent === i),
        prev.filter((g) => g.intent === i),
      ),
    );
    const bySource = keysOf('sourceId').map((s) =>
      row(
        null,
        s,
        cur.filter((g) => g.sourceId === s),
        prev.filter((g) => g.sourceId === s),
      ),
    );
    const rows = cur.map((g) =>
      row(
        g.intent,
        g.sourceId,
        [g],
        prev.filter((p) => p.intent === g.intent && p.sourceId === g.sourceId),
      ),
    );
    const all = cur.reduce(addCounters, EMPTY);
    const before = prev.reduce(addCounters, EMPTY);
    const has = !!r.previous;
    return {
      view: {
        range: rangeView(r.range, r.granularity),
        previousRange: r.previous && rangeView(r.previous, r.granularity),
        compliance: compare(compliance(all), has ? compliance(before) : null),
        met: compare(all.met, has ? before.met : null),
        breached: compare(all.breached, has ? before.breached : null),
        byIntent,
        bySource,
        rows,
        trend: trend(r, trendRows, extra),
      },
      table: {
        name: 'sla-compliance',
        columns: columns(
          'intent',
          'sourceName',
          'platform',
          'cycles',
          'met',
          'breached',
          'compliance',
          'previousCompliance',
          'medianSeconds',
        ),
        rows: [...rows, ...byIntent, ...bySource].map((x) => ({
          ...x,
          sourceName: x.sourceName ?? 'all',
          filter: undefined,
        })),
      },
    };
  }

  async frt(q: CareQuery): Promise<ReportResult<FrtReportView>> {
    const r = await this.ranges.resolve(q);
    const rows = await this.care.slaByBucket(r.window, careFilter(q));
    const c = rows.filter((x) => x.current).reduce(addCounters, EMPTY);
    const p = rows.filter((x) => !x.current).reduce(addCounters, EMPTY);
    const has = !!r.previous;
    const mean = (x: CycleCounters) => (x.responded ? Math.round(x.responseSeconds / x.responded) : null);
    const histogram = c.hist.map((count, i) => ({
      fromSeconds: bucketRange(i).from,
      toSeconds: bucketRange(i).to,
      count,
      previousCount: has ? p.hist[i] : null,
    }));
    const points = trend(r, rows, baseFilter(q));
    return {
      view: {
        range: rangeView(r.range, r.granularity),
        previousRange: r.previous && rangeView(r.previous, r.granularity),
        responded: compare(c.responded, has ? p.responded : null),
        medianSeconds: compare(quantile(c.hist, 0.5), has ? quantile(p.hist, 0.5) : null),
        p90Seconds: compare(quantile(c.hist, 0.9), has ? quantile(p.hist, 0.9) : null),
        meanSeconds: compare(mean(c), has ? mean(p) : null),
        histogram,
        trend: points,
      },
      table: {
        name: 'first-response-times',
        columns: columns(
          'start',
          'end',
          'label',
          'responded',
          'met',
          'breached',
          'compliance',
          'medianSeconds',
          'p90Seconds',
        ),
        rows: points.map((x) => ({ ...x, filter: undefined })),
      },
    };
  }

  async breaches(q: BreachesQuery): Promise<ReportResult<BreachesReportView>> {
    const r = await this.ranges.resolve({ ...q, compare: 'none' });
    const limit = q.limit ?? 50;
    const after = q.cursor ? parseCursor(q.cursor) : undefined;
    const [rows, sources, users] = await Promise.all([
      this.care.breaches(r.range.from, r.range.to, careFilter(q), limit + 1, after),
      this.lookups.sources(),
      this.lookups.users(),
    ]);
    const page = rows.slice(0, limit);
    const breaches = page.map((b) => ({
      conversationId: b.conversationId,
      startedAt: new Date(b.startedAt).toISOString(),
      dueAt: b.dueAt && new Date(b.dueAt).toISOString(),
      breachedAt: b.breachedAt && new Date(b.breachedAt).toISOString(),
      respondedAt: b.respondedAt && new Date(b.respondedAt).toISOString(),
      responseSeconds: b.responseSeconds,
      lateSeconds:
        b.respondedAt && b.dueAt
          ? Math.max(0, Math.round((new Date(b.respondedAt).getTime() - new Date(b.dueAt).getTime()) / 1000))
          : null,
      intent: b.intent || 'unknown',
      sourceId: b.sourceId,
      sourceName: sources.get(b.sourceId)?.name ?? null,
      platform: b.platform,
      agentId: b.agentId,
      agentName: b.agentId ? (users.get(b.agentId)?.name ?? null) : null,
    }));
    const last = rows.length > limit ? page[page.length - 1] : undefined;
    return {
      view: {
        range: rangeView(r.range, r.granularity),
        breaches,
        nextCursor: last ? `${last.startedUs}_${last.conversationId}` : null,
      },
      table: {
        name: 'sla-breaches',
        columns: columns(
          'conversationId',
          'startedAt',
          'dueAt',
          'breachedAt',
          'respondedAt',
          'lateSeconds',
          'intent',
          'sourceName',
          'platform',
          'agentName',
        ),
        rows: breaches,
      },
    };
  }

  async backlog(q: CareQuery): Promise<ReportResult<BacklogReportView>> {
    const r = await this.ranges.resolve({ ...q, compare: 'none' }, 'hour');
    const rows = await this.care.backlog(r.window, careFilter(q));
    const byKey = new Map(rows.map((x) => [new Date(x.bucket).getTime(), x]));
    const filterOf = driller(baseFilter(q));
    const points = r.current.map((b) => {
      const x = byKey.get(b.key);
      return {
        ...pointBase(b, r.granularity, r.range.timeZone),
        snapshots: x?.snapshots ?? 0,
        openAvg: x?.openAvg ?? null,
        openMax: x?.openMax ?? null,
        openLast: x?.openLast ?? null,
        unassignedLast: x?.unassignedLast ?? null,
        overdueMax: x?.overdueMax ?? null,
        overdueLast: x?.overdueLast ?? null,
        pendingLast: x?.pendingLast ?? null,
        snoozedLast: x?.snoozedLast ?? null,
        // the queue as it is now: what is still open
        filter: { ...filterOf(b), status: 'open' },
      };
    });
    return {
      view: { range: rangeView(r.range, r.granularity), points },
      table: {
        name: 'backlog',
        columns: columns(
          'start',
          'end',
          'label',
          'snapshots',
          'openAvg',
          'openMax',
          'openLast',
          'unassignedLast',
          'overdueMax',
          'overdueLast',
          'pendingLast',
          'snoozedLast',
        ),
        rows: points.map((x) => ({ ...x, filter: undefined })),
      },
    };
  }

  async agents(q: ReportQuery): Promise<ReportResult<AgentsReportView>> {
    const r = await this.ranges.resolve(q);
    const [rows, load] = await Promise.all([
      this.care.agents(r.window),
      this.care.agentLoad(r.range.from, r.range.to),
    ]);
    const ids = new Set([...rows.map((x) => x.agentId), ...load.map((l) => l.userId)]);
    const loadOf = new Map(load.map((l) => [l.userId, l]));
    const agents: AgentRowView[] = [...ids].map((id) => {
      const c = rows.filter((x) => x.agentId === id && x.current).reduce(addCounters, EMPTY);
      const p = rows.filter((x) => x.agentId === id && !x.current).reduce(addCounters, EMPTY);
      const l = loadOf.get(id);
      const nobody = id === NIL_UUID;
      return {
        agentId: nobody ? null : id,
        name: nobody ? '' : l?.name || l?.email || id,
        role: l?.role ?? null,
        disabled: l?.disabled ?? false,
        handled: compare(c.responded, r.previous ? p.responded : null),
        met: c.met,
        breached: c.breached,
        compliance: compliance(c),
        medianSeconds: quantile(c.hist, 0.5),
        p90Seconds: quantile(c.hist, 0.9),
        meanSeconds: c.responded ? Math.round(c.responseSeconds / c.responded) : null,
        loadAvg: l?.openAvg ?? null,
        loadMax: l?.openMax ?? null,
        capacity: l?.capacity ?? null,
        utilisation: l?.openAvg != null && l.capacity ? round(l.openAvg / l.capacity) : null,
        filter: drill(r.range.from, r.range.to, nobody ? {} : { assignee: id }),
      };
    });
    agents.sort(
      (a, b) => (b.handled.current ?? 0) - (a.handled.current ?? 0) || a.name.localeCompare(b.name),
    );
    return {
      view: {
        range: rangeView(r.range, r.granularity),
        previousRange: r.previous && rangeView(r.previous, r.granularity),
        agents,
      },
      table: {
        name: 'agents',
        columns: columns(
          'name',
          'role',
          'handled',
          'handledPrevious',
          'met',
          'breached',
          'compliance',
          'medianSeconds',
          'p90Seconds',
          'meanSeconds',
          'loadAvg',
          'loadMax',
          'capacity',
          'utilisation',
        ),
        rows: agents.map((a) => ({
          ...a,
          name: a.agentId ? a.name : '(unassigned)',
          handled: a.handled.current,
          handledPrevious: a.handled.previous,
          filter: undefined,
        })),
      },
    };
  }
}

function trend(
  r: ResolvedRange,
  rows: SlaBucketRow[],
  extra: Record<string, string | undefined>,
): CarePointView[] {
  const cur = new Map<number, CycleCounters & { cycles: number }>();
  for (const x of rows.filter((y) => y.current)) {
    const key = new Date(x.bucket).getTime();
    cur.set(key, addCounters(cur.get(key) ?? EMPTY, x));
  }
  const filterOf = driller(extra);
  return r.current.map((b) => {
    const c = cur.get(b.key) ?? EMPTY;
    return {
      ...pointBase(b, r.granularity, r.range.timeZone),
      met: c.met,
      breached: c.breached,
      responded: c.responded,
      compliance: compliance(c),
      medianSeconds: quantile(c.hist, 0.5),
      p90Seconds: quantile(c.hist, 0.9),
      filter: filterOf(b),
    };
  });
}

function addCounters<T extends CycleCounters & { cycles?: number }>(
  a: CycleCounters & { cycles: number },
  b: T,
): CycleCounters & { cycles: number } {
  return {
    cycles: a.cycles + (b.cycles ?? 0),
    responded: a.responded + b.responded,
    met: a.met + b.met,
    breached: a.breached + b.breached,
    responseSeconds: a.responseSeconds + Number(b.responseSeconds),
    hist: addHistograms(a.hist, b.hist),
  };
}

/** met / (met + breached): the share of deadlines kept (null when none ended). */
function compliance(c: CycleCounters): number | null {
  return c.met + c.breached === 0 ? null : round(c.met / (c.met + c.breached));
}

function careFilter(q: CareQuery): CareFilter {
  return {
    platform: q.platform,
    sourceId: q.sourceId,
    intent: q.intent === undefined ? undefined : q.intent === 'unknown' ? '' : q.intent,
  };
}

function baseFilter(q: CareQuery): Record<string, string | undefined> {
  return {
    platform: q.platform,
    sourceId: q.sourceId,
    intent: q.intent === 'unknown' ? undefined : q.intent,
  };
}

function parseCursor(cursor: string): { startedUs: string; conversationId: string } {
  const [startedUs, conversationId] = cursor.split('_');
  if (!/^\d{1,17}$/.test(startedUs ?? '') || !conversationId)
    throw new BadRequestException('cursor is not valid');
  return { startedUs, conversationId };
}

export type { SourceName };
