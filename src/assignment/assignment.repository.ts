import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Queryable, sqlOne, sqlRows } from '../database/sql';
import { type AgentLoad, type AgentState, LOAD_STATUSES, SEEN_TIMEOUT_MS } from './assignment-rules';

const LOAD = `(SELECT count(*)::int FROM conversations c
                WHERE c.assignee_id = u.id AND c.status::text = ANY('{${LOAD_STATUSES.join(',')}}'))`;

const AGENT_COLUMNS = `u.id AS "userId", u.name, COALESCE(a.state, 'offline') AS state,
  u.max_open_conversations AS capacity, ${LOAD} AS load, COALESCE(a.languages, '{}') AS languages,
  ARRAY(SELECT tm.team_id::text FROM team_members tm WHERE tm.user_id = u.id ORDER BY tm.team_id) AS "teamIds",
  a.seen_at AS "seenAt", a.last_assigned_at AS "lastAssignedAt", a.changed_at AS "changedAt"`;

export interface AgentRow extends AgentLoad {
  name: string;
  changedAt: Date | null;
}

export interface TeamAssignmentRow {
  teamId: string;
  autoAssign: boolean;
  idleReturnMinutes: number | null;
}

/**
 * The SQL of agents' availability (`agent_status`), per-team hand-out settings
 * (`team_assignment`) and agents' load (read from conversations, which only
 * src/conversations/ writes).
 */
@Injectable()
export class AssignmentRepository {
  constructor(private readonly db: DataSource) {}

  /** Active agents and admins with their state and load (online ones only when asked). */
  agents(db: Queryable = this.db, onlineOnly = false): Promise<AgentRow[]> {
    return sqlRows<AgentRow>(
      db,
      `SELECT ${AGENT_COLUMNS} FROM users u LEFT JOIN agent_status a ON a.user_id = u.id
        WHERE u.disabled_at IS NULL AND u.role IN ('agent', 'admin')
          ${onlineOnly ? `AND a.state = 'online'` : ''}
        ORDER BY u.name, u.id`,
    );
  }

  agent(userId: string, db: Queryable = this.db): Promise<AgentRow | undefined> {
    return sqlOne<AgentRow>(
      db,
      `SELECT ${AGENT_COLUMNS} FROM users u LEFT JOIN agent_status a ON a.user_id = u.id WHERE u.id = $1`,
      [userId],
    );
  }

  /**
   * Locks the agent's availability row: every automatic assignment to an agent holds it, so two
   * assigners (on any instance) count that agent's load one after the other; 'busy' when another
   * assigner holds it this instant. The load is read in
   * a statement of its own AFTER the lock, so it sees what the previous holder of the lock committed.
   */
  async lockAgent(
    db: Queryable,
    userId: string,
  ): Promise<
    { state: AgentState; seenAt: Date | null; capacity: number; load: number } | 'busy' | undefined
  > {
    const row = await sqlOne<{ state: AgentState; seenAt: Date | null; capacity: number; disabled: boolean }>(
      db,
      `SELECT a.state, a.seen_at AS "seenAt", u.max_open_conversations AS capacity, u.disabled_at IS NOT NULL AS disabled
         FROM agent_status a JOIN users u ON u.id = a.user_id
        WHERE a.user_id = $1 FOR UPDATE OF a SKIP LOCKED`,
      [userId],
    );
    // locked by another assigner (SKIP LOCKED: never wait, so assigners cannot deadlock)
    if (!row)
      return (await sqlOne(db, `SELECT 1 FROM agent_status WHERE user_id = $1`, [userId]))
        ? 'busy'
        : undefined;
    if (row.disabled) return undefined;
    const load = await sqlOne<{ load: number }>(db, `SELECT ${LOAD} AS load FROM users u WHERE u.id = $1`, [
      userId,
    ]);
    return { ...row, load: load!.load };
  }

