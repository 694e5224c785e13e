import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../../database/sql';
import type { Granularity } from '../domain/time-buckets';
import { tieredSource, tierPlan } from './tiers';

/** What a report asks of the item rollups: a window [prevFrom, to) of which [from, to) is current. */
export interface ItemWindow {
  prevFrom: Date;
  from: Date;
  to: Date;
  granularity: Granularity;
  timeZone: string;
}

export interface ItemFilter {
  platform?: string;
  sourceId?: string;
  language?: string;
  intent?: string;
}

export type ItemGroup = 'none' | 'platform' | 'source' | 'language' | 'intent';

export interface ItemBucketRow {
  bucket: Date;
  current: boolean;
  grp: string;
  items: number;
  negative: number;
  neutral: number;
  positive: number;
  needsResponse: number;
}

const GROUP_SQL: Record<ItemGroup, string> = {
  none: `''`,
  platform: 'platform',
  source: 'source_id::text',
  language: 'language',
  intent: 'intent',
};

const VALUES = ['items', 'negative', 'neutral', 'positive', 'needs_response'];
const COLUMNS = ['hour', 'source_id', 'platform', 'language', 'intent', ...VALUES];
const NARROW_COLUMNS = ['hour', 'intent', ...VALUES];

/**
 * Reads report_item_hours (plus the deltas not folded yet): never items. One scan of the whole
 * window serves the current and the previous period.
 */
@Injectable()
export class ItemRollupsRepository {
  constructor(private readonly db: DataSource) {}

  async buckets(w: ItemWindow, filter: ItemFilter, group: ItemGroup): Promise<ItemBucketRow[]> {
    const params: unknown[] = [w.prevFrom, w.from, w.to, w.granularity, w.timeZone];
    const where = filterSql(filter, params);
    // per hour first (cheap), then into the zone's buckets (date_trunc in a zone is the costly
    // part; hours need none: a report's zone has whole-hour offsets, so its hours are UTC hours)
    const bucket = `CASE WHEN $4::text = 'hour' THEN hour ELSE date_trunc($4, hour, $5::text) END`;
    return sqlRows<ItemBucketRow>(
      this.db,
      `SELECT ${bucket} AS bucket, hour >= $2 AS current, grp,
              sum(items)::int AS items, sum(negative)::int AS negative, sum(neutral)::int AS neutral,
              sum(positive)::int AS positive, sum(needs_response)::int AS "needsResponse"
         FROM (SELECT hour, ${GROUP_SQL[group]} AS grp, sum(items) AS items, sum(negative) AS negative,
                      sum(neutral) AS neutral, sum(positive) AS positive, sum(needs_response) AS needs_response
                 FROM ${source(w, filter, group, where, params)} GROUP BY 1, 2) h
        GROUP BY 1, 2, 3
        ORDER BY 1, 3`,
      params,
    );
  }

  /** Items needing a response per UTC hour (the forecast's history). */
  async needsResponseByHour(from: Date, to: Date): Promise<{ hour: Date; n: number }[]> {
    return sqlRows(
      this.db,
      `SELECT hour, sum(needs_response)::int AS n
         FROM (SELECT hour, needs_response FROM report_item_intent_hours WHERE hour >= $1 AND hour < $2
               UNION ALL
               SELECT hour, needs_response FROM report_item_hours_delta WHERE hour >= $1 AND hour < $2) r
        GROUP BY hour HAVING sum(needs_response) <> 0 ORDER BY hour`,
      [from, to],
    );
  }
}

/**
 * The rows a query reads: the per-intent tier when no filter or grouping needs source, platform or
 * language, else the full rollup; whole days from their day tier (tiers.ts), with the unfolded
 * item deltas.
 */
function source(w: ItemWindow, f: ItemFilter, group: ItemGroup, where: string, params: unknown[]): string {
  const narrow =
    !f.platform && !f.sourceId && f.language === undefined && (group === 'none' || group === 'intent');
  const cols = narrow ? NARROW_COLUMNS : COLUMNS;
  return tieredSource(
    {
      hours: narrow ? 'report_item_intent_hours' : 'report_item_hours',
      days: narrow ? 'report_item_intent_days' : 'report_item_days',
      delta: 'report_item_hours_delta',
      cols,
      where,
    },
    tierPlan(w, w.granularity !== 'hour'),
    ['$1', '$3'],
    params,
  );
}

function filterSql(f: ItemFilter, params: unknown[]): string {
  const parts: string[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    parts.push(sql.replace('?', `$${params.length}`));
  };
  if (f.platform) add('platform = ?', f.platform);
  if (f.sourceId) add('source_id = ?::uuid', f.sourceId);
  if (f.language !== undefined) add('language = ?', f.language);
  if (f.intent !== undefined) add('intent = ?', f.intent);
  return parts.map((p) => `AND ${p}`).join(' ');
}
