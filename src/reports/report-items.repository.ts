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
 * (created_at_platform, id): a drill-down list, read a page at a time from items_created_idx.
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
    if (f.platform) add('i.platform = ?', f.platform);
    if (f.sourceId) add('i.source_id = ?::uuid', f.sourceId);
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
    if (after) {
      params.push(after.createdUs, after.id);
      where.push(`(i.created_at_platform, i.id) <
        ('epoch'::timestamptz + $${params.length - 1}::bigint * interval '1 microsecond', $${params.length}::bigint)`);
    }
    return sqlRows(
      this.db,
      `SELECT i.id::text, i.conversation_id::text AS "conversationId", i.created_at_platform AS "createdAt",
              (extract(epoch FROM i.created_at_platform) * 1000000)::bigint::text AS "createdUs",
              i.text, i.author_name AS "authorName", i.platform, i.source_id::text AS "sourceId",
              i.language, i.sentiment_label AS sentiment, i.intent
         FROM items i
        WHERE i.direction = 'inbound' AND i.created_at_platform >= $1 AND i.created_at_platform < $2
              ${where.map((w) => `AND ${w}`).join(' ')}
        ORDER BY i.created_at_platform DESC, i.id DESC
        LIMIT $3`,
      params,
    );
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
