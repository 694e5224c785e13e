import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PG, pgCode } from '../database/pg-errors';
import { Team } from './team.entity';

@Injectable()
export class TeamsRepository {
  constructor(private readonly db: DataSource) {}

  private repo(m: EntityManager = this.db.manager) {
    return m.getRepository(Team);
  }

  list(): Promise<Team[]> {
    return this.repo().find({ relations: { members: true }, order: { name: 'ASC' } });
  }

  findById(id: string, m?: EntityManager): Promise<Team | null> {
    return this.repo(m).findOne({ where: { id }, relations: { members: true } });
  }

  /**
   * Row-locks the team (FOR NO KEY UPDATE: members can still be added meanwhile) before a rename,
   * so concurrent renames queue and each audit entry's "from" is the previous one's "to".
   */
  async lock(id: string, m: EntityManager): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM teams WHERE id = $1 FOR NO KEY UPDATE`, [id]);
    return rows.length === 1;
  }

  /** Null when the name is taken. */
  async insert(name: string, m: EntityManager = this.db.manager): Promise<Team | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO teams (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id`,
      [name],
    );
    return rows[0] ? this.findById(rows[0].id, m) : null;
  }

  /** False when another team has the name (unique violation) — the caller maps it. */
  async rename(id: string, name: string, m: EntityManager = this.db.manager): Promise<boolean> {
    const [, affected] = await m.query(`UPDATE teams SET name = $2 WHERE id = $1`, [id, name]);
    return affected === 1;
  }

  async delete(id: string, m: EntityManager = this.db.manager): Promise<boolean> {
    const [, affected] = await m.query(`DELETE FROM teams WHERE id = $1`, [id]);
    return affected === 1;
  }

  /** 'added' | 'already' | 'missing' (no such team or user). */
  async addMember(teamId: string, userId: string, m: EntityManager = this.db.manager) {
    try {
      const rows = await m.query(
        `INSERT INTO team_members (team_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING team_id`,
        [teamId, userId],
      );
      return rows.length === 1 ? 'added' : 'already';
    } catch (err) {
      if (pgCode(err) === PG.FOREIGN_KEY_VIOLATION) return 'missing';
      throw err;
    }
  }

  async removeMember(teamId: string, userId: string, m: EntityManager = this.db.manager): Promise<boolean> {
    const [, affected] = await m.query(`DELETE FROM team_members WHERE team_id = $1 AND user_id = $2`, [
      teamId,
      userId,
    ]);
    return affected === 1;
  }
}
