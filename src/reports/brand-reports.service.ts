import { Injectable } from '@nestjs/common';
import { INTENT_LABELS } from '../analysis/analysis.types';
import {
  addCounts,
  compare,
  netSentiment,
  NO_ITEMS,
  SentimentCounts,
  shareNegative,
} from './domain/measures';
import type { Bucket } from './domain/time-buckets';
import type { IntentsQuery, ItemFilterQuery, SentimentQuery } from './dto/report-query.dto';
import type {
  IntentPointView,
  IntentReportView,
  IntentTotalView,
  SentimentPointView,
  SentimentReportView,
  SentimentSeriesView,
} from './dto/report.views';
import { drill, driller, pointBase, rangeView, ReportRangeService } from './report-range.service';
import { ReportLookupsRepository } from './report-lookups.repository';
import { columns, ReportResult } from './report-table';
import { ItemBucketRow, ItemFilter, ItemRollupsRepository } from './rollups/item-rollups.repository';

export const INTENTS = [...INTENT_LABELS, 'unknown'] as const;

/** Sentiment over time and the intent mix: marketing's view, read from the hourly item rollups. */
@Injectable()
export class BrandReportsService {
  constructor(
    private readonly ranges: ReportRangeService,
    private readonly items: ItemRollupsRepository,
    private readonly lookups: ReportLookupsRepository,
  ) {}

  async sentiment(q: SentimentQuery): Promise<ReportResult<SentimentReportView>> {
    const r = await this.ranges.resolve(q);
    const groupBy = q.groupBy ?? 'none';
    const rows = await this.items.buckets(r.window, itemFilter(q), groupBy);
    const sources = groupBy === 'source' ? await this.lookups.sources() : new Map();
    const groups = new Map<string, ItemBucketRow[]>();
    for (const row of rows) {
      const list = groups.get(row.grp);
      if (list) list.push(row);
      else groups.set(row.grp, [row]);
    }
    if (groups.size === 0) groups.set('', []);
    const series: SentimentSeriesView[] = [];
    for (const [group, list] of groups) {
      const filter = driller({ ...baseFilter(q), ...groupFilter(groupBy, group) });
      const cur = byKey(list.filter((x) => x.current));
      const prev = byKey(list.filter((x) => !x.current));
      const point = (b: Bucket): SentimentPointView => sentimentPoint(b, cur.get(b.key) ?? NO_ITEMS, filter);
      const prevPoint = (b: Bucket): SentimentPointView =>
        sentimentPoint(b, prev.get(b.key) ?? NO_ITEMS, filter);
      const total = (m: Map<number, SentimentCounts>) => [...m.values()].reduce(addCounts, NO_ITEMS);
      const now = total(cur);
      const before = r.previous ? total(prev) : null;
      series.push({
        group: groupBy === 'language' && group === '' ? 'unknown' : group,
        groupLabel: groupLabel(groupBy, group, sources),
        points: r.current.map(point),
        previous: r.prior.map(prevPoint),
        totals: {
          items: compare(now.items, before?.items ?? null),
          negative: compare(now.negative, before?.negative ?? null),
          neutral: compare(now.neutral, before?.neutral ?? null),
          positive: compare(now.positive, before?.positive ?? null),
          needsResponse: compare(now.needsResponse, before?.needsResponse ?? null),
          netSentiment: compare(netSentiment(now), before && netSentiment(before)),
          shareNegative: compare(shareNegative(now), before && shareNegative(before)),
        },
      });
    }
    series.sort((a, b) => (b.totals.items.current ?? 0) - (a.totals.items.current ?? 0));
    const view: SentimentReportView = {
      range: rangeView(r.range, r.granularity),
      previousRange: r.previous && rangeView(r.previous, r.granularity),
      groupBy,
      series,
    };
    const keys = [
      'items',
      'negative',
      'neutral',
      'positive',
      'needsResponse',
      'netSentiment',
      'shareNegative',
    ];
    return {
      view,
      table: () => ({
        name: 'sentiment',
        columns: columns(
          'group',
          'start',
          'end',
          'label',
          ...keys,
          'previousStart',
          ...keys.map((k) => `previous${k[0].toUpperCase()}${k.slice(1)}`),
        ),
        rows: series.flatMap((s) =>
          s.points.map((p, i) => {
            const prev = s.previous[i];
            const row: Record<string, string | number | null> = {
              group: s.groupLabel,
              start: p.start,
              end: p.end,
              label: p.label,
              previousStart: prev?.start ?? null,
            };
            for (const k of keys) {
              row[k] = (p as any)[k];
              row[`previous${k[0].toUpperCase()}${k.slice(1)}`] = prev ? (prev as any)[k] : null;
            }
            return row;
          }),
        ),
      }),
    };
  }

