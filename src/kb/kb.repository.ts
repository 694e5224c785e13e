import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Queryable, sqlOne, sqlRows } from '../database/sql';

/** A knowledge-base article as the API returns it. */
export interface KbArticleRow {
  id: string;
  title: string;
  body: string;
  locale: 'ru' | 'en';
  tags: string[];
  url: string | null;
  useCount: number;
  createdBy: string | null;
  updatedBy: string | null;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface KbArticleFields {
  title?: string;
  body?: string;
  locale?: string;
  tags?: string[];
  url?: string | null;
}

const COLUMNS = `a.id, a.title, a.body, a.locale, a.tags, a.url,
  (SELECT count(*)::int FROM kb_article_uses u WHERE u.article_id = a.id) AS "useCount",
  a.created_by AS "createdBy", a.updated_by AS "updatedBy", a.archived_at AS "archivedAt",
  a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;

/** kb_articles and kb_article_uses: the only code that writes them. */
@Injectable()
export class KbRepository {
  constructor(private readonly db: DataSource) {}

  list(f: { locale?: string; tag?: string; archived?: boolean; ids?: string[] }): Promise<KbArticleRow[]> {
    return sqlRows<KbArticleRow>(
      this.db,
      `SELECT ${COLUMNS} FROM kb_articles a
        WHERE ($1::text IS NULL OR a.locale = $1) AND ($2::text IS NULL OR $2 = ANY (a.tags))
          AND (a.archived_at IS NOT NULL) = $3 AND ($4::uuid[] IS NULL OR a.id = ANY ($4))
        ORDER BY a.title, a.id`,
      [f.locale ?? null, f.tag ?? null, f.archived ?? false, f.ids ?? null],
    );
  }

  /**
   * Row-locked (FOR NO KEY UPDATE: foreign-key checks on the row still pass) when the caller
   * read-modifies-writes it: concurrent edits then queue, and each one's "before" is the last one's "after".
   */
  find(db: Queryable, id: string, lock = false): Promise<KbArticleRow | undefined> {
    const forUpdate = lock ? ' FOR NO KEY UPDATE' : '';
    return sqlOne<KbArticleRow>(db, `SELECT ${COLUMNS} FROM kb_articles a WHERE a.id = $1${forUpdate}`, [id]);
  }

  /** What the ranking index is built from: the articles in use. */
  active(): Promise<Array<Pick<KbArticleRow, 'id' | 'title' | 'body' | 'tags' | 'locale'>>> {
    return sqlRows(
      this.db,
      `SELECT id, title, body, tags, locale FROM kb_articles WHERE archived_at IS NULL`,
    );
  }

  /** Changes when any article is added, edited or archived (the ranking index's cache key). */
  async version(): Promise<string> {
    const row = await sqlOne<{ v: string }>(
      this.db,
      `SELECT count(*) || ':' || COALESCE(max(updated_at)::text, '') AS v FROM kb_articles`,
    );
    return row!.v;
  }

  async create(
    db: Queryable,
    f: Required<Pick<KbArticleFields, 'title' | 'body'>> & KbArticleFields,
    userId: string | null,
  ) {
    const row = await sqlOne<{ id: string }>(
      db,
      `INSERT INTO kb_articles (title, body, locale, tags, url, created_by, updated_by)
       VALUES ($1, $2, COALESCE($3, 'ru'), COALESCE($4, '{}'::text[]), $5, $6, $6) RETURNING id`,
      [f.title, f.body, f.locale ?? null, f.tags ?? null, f.url ?? null, userId],
    );
    return row!.id;
  }

  /** Seeds articles into an empty knowledge base (demo mode); returns how many were added. */
  async seedIfEmpty(
    articles: ReadonlyArray<KbArticleFields & { title: string; body: string }>,
  ): Promise<number> {
    const rows = await sqlRows(
      this.db,
      `INSERT INTO kb_articles (title, body, locale, tags, url)
       SELECT x.title, x.body, x.locale, ARRAY(SELECT jsonb_array_elements_text(x.tags)), x.url
         FROM jsonb_to_recordset($1::jsonb) AS x(title text, body text, locale text, tags jsonb, url text)
        WHERE NOT EXISTS (SELECT 1 FROM kb_articles)
       RETURNING id`,
      [JSON.stringify(articles)],
    );
    return rows.length;
  }

  async update(db: Queryable, id: string, f: KbArticleFields & { archived?: boolean }, userId: string) {
    const sets: string[] = ['updated_at = now()', 'updated_by = $2'];
    const params: unknown[] = [id, userId];
    for (const key of ['title', 'body', 'locale', 'tags', 'url'] as const) {
      if (f[key] === undefined) continue;
      params.push(f[key]);
      sets.push(`${key} = $${params.length}`);
    }
    if (f.archived !== undefined)
      sets.push(f.archived ? 'archived_at = COALESCE(archived_at, now())' : 'archived_at = NULL');
    const rows = await sqlRows<{ id: string }>(
      db,
      `UPDATE kb_articles SET ${sets.join(', ')} WHERE id = $1 RETURNING id`,
      params,
    );
    return rows.length > 0;
  }

  async recordUse(db: Queryable, articleId: string, conversationId: string, userId: string, kind: string) {
    await db.query(
      `INSERT INTO kb_article_uses (article_id, conversation_id, user_id, kind) VALUES ($1, $2, $3, $4)`,
      [articleId, conversationId, userId, kind],
    );
  }

  /** The customer's newest messages in a conversation, oldest first (what suggestions rank for). */
  async latestCustomerMessages(conversationId: string, limit: number) {
    const rows = await sqlRows<{ text: string; language: string | null }>(
      this.db,
      `SELECT text, language FROM (
         SELECT text, language, created_at_platform, id FROM items
          WHERE conversation_id = $1 AND direction = 'inbound' AND text <> ''
          ORDER BY created_at_platform DESC, id DESC LIMIT $2) t
        ORDER BY created_at_platform, id`,
      [conversationId, limit],
    );
    return rows;
  }

  async conversationExists(id: string): Promise<boolean> {
    return !!(await sqlOne(this.db, `SELECT 1 FROM conversations WHERE id = $1`, [id]));
  }
}
