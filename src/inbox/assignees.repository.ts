import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../database/sql';

export interface AssigneeRow {
  id: string;
  name: string;
  role: 'agent' | 'admin';
  open: number;
  pending: number;
  capacity: number;
  teamIds: string[];
}

export interface AssigneeTeamRow {
  id: string;
  name: string;
  open: number;
  unassigned: number;
}

/** Who can take a conversation, and the load each carries now (conversations_assignee_idx). */
@Injectable()
export class AssigneesRepository {
  constructor(private readonly db: DataSource) {}

  agents(): Promise<AssigneeRow[]> {
    return sqlRows<AssigneeRow>(
      this.db,
      `SELECT u.id, u.name, u.role::text AS role, u.max_open_conversations AS capacity,
              COALESCE(l.open, 0)::int AS open, COALESCE(l.pending, 0)::int AS pending,
              COALESCE((SELECT array_agg(m.team_id::text ORDER BY m.team_id) FROM team_members m WHERE m.user_id = u.id),
                       '{}') AS "teamIds"
         FROM users u
         LEFT JOIN (SELECT assignee_id, count(*) FILTER (WHERE status = 'open') AS open,
                           count(*) FILTER (WHERE status = 'pending') AS pending
                      FROM conversations WHERE assignee_id IS NOT NULL AND status IN ('open', 'pending')
                     GROUP BY assignee_id) l ON l.assignee_id = u.id
        WHERE u.disabled_at IS NULL AND u.role IN ('agent', 'admin')
        ORDER BY COALESCE(l.open, 0)::float / u.max_open_conversations, u.name, u.id`,
    );
  }

  teams(): Promise<AssigneeTeamRow[]> {
    return sqlRows<AssigneeTeamRow>(
      this.db,
      `SELECT t.id, t.name, COALESCE(l.open, 0)::int AS open, COALESCE(l.unassigned, 0)::int AS unassigned
         FROM teams t
         LEFT JOIN (SELECT team_id, count(*) AS open, count(*) FILTER (WHERE assignee_id IS NULL) AS unassigned
                      FROM conversations WHERE team_id IS NOT NULL AND status = 'open' GROUP BY team_id) l
           ON l.team_id = t.id
        ORDER BY t.name, t.id`,
    );
  }
}
