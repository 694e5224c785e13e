import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../../database/sql';
import type { ItemWindow } from './item-rollups.repository';

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
    return sqlRows(
      this.db,
      `SELECT date_trunc($4, hour, $5) AS bucket, hour >= $2 AS current, tag_id::text AS "tagId",
              sum(conversations)::int AS conversations
         FROM (SELECT hour, tag_id, source_id, conversations FROM report_tag_hours WHERE hour >= $1 AND hour < $3 ${where}
               UNION ALL
               SELECT hour, tag_id, source_id, conversations FROM report_tag_hours_delta WHERE hour >= $1 AND hour < $3 ${where}) r
        GROUP BY 1, 2, 3 HAVING sum(conversations) <> 0 ORDER BY 1`,
      params,
    );
  }
}
