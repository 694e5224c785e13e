import { Injectable } from '@nestjs/common';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { InboxEvent } from '../inbox/inbox-events';
import { Queryable, sqlRows } from '../database/sql';

const COLUMNS = `e.id::text AS id, e.type, to_json(e.at) #>> '{}' AS at,
  e.conversation_ids::text[] AS "conversationIds", e.data`;

/**
 * How far back a resume looks before the browser's last event. Ids are taken at insert time and
 * rows become visible at commit, so an event with a smaller id can commit (and stream) after a
 * larger one; writers publish at the end of their transactions, so the gap is milliseconds, and
 * a minute is a wide margin. The browser drops ids it has already seen.
 */
export const RESUME_WINDOW_SECONDS = 60;
/** A resume with more than this to replay is told to reload instead. */
export const RESUME_MAX_EVENTS = 5000;
/** Events are kept this long (a browser offline longer reloads its data). */
export const RETENTION_HOURS = 24;

/** Reads of `inbox_events` for the stream hub; rows are written by publishInboxEvents(). */
@Injectable()
export class InboxEventsRepository {
  constructor(private readonly db: DataSource) {}

  byIds(ids: readonly string[]): Promise<InboxEvent[]> {
    return sqlRows<InboxEvent>(
      this.db,
      `SELECT ${COLUMNS} FROM inbox_events e WHERE e.id = ANY($1::bigint[]) ORDER BY e.id`,
      [ids],
    );
  }

  /** The same read on a given pg connection (the hub's LISTEN connection). */
  async byIdsOn(c: Pick<Client, 'query'>, ids: readonly string[]): Promise<InboxEvent[]> {
    const r = await c.query<InboxEvent>(
      `SELECT ${COLUMNS} FROM inbox_events e WHERE e.id = ANY($1::bigint[]) ORDER BY e.id`,
      [ids],
    );
    return r.rows;
  }

  /**
   * What a browser that last saw `lastId` may have missed: everything after it and anything
   * inserted up to RESUME_WINDOW_SECONDS before it. Null when `lastId` is unknown (pruned, or
   * from another database) or there is too much: the browser must reload.
   */
  async resume(lastId: string): Promise<InboxEvent[] | null> {
    const rows = await sqlRows<InboxEvent>(
      this.db,
      `WITH last AS (SELECT at FROM inbox_events WHERE id = $1::bigint)
       SELECT ${COLUMNS} FROM inbox_events e, last
        WHERE e.at >= last.at - make_interval(secs => $2) AND e.id <> $1::bigint
        ORDER BY e.id LIMIT $3`,
      [lastId, RESUME_WINDOW_SECONDS, RESUME_MAX_EVENTS + 1],
    );
    if (rows.length > RESUME_MAX_EVENTS) return null;
    if (rows.length === 0 && !(await this.exists(lastId))) return null;
    return rows;
  }

  /** Everything inserted since `since` (the hub's catch-up after its LISTEN connection was lost). */
  after(since: Date): Promise<InboxEvent[]> {
    return sqlRows<InboxEvent>(
      this.db,
      `SELECT ${COLUMNS} FROM inbox_events e WHERE e.at >= $1 ORDER BY e.id LIMIT $2`,
      [since, RESUME_MAX_EVENTS],
    );
  }

  /** The sessions among `ids` that are still live (not signed out, expired or disabled). */
  async liveSessions(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await sqlRows<{ id: string }>(
      this.db,
      `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = ANY($1::text[]) AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Drops events older than RETENTION_HOURS; returns how many. */
  async prune(db: Queryable = this.db): Promise<number> {
    const rows = await sqlRows(
      db,
      `DELETE FROM inbox_events WHERE at < now() - make_interval(hours => $1) RETURNING 1`,
      [RETENTION_HOURS],
    );
    return rows.length;
  }

  private async exists(id: string): Promise<boolean> {
    const rows = await sqlRows(this.db, `SELECT 1 FROM inbox_events WHERE id = $1::bigint`, [id]);
    return rows.length > 0;
  }
}
