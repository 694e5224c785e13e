import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Queryable, sqlOne } from '../database/sql';

export interface CompanySettings {
  timeZone: string;
  brandWords: string[];
  updatedAt: Date;
}

/** The one row of company_settings: the company's time zone (reports' default) and brand words. */
@Injectable()
export class CompanySettingsRepository {
  constructor(private readonly db: DataSource) {}

  async get(db: Queryable = this.db): Promise<CompanySettings> {
    const row = await sqlOne<CompanySettings>(
      db,
      `SELECT time_zone AS "timeZone", brand_words AS "brandWords", updated_at AS "updatedAt" FROM company_settings`,
    );
    return row!;
  }

  async update(
    db: Queryable,
    patch: { timeZone?: string; brandWords?: string[] },
    userId: string,
  ): Promise<CompanySettings> {
    const row = await sqlOne<CompanySettings>(
      db,
      `UPDATE company_settings SET time_zone = COALESCE($1, time_zone), brand_words = COALESCE($2, brand_words),
              updated_at = now(), updated_by = $3
        RETURNING time_zone AS "timeZone", brand_words AS "brandWords", updated_at AS "updatedAt"`,
      [patch.timeZone ?? null, patch.brandWords ?? null, userId],
    );
    return row!;
  }

  /** PostgreSQL must know the zone too: its date_trunc buckets the rollups. */
  async knowsTimeZone(zone: string): Promise<boolean> {
    const row = await sqlOne<{ ok: boolean }>(
      this.db,
      `SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = $1) AS ok`,
      [zone],
    );
    return !!row?.ok;
  }
}
