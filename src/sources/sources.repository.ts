import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import type { HealthChange } from './source-health';
import { SourceEntity } from './source.entity';

/** NOTIFY channel: a source was created or changed (payload: its id); receivers rescan at once. */
export const SOURCES_CHANNEL = 'sources';

/** Sources and their sync cursors in PostgreSQL. */
@Injectable()
export class SourcesRepository {
  private readonly repo: Repository<SourceEntity>;

  constructor(private readonly ds: DataSource) {
    this.repo = ds.getRepository(SourceEntity);
  }

  list(): Promise<SourceEntity[]> {
    return this.repo.find({ order: { createdAt: 'ASC' } });
  }

  findById(id: string): Promise<SourceEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** The row with its sealed credentials (only for building a connector context). */
  findWithCredentials(id: string): Promise<SourceEntity | null> {
    return this.repo
      .createQueryBuilder('s')
      .addSelect('s.credentialsEncrypted')
      .where('s.id = :id', { id })
      .getOne();
  }

  listEnabled(): Promise<SourceEntity[]> {
    return this.repo.find({ where: { enabled: true }, order: { createdAt: 'ASC' } });
  }

  async insert(row: Partial<SourceEntity> & { id: string }): Promise<void> {
    await this.repo.insert(row);
  }

  async update(id: string, patch: Partial<SourceEntity>): Promise<void> {
    await this.repo.update({ id }, patch);
  }

  /** Tells every worker instance that listens; sent after the change committed. */
  async notifyChanged(id: string): Promise<void> {
    await this.ds.query(`SELECT pg_notify($1, $2)`, [SOURCES_CHANNEL, id]);
  }

  async cursors(sourceId: string): Promise<Record<string, unknown>> {
    const rows: { stream: string; cursor: unknown }[] = await this.ds.query(
      `SELECT stream, cursor FROM sync_cursors WHERE source_id = $1`,
      [sourceId],
    );
    return Object.fromEntries(rows.map((r) => [r.stream, r.cursor]));
  }

  /**
   * Adds API quota units spent on `day` (the platform's quota day; a new day starts from zero) in
   * one statement, so concurrent workers add up; answers the day's total.
   */
  async spendQuota(id: string, day: string, units: number): Promise<number> {
    const rows: Array<{ used: number }> = await this.ds.query(
      `UPDATE sources SET
         quota_used = CASE WHEN quota_day = $2::date THEN quota_used + $3 ELSE $3 END,
         quota_day = $2::date
       WHERE id = $1
       RETURNING quota_used AS used`,
      [id, day, units],
    );
    return Number(rows[0]?.used ?? units);
  }

  async quota(id: string): Promise<{ day: string; used: number } | null> {
    const rows: Array<{ day: string | null; used: number }> = await this.ds.query(
      `SELECT to_char(quota_day, 'YYYY-MM-DD') AS day, quota_used AS used FROM sources WHERE id = $1`,
      [id],
    );
    return rows[0]?.day ? { day: rows[0].day, used: Number(rows[0].used) } : null;
  }

  /**
   * Writes a health change; `synced` also stamps last_synced_at (a successful read).
   * `keepAttention`: leave a source that needs attention as it is (checked in the statement, so a
   * success read before the failure was recorded cannot overwrite it).
   */
  async applyHealth(id: string, c: HealthChange, synced: boolean, keepAttention = false): Promise<void> {
    await this.ds.query(
      `UPDATE sources SET
         status_changed_at = CASE WHEN status <> $2 THEN now() ELSE status_changed_at END,
         status = $2, status_reason = $3, throttled_until = $4, consecutive_failures = $5,
         last_error_code = $6,
         last_synced_at = CASE WHEN $7 THEN now() ELSE last_synced_at END,
         updated_at = now()
       WHERE id = $1 AND NOT ($8 AND status = 'needs_attention')`,
      [
        id,
        c.status,
        c.statusReason,
        c.throttledUntil,
        c.consecutiveFailures,
        c.lastErrorCode,
        synced,
        keepAttention,
      ],
    );
  }
}
