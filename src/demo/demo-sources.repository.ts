import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlOne } from '../database/sql';
import { DemoTemplate } from './demo-templates';

/** Finds the demo's own sources (marked in their settings), clears their stale cursors, seeds templates. */
@Injectable()
export class DemoSourcesRepository {
  constructor(private readonly db: DataSource) {}

  find(marker: 'vk' | 'telegram' | 'youtube') {
    return sqlOne<{ id: string; settings: Record<string, any> }>(
      this.db,
      `SELECT id, settings FROM sources WHERE settings->>'demo' = $1 ORDER BY created_at LIMIT 1`,
      [marker],
    );
  }

  /**
   * The emulators start empty on every run, so cursors from the last run (long-poll ts,
   * getUpdates offset) point at nothing; the demo's items are re-numbered past the old ones.
   */
  async clearCursors(sourceId: string): Promise<void> {
    await this.db.query(`DELETE FROM sync_cursors WHERE source_id = $1`, [sourceId]);
  }

  /**
   * Inserts the demo's reply templates only while the table is empty (an admin's own templates,
   * or the ones from the last run, are left alone); two instances starting at once collide on
   * the unique shortcut and insert each template once. Returns how many were inserted.
   */
  async seedTemplates(templates: readonly DemoTemplate[]): Promise<number> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO templates (name, shortcut, locale, body, intent)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       WHERE NOT EXISTS (SELECT 1 FROM templates)
       ON CONFLICT (shortcut) DO NOTHING
       RETURNING id`,
      [
        templates.map((t) => t.name),
        templates.map((t) => t.shortcut),
        templates.map((t) => t.locale),
        templates.map((t) => t.body),
        templates.map((t) => t.intent),
      ],
    );
    return rows.length;
  }
}
