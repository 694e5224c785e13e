import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Queryable, sqlOne, sqlRows } from '../../database/sql';

export interface SavedViewRow {
  id: string;
  key: string | null;
  name: string;
  ownerId: string | null;
  teamId: string | null;
  filters: Record<string, unknown>;
  position: number;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `v.id, v.key, v.name, v.owner_id AS "ownerId", v.team_id AS "teamId", v.filters, v.position,
  v.created_at AS "createdAt", v.updated_at AS "updatedAt"`;

/** The only writer of `saved_views`. */
@Injectable()
export class SavedViewsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * What a person sees: their own views, their teams' (every team's for an admin, who edits
   * them) and everyone's; everyone's first, then teams', then their own.
   */
  async visibleTo(userId: string, admin: boolean): Promise<SavedViewRow[]> {
    return sqlRows<SavedViewRow>(
      this.db,
      `SELECT ${COLUMNS} FROM saved_views v
        WHERE v.owner_id = $1
           OR (v.owner_id IS NULL AND v.team_id IS NULL)
           OR ($2 AND v.team_id IS NOT NULL)
           OR v.team_id IN (SELECT team_id FROM team_members WHERE user_id = $1)
        ORDER BY (v.owner_id IS NOT NULL), (v.team_id IS NOT NULL), v.position, v.created_at, v.id`,
      [userId, admin],
    );
  }

  async find(db: Queryable, id: string): Promise<SavedViewRow | undefined> {
    return sqlOne<SavedViewRow>(db, `SELECT ${COLUMNS} FROM saved_views v WHERE v.id = $1`, [id]);
  }

  async create(
    db: Queryable,
    v: { name: string; ownerId: string | null; teamId: string | null; filters: object; createdBy: string },
  ): Promise<SavedViewRow> {
    const row = await sqlOne<SavedViewRow>(
      db,
      `WITH v AS (
         INSERT INTO saved_views (name, owner_id, team_id, filters, created_by, position)
         VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(max(position), 0) + 1 FROM saved_views))
         RETURNING *)
       SELECT ${COLUMNS} FROM v`,
      [v.name, v.ownerId, v.teamId, JSON.stringify(v.filters), v.createdBy],
    );
    return row!;
  }

  async update(db: Queryable, id: string, v: { name?: string; filters?: object }): Promise<SavedViewRow> {
    const row = await sqlOne<SavedViewRow>(
      db,
      `WITH v AS (
         UPDATE saved_views SET name = COALESCE($2, name), filters = COALESCE($3::jsonb, filters),
           updated_at = now() WHERE id = $1 RETURNING *)
       SELECT ${COLUMNS} FROM v`,
      [id, v.name ?? null, v.filters ? JSON.stringify(v.filters) : null],
    );
    return row!;
  }

  async remove(db: Queryable, id: string): Promise<void> {
    await db.query(`DELETE FROM saved_views WHERE id = $1`, [id]);
  }

  async isMember(db: Queryable, userId: string, teamId: string): Promise<boolean> {
    return !!(await sqlOne(db, `SELECT 1 FROM team_members WHERE user_id = $1 AND team_id = $2`, [
      userId,
      teamId,
    ]));
  }

  async teamExists(db: Queryable, teamId: string): Promise<boolean> {
    return !!(await sqlOne(db, `SELECT 1 FROM teams WHERE id = $1`, [teamId]));
  }
}
