import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { termStems } from '../analysis/text/terms';
import { CompanySettingsRepository } from './company-settings.repository';
import { compare } from './domain/measures';
import { risingTerms } from './domain/rising-terms';
import type { TagsQuery, TermsQuery } from './dto/report-query.dto';
import type { TagSeriesView, TagsReportView, TermsReportView } from './dto/report.views';
import { drill, driller, pointBase, rangeView, ReportRangeService } from './report-range.service';
import { ReportLookupsRepository } from './report-lookups.repository';
import { columns, ReportResult } from './report-table';
import { ItemRollupsRepository } from './rollups/item-rollups.repository';
import { TagRollupsRepository } from './rollups/tag-rollups.repository';
import { TermsRepository } from './rollups/terms.repository';

/** Candidates read per request: the most mentioned terms this period (rising ones are among them). */
const CANDIDATES = 3000;

/** What people talk about: rising terms in negative items and in praise, and tag trends. */
@Injectable()
export class TopicsReportsService {
  constructor(
    private readonly ranges: ReportRangeService,
    private readonly termCounts: TermsRepository,
    private readonly items: ItemRollupsRepository,
    private readonly tagRollups: TagRollupsRepository,
    private readonly lookups: ReportLookupsRepository,
    private readonly settings: CompanySettingsRepository,
  ) {}

  /**
   * Term counts are kept per day in the company's zone; the range is read as the whole days of
   * that zone that cover it (`days.approximate` when its edges are not midnights there).
   */
  async terms(q: TermsQuery): Promise<ReportResult<TermsReportView>> {
    const r = await this.ranges.resolve({ ...q, compare: 'previous' }, 'day');
    const previous = r.previous!;
    const polarity = q.polarity ?? 'negative';
    const settings = await this.settings.get();
    const zone = (await this.termCounts.countedZone()) ?? settings.timeZone;
    const day = (t: Date) => DateTime.fromJSDate(t, { zone });
    const endDay = (t: Date) => day(new Date(t.getTime() - 1)).plus({ days: 1 });
    const days = {
      prevFrom: day(previous.from).toISODate()!,
      from: day(r.range.from).toISODate()!,
      to: endDay(r.range.to).toISODate()!,
    };
    const midnight = (t: Date) => day(t).startOf('day').toMillis() === t.getTime();
    const approximate = !midnight(r.range.from) || !midnight(r.range.to) || !midnight(previous.from);

    const brand = new Set(settings.brandWords.flatMap(termStems));
    const candidates = (await this.termCounts.totals(polarity, days, 2, CANDIDATES)).filter(
      (t) => !t.term.split(' ').some((s) => brand.has(s)),
    );
    const volume = await this.items.buckets({ ...r.window, granularity: 'week' }, {}, 'none');
    const itemsOf = (current: boolean) =>
      volume.filter((v) => v.current === current).reduce((a, v) => a + v[polarity], 0);
    const currentItems = itemsOf(true);
    const previousItems = itemsOf(false);
    const ranked = risingTerms(candidates, { currentItems, previousItems, limit: q.limit ?? 20 });
    const shown = ranked.map((t) => t.term);
    const [samples, labels] = await Promise.all([
      this.termCounts.samples(polarity, shown, days.from, days.to),
      this.termCounts.surfaces(polarity, shown, days.from, days.to),
    ]);
    const terms = ranked.map((t) => ({
      term: t.term,
      label: labels.get(t.term) ?? t.term,
      current: t.current,
      previous: t.previous,
      expected: t.expected,
      score: t.score,
      examples: samples.get(t.term) ?? [],
      filter: drill(
        day(r.range.from).startOf('day').toJSDate(),
        DateTime.fromISO(days.to, { zone }).toJSDate(),
        {
          sentiment: polarity,
          term: t.term,
        },
      ),
    }));
    return {
      view: {
        range: rangeView(r.range, r.granularity),
        previousRange: rangeView(previous, r.granularity),
        polarity,
        days: { timeZone: zone, from: days.from, to: days.to, previousFrom: days.prevFrom, approximate },
        items: compare(currentItems, previousItems),
        terms,
      },
      table: {
        name: `terms-${polarity}`,
        columns: columns('term', 'label', 'current', 'previous', 'expected', 'score', 'examples'),
        rows: terms.map((t) => ({ ...t, examples: t.examples.join(' '), filter: undefined })),
      },
    };
  }

  async tags(q: TagsQuery): Promise<ReportResult<TagsReportView>> {
    const r = await this.ranges.resolve(q);
    const rows = await this.tagRollups.buckets(r.window, q.sourceId);
    const names = await this.lookups.tags();
    const byTag = new Map<string, { cur: Map<number, number>; prev: Map<number, number> }>();
    for (const x of rows) {
      const e = byTag.get(x.tagId) ?? { cur: new Map(), prev: new Map() };
      const m = x.current ? e.cur : e.prev;
      const key = new Date(x.bucket).getTime();
      m.set(key, (m.get(key) ?? 0) + x.conversations);
      byTag.set(x.tagId, e);
    }
    const total = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    const tags: TagSeriesView[] = [...byTag.entries()]
      .map(([tagId, e]) => [tagId, e, driller({ tagId, sourceId: q.sourceId })] as const)
      .map(([tagId, e, filterOf]) => ({
        tagId,
        name: names.get(tagId)?.name ?? tagId,
        color: names.get(tagId)?.color ?? '#888888',
        total: compare(total(e.cur), r.previous ? total(e.prev) : null),
        points: r.current.map((b) => ({
          ...pointBase(b, r.granularity, r.range.timeZone),
          conversations: e.cur.get(b.key) ?? 0,
          filter: filterOf(b),
        })),
      }))
      .sort((a, b) => (b.total.current ?? 0) - (a.total.current ?? 0))
      .slice(0, q.limit ?? 10);
    return {
      view: {
        range: rangeView(r.range, r.granularity),
        previousRange: r.previous && rangeView(r.previous, r.granularity),
        tags,
      },
      table: {
        name: 'tags',
        columns: columns('tag', 'start', 'end', 'label', 'conversations'),
        rows: tags.flatMap((t) =>
          t.points.map((p) => ({
            tag: t.name,
            start: p.start,
            end: p.end,
            label: p.label,
            conversations: p.conversations,
          })),
        ),
      },
    };
  }
}
