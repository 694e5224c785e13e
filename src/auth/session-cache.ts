import type { ActiveSession } from './sessions.repository';

/** How long a cached session is trusted at most without a word from PostgreSQL (a backstop). */
export const SESSION_CACHE_MAX_AGE_MS = 10_000;
const MAX_ENTRIES = 10_000;

/**
 * The sessions the guard resolved recently, by stored id (the token's hash), so a busy browser
 * does not cost a database round trip per request. Never trusted past what could have changed:
 * - every session delete and every change of a user's row (the guard reads role, name, e-mail,
 *   locale, lead flag, disabled) NOTIFYs `session_changed` with the user's id from a trigger
 *   (migration SessionCacheSignals), and every instance drops that user's entries when it hears it;
 * - the instance that made the change drops them itself right after committing (forgetUser), so
 *   there a revoked session stops working at once, not a NOTIFY later;
 * - a lookup that began before an invalidation does not store what it read (the generation);
 * - while the LISTEN connection is down nothing is served from here (the repository asks
 *   PgNotifications), it is emptied when the connection is back, and an entry is re-read after
 *   SESSION_CACHE_MAX_AGE_MS anyway;
 * - the cached expiry is never later than the stored one (touch() moves both), so an expired
 *   session is never served from here.
 */
export class SessionCache {
  private readonly byId = new Map<string, { session: ActiveSession; at: number }>();
  private generation = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** The cached session, or undefined when it must be read from the database. */
  get(id: string): ActiveSession | undefined {
    const e = this.byId.get(id);
    if (!e) return undefined;
    const now = this.now();
    if (now - e.at >= SESSION_CACHE_MAX_AGE_MS || e.session.expiresAt.getTime() <= now) {
      this.byId.delete(id);
      return undefined;
    }
    return e.session;
  }

  /** A token for store(): what was read before the next invalidation may be stored, nothing older. */
  begin(): number {
    return this.generation;
  }

  store(id: string, session: ActiveSession, begun: number): void {
    if (begun !== this.generation) return;
    if (this.byId.size >= MAX_ENTRIES) this.byId.clear();
    this.byId.set(id, { session, at: this.now() });
  }

  /** The session slid (touch): the newer last-seen and expiry, if it is still cached. */
  touched(id: string, lastSeenAt: Date, expiresAt: Date): void {
    const e = this.byId.get(id);
    if (e) e.session = { ...e.session, lastSeenAt, expiresAt };
  }

  forgetSession(id: string): void {
    this.generation++;
    this.byId.delete(id);
  }

  forgetUser(userId: string): void {
    this.generation++;
    for (const [id, e] of this.byId) if (e.session.userId === userId) this.byId.delete(id);
  }

  forgetAll(): void {
    this.generation++;
    this.byId.clear();
  }

  get size(): number {
    return this.byId.size;
  }
}