  async intents(q: IntentsQuery): Promise<ReportResult<IntentReportView>> {
    const r = await this.ranges.resolve(q);
    const rows = await this.items.buckets(r.window, itemFilter(q), 'intent');
    const count = (x: ItemBucketRow) => (q.sentiment ? x[q.sentiment] : x.items);
    const per = (current: boolean) => {
      const m = new Map<number, Record<string, number>>();
      for (const x of rows.filter((y) => y.current === current)) {
        const key = new Date(x.bucket).getTime();
        const counts = m.get(key) ?? Object.fromEntries(INTENTS.map((i) => [i, 0]));
        counts[x.grp === '' ? 'unknown' : x.grp] += count(x);
        m.set(key, counts);
      }
      return m;
    };
    const cur = per(true);
    const prev = per(false);
    const extra = { ...baseFilter(q), sentiment: q.sentiment };
    const filterOf = driller(extra);
    const point =
      (m: Map<number, Record<string, number>>) =>
      (b: Bucket): IntentPointView => {
        const counts = m.get(b.key) ?? Object.fromEntries(INTENTS.map((i) => [i, 0]));
        return {
          ...pointBase(b, r.granularity, r.range.timeZone),
          total: Object.values(counts).reduce((a, c) => a + c, 0),
          counts: counts as any,
          filter: filterOf(b),
        };
      };
    const points = r.current.map(point(cur));
    const previous = r.prior.map(point(prev));
    const sum = (list: IntentPointView[], i: string) => list.reduce((a, p) => a + (p.counts as any)[i], 0);
    const all = (list: IntentPointView[]) => list.reduce((a, p) => a + p.total, 0);
    const totals: IntentTotalView[] = INTENTS.map((i) => {
      const c = sum(points, i);
      const p = r.previous ? sum(previous, i) : null;
      const share = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);
      return {
        intent: i,
        count: compare(c, p),
        share: compare(share(c, all(points)), p === null ? null : share(p, all(previous))),
        filter: drill(r.range.from, r.range.to, { ...extra, intent: i === 'unknown' ? undefined : i }),
      };
    });
    return {
      view: {
        range: rangeView(r.range, r.granularity),
        previousRange: r.previous && rangeView(r.previous, r.granularity),
        points,
        previous,
        totals,
      },
      table: {
        name: 'intents',
        columns: columns('start', 'end', 'label', 'total', ...INTENTS),
        rows: points.map((p) => ({
          start: p.start,
          end: p.end,
          label: p.label,
          total: p.total,
          ...p.counts,
        })),
      },
    };
  }
}

function sentimentPoint(
  b: Bucket,
  c: SentimentCounts,
  filter: (b: Bucket) => SentimentPointView['filter'],
): SentimentPointView {
  // one object literal, no spreads: an hourly chart builds thousands of these
  return {
    start: b.startIso,
    end: b.endIso,
    label: b.label,
    items: c.items,
    negative: c.negative,
    neutral: c.neutral,
    positive: c.positive,
    needsResponse: c.needsResponse,
    netSentiment: netSentiment(c),
    shareNegative: shareNegative(c),
    filter: filter(b),
  };
}

function byKey(rows: ItemBucketRow[]): Map<number, SentimentCounts> {
  const m = new Map<number, SentimentCounts>();
  for (const x of rows) {
    const key = new Date(x.bucket).getTime();
    m.set(key, addCounts(m.get(key) ?? NO_ITEMS, x));
  }
  return m;
}

export function itemFilter(q: ItemFilterQuery): ItemFilter {
  return {
    platform: q.platform,
    sourceId: q.sourceId,
    language: q.language === undefined ? undefined : q.language === 'unknown' ? '' : q.language,
  };
}

function baseFilter(q: ItemFilterQuery): Record<string, string | undefined> {
  return { platform: q.platform, sourceId: q.sourceId, language: q.language };
}

function groupFilter(groupBy: string, group: string): Record<string, string | undefined> {
  if (groupBy === 'platform') return { platform: group };
  if (groupBy === 'source') return { sourceId: group };
  if (groupBy === 'language') return { language: group === '' ? 'unknown' : group };
  return {};
}

function groupLabel(groupBy: string, group: string, sources: Map<string, { name: string }>): string {
  if (groupBy === 'none') return 'all';
  if (groupBy === 'source') return sources.get(group)?.name ?? group;
  return group === '' ? 'unknown' : group;
}
