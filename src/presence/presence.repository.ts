import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlOne, sqlRows } from '../database/sql';
import { PRESENCE_CHANNEL, type Presence, type PresenceState } from './presence';

/** `conversation_presence` (UNLOGGED, ephemeral) and the NOTIFY that carries each change. */
@Injectable()
export class PresenceRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Records the claim (or removes it: `left`) and announces it in one statement; null when the
   * conversation does not exist.
   */
  async set(
    userId: string,
    conversationId: string,
    state: PresenceState,
    until: Date,
  ): Promise<Presence | null> {
    const row = await sqlOne<{ p: Presence | null }>(
      this.db,
      `WITH conv AS (SELECT id FROM conversations WHERE id = $2),
       up AS (
         INSERT INTO conversation_presence (user_id, conversation_id, state, until)
         SELECT $1, id, $3, $4 FROM conv WHERE $3 <> 'left'
         ON CONFLICT (conversation_id, user_id) DO UPDATE SET state = EXCLUDED.state, until = EXCLUDED.until
         RETURNING 1),
       del AS (
         DELETE FROM conversation_presence WHERE $3 = 'left' AND user_id = $1 AND conversation_id = $2 RETURNING 1),
       p AS (
         SELECT json_build_object('userId', u.id, 'name', u.name, 'conversationId', conv.id, 'state', $3::text,
                'until', to_json($4::timestamptz) #>> '{}') AS p
           FROM users u, conv WHERE u.id = $1)
       SELECT p, pg_notify('${PRESENCE_CHANNEL}', p::text) FROM p`,
      [userId, conversationId, state, until],
    );
    return row?.p ?? null;
  }

  /** Live claims (optionally for some conversations), newest first. */
  current(conversationIds?: readonly string[]): Promise<Presence[]> {
    return sqlRows<Presence>(
      this.db,
      `SELECT p.user_id AS "userId", u.name, p.conversation_id AS "conversationId", p.state,
              to_json(p.until) #>> '{}' AS until
         FROM conversation_presence p JOIN users u ON u.id = p.user_id
        WHERE p.until > now() AND ($1::uuid[] IS NULL OR p.conversation_id = ANY($1::uuid[]))
        ORDER BY p.until DESC LIMIT 500`,
      [conversationIds ?? null],
    );
  }

  /** Expired claims are dropped (a worker job; the table never grows past who is looking). */
  async prune(): Promise<void> {
    await this.db.query(`DELETE FROM conversation_presence WHERE until < now() - interval '1 minute'`);
  }
}
