import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, the request path: API instances cache resolved sessions (src/auth/session-cache.ts).
 * Whatever could make a cached one wrong NOTIFYs `session_changed` with the user's id, from a
 * trigger, so no code path (nor a hand-made UPDATE) can forget to: a session deleted (sign-out,
 * password change, disabled user, housekeeping, the user deleted) or changed other than slid
 * forward (an expiry brought closer), or any change to the user's
 * row (the guard reads role, e-mail, name, locale, lead flag, disabled).
 */
export class SessionCacheSignals1732601400000 implements MigrationInterface {
  name = 'SessionCacheSignals1732601400000';

  public async up(q: QueryRunner): Promise<void> {
    // one function per table: PL/pgSQL cannot name a column the other table's row lacks
    await q.query(`CREATE FUNCTION otklik_session_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('session_changed', OLD.user_id::text);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION otklik_session_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('session_changed', OLD.id::text);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER sessions_changed AFTER DELETE ON sessions
      FOR EACH ROW EXECUTE FUNCTION otklik_session_deleted()`);
    // a session changed other than by sliding forward (what the guard's touch does, once a minute)
    await q.query(`CREATE TRIGGER sessions_updated AFTER UPDATE ON sessions FOR EACH ROW
      WHEN (NEW.expires_at < OLD.expires_at OR NEW.last_seen_at < OLD.last_seen_at
            OR (NEW.user_id, NEW.csrf_token) IS DISTINCT FROM (OLD.user_id, OLD.csrf_token))
      EXECUTE FUNCTION otklik_session_deleted()`);
    // any change of the row, not a list of the columns the guard reads today (a list would miss
    // the next one it reads; sign-in bookkeeping flushing a user's cached sessions costs a lookup)
    await q.query(`CREATE TRIGGER users_session_fields_changed AFTER UPDATE ON users FOR EACH ROW
      WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION otklik_session_user_changed()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_session_fields_changed ON users`);
    await q.query(`DROP TRIGGER sessions_updated ON sessions`);
    await q.query(`DROP TRIGGER sessions_changed ON sessions`);
    await q.query(`DROP FUNCTION otklik_session_user_changed()`);
    await q.query(`DROP FUNCTION otklik_session_deleted()`);
  }
}
