import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Queryable, sqlOne, sqlRows } from '../database/sql';

const COLUMNS = `id, name, shortcut, locale, body, intent, created_by AS "createdBy",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** A reply template as the API returns it. */
export interface TemplateRow {
  id: string;
  name: string;
  shortcut: string | null;
  locale: 'ru' | 'en';
  body: string;
  intent: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface TemplateFields {
  name?: string;
  shortcut?: string | null;
  locale?: string;
  body?: string;
  intent?: string | null;
}

@Injectable()
export class TemplatesRepository {
  constructor(private readonly db: DataSource) {}

  list(filter: { locale?: string; intent?: string }): Promise<TemplateRow[]> {
    return sqlRows<TemplateRow>(
      this.db,
      `SELECT ${COLUMNS} FROM templates
       WHERE ($1::text IS NULL OR locale = $1) AND ($2::text IS NULL OR intent = $2 OR intent IS NULL)
       ORDER BY name, id`,
      [filter.locale ?? null, filter.intent ?? null],
    );
  }

  create(
    db: Queryable,
    f: Required<Pick<TemplateFields, 'name' | 'body'>> & TemplateFields,
    userId: string,
  ): Promise<TemplateRow | undefined> {
    return sqlOne<TemplateRow>(
      db,
      `INSERT INTO templates (name, shortcut, locale, body, intent, created_by)
       VALUES ($1, $2, COALESCE($3, 'ru'), $4, $5, $6) RETURNING ${COLUMNS}`,
      [f.name, f.shortcut ?? null, f.locale ?? null, f.body, f.intent ?? null, userId],
    );
  }

  async update(db: Queryable, id: string, f: TemplateFields): Promise<TemplateRow | undefined> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [key, column] of [
      ['name', 'name'],
      ['shortcut', 'shortcut'],
      ['locale', 'locale'],
      ['body', 'body'],
      ['intent', 'intent'],
    ] as const) {
      if (f[key] === undefined) continue;
      params.push(f[key]);
      sets.push(`${column} = $${params.length}`);
    }
    const rows = await sqlRows<TemplateRow>(
      db,
      `UPDATE templates SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`,
      params,
    );
    return rows[0];
  }
}
