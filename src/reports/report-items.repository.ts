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
 * alone (ingest pays for every index: migrations/1732600070000-LeanerIndexes.ts), so each source's
 * newest matches are read backwards from items_source_created_idx (source_id, created_at_platform),
 * at most a page per source, and merged: an index path for any filter, never a scan of the range.
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
    ).then((rows) => rows.map(({ n: _n, at: _at, ...row }) => row as ItemListRow));
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
