import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../../database/sql';
import type { ItemWindow } from './item-rollups.repository';
import { tieredSource, tierPlan } from './tiers';

export interface TagBucketRow {
  bucket: Date;
  current: boolean;
  tagId: string;
  conversations: number;
}

/** report_tag_hours (plus unfolded deltas): tagged conversations by the hour of their first message. */
@Injectable()
export class TagRollupsRepository {
  constructor(private readonly db: DataSource) {}

  async buckets(w: ItemWindow, sourceId?: string): Promise<TagBucketRow[]> {
    const params: unknown[] = [w.prevFrom, w.from, w.to, w.granularity, w.timeZone];
    const where = sourceId ? (params.push(sourceId), `AND source_id = $${params.length}::uuid`) : '';
    const rows = tieredSource(
      {
        hours: 'report_tag_hours',
        // without a source filter, the day tier summed over sources (~12 times fewer rows)
        days: sourceId ? 'report_tag_days' : 'report_tag_day_totals',
        delta: 'report_tag_hours_delta',
        cols: ['hour', 'tag_id', 'conversations'],
        where,
      },
      tierPlan(w, w.granularity !== 'hour'),
      ['$1', '$3'],
      params,
    );
    return sqlRows(
      this.db,
      // per hour and tag first (cheap), then into the zone's buckets (date_trunc in a zone is the costly part)
      `SELECT date_trunc($4, hour, $5) AS bucket, hour >= $2 AS current, tag_id::text AS "tagId",
              sum(conversations)::int AS conversations
         FROM (SELECT hour, tag_id, sum(conversations) AS conversations FROM ${rows} GROUP BY 1, 2) h
        GROUP BY 1, 2, 3 HAVING sum(conversations) <> 0 ORDER BY 1`,
      params,
    );
  }
}
