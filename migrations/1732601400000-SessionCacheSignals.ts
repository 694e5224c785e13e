import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, the request path: API instances cache resolved sessions (src/auth/session-cache.ts).
 * Whatever could make a cached one wrong NOTIFYs `session_changed` with the user's id, from a
 * trigger, so no code path (nor a hand-made UPDATE) can forget to: a session deleted (sign-out,
 * password change, disabled user, housekeeping, the user deleted), or a change to what the guard
 * reads of the user (role, e-mail, name, locale, disabled).
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
    await q.query(`CREATE TRIGGER users_session_fields_changed AFTER UPDATE ON users FOR EACH ROW
      WHEN ((OLD.role, OLD.email, OLD.name, OLD.locale, OLD.disabled_at)
            IS DISTINCT FROM (NEW.role, NEW.email, NEW.name, NEW.locale, NEW.disabled_at))
      EXECUTE FUNCTION otklik_session_user_changed()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_session_fields_changed ON users`);
    await q.query(`DROP TRIGGER sessions_changed ON sessions`);
    await q.query(`DROP FUNCTION otklik_session_user_changed()`);
    await q.query(`DROP FUNCTION otklik_session_deleted()`);
  }
}