  /**
   * For a manual assignment: locks the agent's availability row (made if the agent never set a
   * state), WAITING for it — unlike the hand-out's SKIP LOCKED, a person's take may wait a moment
   * for an assigner that holds it — and counts the load after the lock, so takes and the hand-out
   * on any instance see each other's commits. The caller already holds the conversation's lock;
   * assigners never wait on a row lock, so this order cannot deadlock with them.
   */
  async lockAgentRoom(
    db: Queryable,
    userId: string,
  ): Promise<{ name: string; capacity: number; load: number } | undefined> {
    await db.query(`INSERT INTO agent_status (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING`, [
      userId,
    ]);
    const row = await sqlOne<{ name: string; capacity: number }>(
      db,
      `SELECT u.name, u.max_open_conversations AS capacity
         FROM agent_status a JOIN users u ON u.id = a.user_id
        WHERE a.user_id = $1 FOR UPDATE OF a`,
      [userId],
    );
    if (!row) return undefined;
    const load = await sqlOne<{ load: number }>(db, `SELECT ${LOAD} AS load FROM users u WHERE u.id = $1`, [
      userId,
    ]);
    return { ...row, load: load!.load };
  }

  async markAssigned(db: Queryable, userId: string): Promise<void> {
    await db.query(`UPDATE agent_status SET last_assigned_at = now() WHERE user_id = $1`, [userId]);
  }

  /** The agent's own state (and languages when given); setting a state proves the browser is there. */
  async setState(
    db: Queryable,
    userId: string,
    state: AgentState,
    languages?: readonly string[],
  ): Promise<void> {
    await db.query(
      `INSERT INTO agent_status (user_id, state, languages, seen_at, changed_at)
       VALUES ($1, $2, COALESCE($3::text[], '{}'), now(), now())
       ON CONFLICT (user_id) DO UPDATE SET
         state = EXCLUDED.state, seen_at = now(),
         languages = COALESCE($3::text[], agent_status.languages),
         changed_at = CASE WHEN agent_status.state = EXCLUDED.state THEN agent_status.changed_at ELSE now() END`,
      [userId, state, languages ?? null],
    );
  }

  async setLanguages(db: Queryable, userId: string, languages: readonly string[]): Promise<void> {
    await db.query(
      `INSERT INTO agent_status (user_id, languages) VALUES ($1, $2::text[])
       ON CONFLICT (user_id) DO UPDATE SET languages = EXCLUDED.languages`,
      [userId, languages],
    );
  }

  /** Browsers of these people are on the live stream now (the hub's heartbeat). */
  async touchSeen(userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.db.query(`UPDATE agent_status SET seen_at = now() WHERE user_id = ANY($1::uuid[])`, [userIds]);
  }

  /** Agents not offline whose browser has been gone longer than SEEN_TIMEOUT_MS become offline. */
  timeOut(now: Date): Promise<{ userId: string }[]> {
    return sqlRows(
      this.db,
      `UPDATE agent_status SET state = 'offline', changed_at = $1
        WHERE state <> 'offline' AND (seen_at IS NULL OR seen_at < $1::timestamptz - $2 * interval '1 millisecond')
        RETURNING user_id AS "userId"`,
      [now, SEEN_TIMEOUT_MS],
    );
  }

  teamSettings(db: Queryable = this.db): Promise<(TeamAssignmentRow & { name: string })[]> {
    return sqlRows(
      db,
      `SELECT t.id AS "teamId", t.name, COALESCE(ta.auto_assign, true) AS "autoAssign",
              ta.idle_return_minutes AS "idleReturnMinutes"
         FROM teams t LEFT JOIN team_assignment ta ON ta.team_id = t.id ORDER BY t.name`,
    );
  }

  async setTeamSettings(db: Queryable, s: TeamAssignmentRow): Promise<boolean> {
    const rows = await sqlRows(
      db,
      `INSERT INTO team_assignment (team_id, auto_assign, idle_return_minutes)
       SELECT id, $2, $3 FROM teams WHERE id = $1
       ON CONFLICT (team_id) DO UPDATE SET auto_assign = EXCLUDED.auto_assign,
         idle_return_minutes = EXCLUDED.idle_return_minutes, updated_at = now()
       RETURNING team_id`,
      [s.teamId, s.autoAssign, s.idleReturnMinutes],
    );
    return rows.length === 1;
  }
}
