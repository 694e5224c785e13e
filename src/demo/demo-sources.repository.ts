import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlOne } from '../inbox/sql';

/** Finds the demo's own sources (marked in their settings) and clears their stale cursors. */
@Injectable()
export class DemoSourcesRepository {
  constructor(private readonly db: DataSource) {}

  find(marker: 'vk' | 'telegram') {
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
}
