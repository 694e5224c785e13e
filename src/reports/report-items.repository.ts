import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../database/sql';

export interface ItemListFilter {
  from: Date;
  to: Date;
  platform?: string;
  sourceId?: string;
  /** 'unknown': not detected */
  language?: string;
  sentiment?: string;
  /** 'unknown': not classified */
  intent?: string;
  tagId?: string;
  assignee?: string;
  /** every one of these (lower case, ё as е) is in the text */
  contains?: string[];
  ids?: string[];
}

export interface ItemListRow {
  id: string;
  conversationId: string | null;
  createdAt: Date;
  /** created_at_platform in microseconds since the epoch (the page cursor) */
  createdUs: string;
  text: string;
  authorName: string | null;
  platform: string;
  sourceId: string;
  language: string | null;
  sentiment: string | null;
  intent: string | null;
}

/**
 * The inbound items behind a report figure, newest first, keyset-paginated on
 * (created_at_platform, id): a drill-down list, read a page at a time. Items have no index on time
 * alone (ingest pays for every index: migrations/1732600070000-LeanerIndexes.ts). A filter the item
 * rollup can count reads only the (hour, source) pairs it says hold the page's newest matches;
 * any other reads each source's newest rows backwards from items_source_created_idx (source_id,
 * created_at_platform), at most a page per source, and merges them. Never a scan of the range.
 */
@Injectable()
export class ReportItemsRepository {
  constructor(private readonly db: DataSource) {}

