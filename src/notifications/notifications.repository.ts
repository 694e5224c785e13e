import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Queryable, sqlOne, sqlRows } from '../database/sql';

export type NotificationKind = 'sla_warning' | 'sla_breach' | 'returned_to_queue';
export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  'sla_warning',
  'sla_breach',
  'returned_to_queue',
];

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  conversationId: string;
  data: Record<string, unknown>;
  /** One notification per person and key (e.g. the SLA event's id): a second sweep adds nothing. */
  dedupeKey: string;
}

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  conversationId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

/** `notifications`: written here only (the escalations and the idle return, through NotificationsService). */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: DataSource) {}

  /** Inserts once per (person, dedupe key); returns the rows actually added. */
  insert(
    db: Queryable,
    rows: readonly NewNotification[],
  ): Promise<{ id: string; userId: string; conversationId: string }[]> {
    if (rows.length === 0) return Promise.resolve([]);
    return sqlRows(
      db,
      `INSERT INTO notifications (user_id, kind, conversation_id, data, dedupe_key)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::jsonb[], $5::text[])
       ON CONFLICT (user_id, dedupe_key) DO NOTHING
       RETURNING id::text, user_id AS "userId", conversation_id AS "conversationId"`,
      [
        rows.map((r) => r.userId),
        rows.map((r) => r.kind),
        rows.map((r) => r.conversationId),
        rows.map((r) => JSON.stringify(r.data)),
        rows.map((r) => r.dedupeKey),
      ],
    );
  }

  list(userId: string, f: { before?: string; unread?: boolean; limit: number }): Promise<NotificationRow[]> {
    return sqlRows<NotificationRow>(
      this.db,
      `SELECT id::text, kind, conversation_id AS "conversationId", data, created_at AS "createdAt", read_at AS "readAt"
         FROM notifications
        WHERE user_id = $1 AND ($2::bigint IS NULL OR id < $2) AND (NOT $3 OR read_at IS NULL)
        ORDER BY id DESC LIMIT $4`,
      [userId, f.before ?? null, f.unread ?? false, f.limit],
    );
  }

  async unreadCount(userId: string): Promise<number> {
    const r = await sqlOne<{ n: number }>(
      this.db,
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return r!.n;
  }

  /** Marks the given ones (or all) read; only the person's own. */
  async markRead(userId: string, ids: readonly string[] | 'all'): Promise<number> {
    const rows = await sqlRows(
      this.db,
      `UPDATE notifications SET read_at = now()
        WHERE user_id = $1 AND read_at IS NULL AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))
        RETURNING id`,
      [userId, ids === 'all' ? null : ids],
    );
    return rows.length;
  }

  /** Active agents and admins of a team; without a team, every active agent and admin. */
  teamMembers(db: Queryable, teamId: string | null): Promise<{ id: string }[]> {
    return sqlRows(
      db,
      `SELECT u.id FROM users u
        WHERE u.disabled_at IS NULL AND u.role IN ('agent', 'admin')
          AND ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM team_members tm WHERE tm.team_id = $1 AND tm.user_id = u.id))
        ORDER BY u.id`,
      [teamId],
    );
  }

  /**
   * Who hears of a breach: the team's leads (members with the lead flag), else the team's
   * admins, else (no team, or nobody of either in it) every active admin, so a breach always
   * reaches someone who can act. One statement: the first non-empty tier wins.
   */
  async leads(db: Queryable, teamId: string | null): Promise<{ id: string }[]> {
    return sqlRows<{ id: string }>(
      db,
      `WITH tiers AS (
         SELECT u.id, CASE WHEN u.is_lead THEN 1 ELSE 2 END AS tier
           FROM users u JOIN team_members tm ON tm.user_id = u.id AND tm.team_id = $1
          WHERE u.disabled_at IS NULL AND (u.is_lead OR u.role = 'admin')
         UNION ALL
         SELECT id, 3 FROM users WHERE disabled_at IS NULL AND role = 'admin'
       )
       SELECT DISTINCT id FROM tiers WHERE tier = (SELECT min(tier) FROM tiers) ORDER BY id`,
      [teamId],
    );
  }
}
