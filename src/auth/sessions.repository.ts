import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PgNotifications } from '../database/pg-notifications';
import type { UserRole } from '../users/user.types';
import { SessionCache } from './session-cache';
import type { Session } from './session.entity';

/** A live session joined with its (enabled) user: what the guard needs, in one query. */
export interface ActiveSession {
  sessionId: string;
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
  userId: string;
  email: string;
  name: string;
  role: UserRole;
  isLead: boolean;
  locale: 'ru' | 'en';
}

/**
 * NOTIFY channel: sessions were deleted (sign-out, password change, disabled user). Live event
 * streams (src/realtime/) re-check their sessions at once instead of at the next heartbeat.
 */
export const SESSION_ENDED_CHANNEL = 'session_ended';

/**
 * NOTIFY channel, from triggers (migration SessionCacheSignals): a session of this user (the
 * payload) was deleted, or what the guard reads of the user changed. Cached sessions drop.
 */
export const SESSION_CHANGED_CHANNEL = 'session_changed';

@Injectable()
export class SessionsRepository implements OnModuleInit {
  private readonly cache = new SessionCache();

  constructor(
    private readonly db: DataSource,
    // optional so tests and benches can build it by hand (then nothing is cached)
    @Optional() private readonly notifications?: PgNotifications,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.notifications?.listen(SESSION_CHANGED_CHANNEL, {
      notified: (userId) => (userId ? this.cache.forgetUser(userId) : this.cache.forgetAll()),
      missed: () => this.cache.forgetAll(),
    });
  }

  /**
   * False when the user is disabled by now. The user row is read FOR SHARE in the same statement:
   * a sign-in that checked the user before an admin disabled them (argon2 takes a while) would
   * otherwise leave a session the disabling never saw, alive again once the user is re-enabled.
   * FOR SHARE waits for a disabling in flight and then sees it; one that starts later waits for
   * this insert and deletes the session with the others.
   */
  async create(session: Omit<Session, 'createdAt' | 'lastSeenAt'>): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO sessions (id, user_id, csrf_token, ip, user_agent, expires_at)
       SELECT $1, u.id, $3, $4, $5, $6 FROM users u
        WHERE u.id = $2 AND u.disabled_at IS NULL FOR SHARE OF u
       RETURNING 1`,
      [session.id, session.userId, session.csrfToken, session.ip, session.userAgent, session.expiresAt],
    );
    return rows.length === 1;
  }

  /**
   * By the stored id (the token's hash): from the cache while the LISTEN connection that keeps it
   * honest is up (see SessionCache), else from the database.
   */
  async findActiveById(id: string): Promise<ActiveSession | null> {
    const cacheable = this.notifications?.listening === true;
    if (cacheable) {
      const hit = this.cache.get(id);
      if (hit) return hit;
    }
    const begun = this.cache.begin();
    const rows: ActiveSession[] = await this.db.query(
      `SELECT s.id AS "sessionId", s.csrf_token AS "csrfToken", s.last_seen_at AS "lastSeenAt",
              s.expires_at AS "expiresAt", u.id AS "userId", u.email, u.name, u.role,
              u.is_lead AS "isLead", u.locale
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [id],
    );
    const session = rows[0] ?? null;
    if (session && cacheable) this.cache.store(id, session, begun);
    return session;
  }

  /**
   * This instance changed a user or ended their sessions: their cached sessions go now, after
   * the commit (the trigger's NOTIFY tells the other instances, and this one again).
   */
  forgetUser(userId: string): void {
    this.cache.forgetUser(userId);
  }

  /** Sliding expiry: seen now, valid for another TTL. */
  async touch(id: string, ttlHours: number): Promise<Date | null> {
    // TypeORM returns [rows, affected] for UPDATE ... RETURNING.
    const [rows]: [{ expires_at: Date }[], number] = await this.db.query(
      `UPDATE sessions SET last_seen_at = now(), expires_at = now() + make_interval(hours => $2)
        WHERE id = $1 RETURNING expires_at`,
      [id, ttlHours],
    );
    const expiresAt = rows[0]?.expires_at ?? null;
    if (expiresAt) this.cache.touched(id, new Date(), expiresAt);
    return expiresAt;
  }

  async delete(id: string): Promise<void> {
    this.cache.forgetSession(id);
    await this.db.query(
      `WITH gone AS (DELETE FROM sessions WHERE id = $1 RETURNING 1)
       SELECT pg_notify('${SESSION_ENDED_CHANNEL}', '') FROM gone LIMIT 1`,
      [id],
    );
    this.cache.forgetSession(id);
  }

  /** Signs the user out everywhere (disabled, password reset), optionally keeping one session. */
  async deleteForUser(userId: string, manager: EntityManager = this.db.manager, exceptId?: string) {
    await manager.query(
      `WITH gone AS (DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2 RETURNING 1)
       SELECT pg_notify('${SESSION_ENDED_CHANNEL}', '') FROM gone LIMIT 1`,
      [userId, exceptId ?? null],
    );
    // in a transaction this is before the commit: the caller forgets again after it
    this.cache.forgetUser(userId);
  }

  async deleteExpired(userId?: string): Promise<void> {
    if (userId) {
      await this.db.query(`DELETE FROM sessions WHERE user_id = $1 AND expires_at <= now()`, [userId]);
    } else {
      await this.db.query(`DELETE FROM sessions WHERE expires_at <= now()`);
    }
  }
}
