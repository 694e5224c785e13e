import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ModelBundleJson } from '../model/bundle';

export interface ModelVersionRow {
  version: string;
  active: boolean;
  metrics: Record<string, unknown>;
  trainedOn: number;
  createdAt: Date;
  promotedAt: Date | null;
  hasArtifact: boolean;
}

export interface NewModelVersion {
  version: string;
  promote: boolean;
  metrics: Record<string, unknown>;
  trainedOn: number;
  artifact: ModelBundleJson | null;
}

/** model_versions: every trained version with its figures; at most one active (unique partial index). */
@Injectable()
export class ModelVersionsRepository {
  constructor(private readonly db: DataSource) {}

  /** The active version's name, cheap enough to poll. */
  async activeVersion(): Promise<{ version: string; hasArtifact: boolean } | null> {
    const rows = await this.db.query(
      `SELECT version, artifact IS NOT NULL AS "hasArtifact" FROM model_versions WHERE active`,
    );
    return rows[0] ?? null;
  }

  async artifact(version: string): Promise<ModelBundleJson | null> {
    const rows = await this.db.query(`SELECT artifact FROM model_versions WHERE version = $1`, [version]);
    return rows[0]?.artifact ?? null;
  }

  async list(): Promise<ModelVersionRow[]> {
    return this.db.query(
      `SELECT version, active, metrics, trained_on AS "trainedOn", created_at AS "createdAt",
              promoted_at AS "promotedAt", artifact IS NOT NULL AS "hasArtifact"
         FROM model_versions ORDER BY created_at DESC, version DESC`,
    );
  }

  /**
   * Records a trained version; a promoted one becomes the only active row in the same
   * transaction, and NOTIFY 'model' (delivered on commit) tells listening instances.
   */
  async record(v: NewModelVersion): Promise<void> {
    await this.db.transaction(async (m) => {
      if (v.promote) await m.query(`UPDATE model_versions SET active = false WHERE active`);
      await m.query(
        `INSERT INTO model_versions (version, active, metrics, artifact, trained_on, promoted_at)
         VALUES ($1, $2, $3, $4, $5, CASE WHEN $2 THEN now() END)`,
        [v.version, v.promote, v.metrics, v.artifact, v.trainedOn],
      );
      if (v.promote) await m.query(`SELECT pg_notify('model', $1)`, [v.version]);
    });
  }

  /** No version newer than `intervalSeconds`, and corrections after the newest one (or ever, with none). */
  async retrainDue(intervalSeconds: number): Promise<boolean> {
    const [row] = await this.db.query(
      `WITH last AS (SELECT COALESCE(max(created_at), '-infinity') AS at FROM model_versions)
       SELECT (SELECT at FROM last) <= now() - make_interval(secs => $1)
          AND EXISTS (SELECT 1 FROM analysis_corrections WHERE created_at > (SELECT at FROM last)) AS due`,
      [intervalSeconds],
    );
    return row.due;
  }

  /** The database URL, for the training code's own correction reader. */
  databaseUrl(): string {
    return (this.db.options as { url?: string }).url ?? '';
  }
}