  async page(
    f: ItemListFilter,
    limit: number,
    after?: { createdUs: string; id: string },
  ): Promise<ItemListRow[]> {
    const params: unknown[] = [f.from, f.to, limit];
    const where: string[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace(/\?/g, `$${params.length}`));
    };
    // which sources: the platform and source filters pick them; every other filter is checked
    // on each source's rows as they come off the index, newest first
    const sources: string[] = [];
    if (f.platform) {
      params.push(f.platform);
      sources.push(`s.platform = $${params.length}`);
    }
    if (f.sourceId) {
      params.push(f.sourceId);
      sources.push(`s.id = $${params.length}::uuid`);
    }
    if (f.language === 'unknown') where.push(`COALESCE(i.language, '') = ''`);
    else if (f.language) add('i.language = ?', f.language);
    if (f.sentiment) add('i.sentiment_label = ?', f.sentiment);
    if (f.intent === 'unknown') where.push(`COALESCE(i.intent, '') = ''`);
    else if (f.intent) add('i.intent = ?', f.intent);
    if (f.tagId)
      add(
        'EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conversation_id = i.conversation_id AND t.tag_id = ?::uuid)',
        f.tagId,
      );
    if (f.assignee)
      add(
        'EXISTS (SELECT 1 FROM conversations c WHERE c.id = i.conversation_id AND c.assignee_id = ?::uuid)',
        f.assignee,
      );
    for (const w of f.contains ?? [])
      add(`translate(lower(i.text), 'ё', 'е') LIKE '%' || ? || '%'`, escapeLike(w));
    if (f.ids?.length) add('i.id = ANY(?::bigint[])', f.ids);
    let upper = 'i.created_at_platform < $2';
    if (after) {
      params.push(after.createdUs, after.id);
      const at = `'epoch'::timestamptz + $${params.length - 1}::bigint * interval '1 microsecond'`;
      // the bound on the index, then the exact keyset position
      upper = `i.created_at_platform < $2 AND i.created_at_platform <= ${at}`;
      where.push(`(i.created_at_platform, i.id) < (${at}, $${params.length}::bigint)`);
    }
    const cols = `i.id::text, i.conversation_id::text AS "conversationId", i.created_at_platform AS "createdAt",
                (extract(epoch FROM i.created_at_platform) * 1000000)::bigint::text AS "createdUs",
                i.text, i.author_name AS "authorName", i.platform, i.source_id::text AS "sourceId",
                i.language, i.sentiment_label AS sentiment, i.intent, i.id AS n, i.created_at_platform AS at`;
    const strip = (rows: Record<string, unknown>[]) =>
      rows.map(({ n: _n, at: _at, ...row }) => row as unknown as ItemListRow);
    if (countable(f)) {
      // the rollup says which (hour, source) pairs hold the newest matches: read only those
      const before = after ? new Date(Math.floor(Number(after.createdUs) / 1000) + 1) : f.to;
      const pairs = await this.matchPairs(f, before < f.to ? before : f.to, limit, !!after);
      if (pairs.length === 0) return [];
      params.push(
        pairs.map((x) => x.hour),
        pairs.map((x) => x.sourceId),
      );
      return strip(
        await sqlRows(
          this.db,
          `SELECT p.* FROM unnest($${params.length - 1}::timestamptz[], $${params.length}::uuid[]) AS x(hour, source_id)
           JOIN sources s ON s.id = x.source_id ${sources.length ? `AND ${sources.join(' AND ')}` : ''}
           CROSS JOIN LATERAL (
             SELECT ${cols} FROM items i
              WHERE i.source_id = x.source_id AND i.created_at_platform >= GREATEST(x.hour, $1)
                AND i.created_at_platform < LEAST(x.hour + interval '1 hour', $2) AND ${upper} AND i.direction = 'inbound'
                    ${where.map((w) => `AND ${w}`).join(' ')}
              ORDER BY i.created_at_platform DESC, i.id DESC
              LIMIT $3) p
           ORDER BY p.at DESC, p.n DESC
           LIMIT $3`,
          params,
        ),
      );
    }
    return sqlRows(
      this.db,
      `SELECT p.* FROM sources s CROSS JOIN LATERAL (
         SELECT i.id::text, i.conversation_id::text AS "conversationId", i.created_at_platform AS "createdAt",
                (extract(epoch FROM i.created_at_platform) * 1000000)::bigint::text AS "createdUs",
                i.text, i.author_name AS "authorName", i.platform, i.source_id::text AS "sourceId",
                i.language, i.sentiment_label AS sentiment, i.intent, i.id AS n, i.created_at_platform AS at
           FROM items i
          WHERE i.source_id = s.id AND i.created_at_platform >= $1 AND ${upper} AND i.direction = 'inbound'
                ${where.map((w) => `AND ${w}`).join(' ')}
          ORDER BY i.created_at_platform DESC, i.id DESC
          LIMIT $3) p
        ${sources.length ? `WHERE ${sources.join(' AND ')}` : ''}
        ORDER BY p.at DESC, p.n DESC
        LIMIT $3`,
      params,
    ).then(strip);
  }

  /**
   * The (hour, source) pairs of report_item_hours (plus unfolded deltas) with matches of a filter
   * the rollup can count, newest first, until they hold `need` matches: the last day before
   * `before` first (a common filter needs an hour of it), the whole range if that is not enough.
   */
  private async matchPairs(
    f: ItemListFilter,
    before: Date,
    need: number,
    after: boolean,
  ): Promise<{ hour: Date; sourceId: string }[]> {
    const hi = new Date(Math.ceil(before.getTime() / HOUR) * HOUR);
    const lo = new Date(Math.floor(f.from.getTime() / HOUR) * HOUR);
    const params: unknown[] = [need];
    const where: string[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.platform) add('platform = ?', f.platform);
    if (f.sourceId) add('source_id = ?::uuid', f.sourceId);
    if (f.language !== undefined) add('language = ?', f.language === 'unknown' ? '' : f.language);
    if (f.intent !== undefined) add('intent = ?', f.intent === 'unknown' ? '' : f.intent);
    const n = SENTIMENT_COLUMN[f.sentiment ?? ''] ?? 'items';
    // matches in the cursor's own hour may be on earlier pages: that hour is read whole and does
    // not count towards `need`
    params.push(after ? new Date(hi.getTime() - HOUR) : hi);
    const cur = `$${params.length}`;
    const cond = where.map((w) => `AND ${w}`).join(' ');
    const query = (from: Date) => {
      const ps = [...params, from, hi];
      const range = `hour >= $${ps.length - 1} AND hour < $${ps.length}`;
      return sqlRows<{ hour: Date; sourceId: string; n: string }>(
        this.db,
        `SELECT hour, source_id::text AS "sourceId", n FROM (
           SELECT hour, source_id, n, sum(counted) OVER (ORDER BY hour DESC, source_id) - counted AS earlier FROM (
            SELECT hour, source_id, n, CASE WHEN hour < ${cur} THEN n ELSE 0 END AS counted FROM (
             SELECT hour, source_id, sum(${n}) AS n
               FROM (SELECT hour, source_id, ${n} FROM report_item_hours WHERE ${range} ${cond}
                     UNION ALL
                     SELECT hour, source_id, ${n} FROM report_item_hours_delta WHERE ${range} ${cond}) r
              GROUP BY hour, source_id HAVING sum(${n}) > 0) g) h) c
          WHERE earlier < $1 ORDER BY hour DESC, source_id`,
        ps,
      );
    };
    const day = new Date(Math.max(lo.getTime(), hi.getTime() - 24 * HOUR));
    const recent = await query(day);
    const counted = recent
      .filter((x) => new Date(x.hour).getTime() < (after ? hi.getTime() - HOUR : hi.getTime()))
      .reduce((a, x) => a + Number(x.n), 0);
    if (day.getTime() === lo.getTime() || counted >= need) return recent;
    return query(lo);
  }
}

const HOUR = 3_600_000;
const SENTIMENT_COLUMN: Record<string, string> = {
  negative: 'negative',
  neutral: 'neutral',
  positive: 'positive',
};

/** Filters report_item_hours can count: no tag, agent, text or id list (those scan the sources). */
function countable(f: ItemListFilter): boolean {
  return !f.tagId && !f.assignee && !(f.contains ?? []).length && !f.ids?.length;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
