import { Client as Pg } from 'pg';
import { startTestApp, TestApp } from '../support/app';
import { ADMIN, Client, Reply, userWithRole } from './client';

/**
 * Admin writes racing each other on real PostgreSQL: many PATCHes of one user in flight at once
 * (the input fuzz's concurrent walk once got a 500 here), and two admins disabling each other.
 * No answer may be a 5xx, the audit trail must read as one serial history that ends in the
 * row's state, and at least one active admin must always remain.
 */
describe('concurrent admin writes: no 5xx, one serial history, never without an admin', () => {
  let t: TestApp;
  let pg: Pg;
  let admin: Client;

  beforeAll(async () => {
    t = await startTestApp();
    pg = new Pg({ connectionString: t.db.url });
    await pg.connect();
    admin = new Client(t.url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
  });
  afterAll(async () => {
    await pg?.end();
    await t?.stop();
  });

  const fiveHundreds = (replies: Reply[]) =>
    replies.filter((r) => r.status >= 500).map((r) => `${r.status} ${JSON.stringify(r.body)}`);

  /** Each audited field's changes must chain (every `from` is the previous `to`) and end in `final`. */
  async function expectSerialHistory(userId: string, field: string, initial: unknown, final: unknown) {
    const { rows } = await pg.query<{ data: { changes: Record<string, { from: unknown; to: unknown }> } }>(
      `SELECT data FROM audit_log WHERE entity_type = 'user' AND entity_id = $1 AND action = 'user.updated'
        ORDER BY id`,
      [userId],
    );
    const steps = rows.map((r) => r.data.changes[field]).filter((c) => c !== undefined);
    let at = initial;
    for (const s of steps) {
      expect([field, s.from]).toEqual([field, at]);
      at = s.to;
    }
    expect([field, at]).toEqual([field, final]);
    return steps.length;
  }

  it('many PATCHes of one user at once, by two admins, beside its own sign-ins: all 2xx/4xx, history is serial', async () => {
    const second = await userWithRole(t.url, admin, 'admin');
    const victim = await userWithRole(t.url, admin, 'agent');
    const bodies: Array<Record<string, unknown>> = [
      { disabled: true },
      { name: 'Victim', disabled: false },
      { role: 'analyst' },
      { name: 'Renamed', maxOpenConversations: 3 },
      { disabled: true, role: 'agent' },
      { disabled: false },
      { locale: 'ru', name: 'Victim' },
      { role: 'agent', disabled: false },
    ];
    const patches: Reply[] = [];
    const signIns: Reply[] = [];
    for (let round = 0; round < 12; round++) {
      const [signIn, ...batch] = await Promise.all([
        // the victim signing in writes a session row that references the user row
        new Client(t.url).login(victim.email, victim.password),
        ...bodies.map((b, i) =>
          (i % 2 ? second.client : admin).send('PATCH', `/api/users/${victim.id}`, b, { timeoutMs: 30_000 }),
        ),
      ]);
      patches.push(...batch);
      signIns.push(signIn);
    }
    expect(fiveHundreds([...patches, ...signIns])).toEqual([]);
    // every PATCH is valid and the victim is never an admin: all succeed
    expect(patches.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
    // a sign-in is refused (401) while the victim is disabled
    expect(signIns.filter((r) => r.status !== 200 && r.status !== 401).map((r) => r.status)).toEqual([]);

    const { rows } = await pg.query(`SELECT role, name, disabled_at FROM users WHERE id = $1`, [victim.id]);
    const row = rows[0];
    expect(await expectSerialHistory(victim.id, 'disabled', false, row.disabled_at !== null)).toBeGreaterThan(
      2,
    );
    await expectSerialHistory(victim.id, 'role', 'agent', row.role);
    await expectSerialHistory(victim.id, 'name', 'Test agent', row.name);
    if (row.disabled_at !== null) {
      const sessions = await pg.query(`SELECT 1 FROM sessions WHERE user_id = $1`, [victim.id]);
      expect(sessions.rowCount).toBe(0);
    }
  }, 120_000);

  it('a sign-in racing the disabling leaves no session that would come back when re-enabled', async () => {
    const victim = await userWithRole(t.url, admin, 'agent');
    for (let round = 0; round < 8; round++) {
      const signIn = new Client(t.url);
      // the sign-in reads the user, then spends a while on argon2: the disabling lands in between
      const [login, disable] = await Promise.all([
        signIn.login(victim.email, victim.password),
        new Promise((r) => setTimeout(r, 15)).then(() =>
          admin.patch(`/api/users/${victim.id}`, { disabled: true }),
        ),
      ]);
      expect([login.status, disable.status]).toEqual([expect.any(Number), 200]);
      expect([200, 401]).toContain(login.status);
      const sessions = await pg.query(`SELECT 1 FROM sessions WHERE user_id = $1`, [victim.id]);
      expect([round, sessions.rowCount]).toEqual([round, 0]);
      expect((await admin.patch(`/api/users/${victim.id}`, { disabled: false })).status).toBe(200);
      // a session the sign-in was handed must not work after re-enabling either
      if (login.status === 200) expect((await signIn.get('/api/auth/me')).status).toBe(401);
    }
  });

  it('the last two active admins disabling each other (and themselves) at once: one stays active', async () => {
    // only two active admins: the test's own pair (any other admins from earlier tests are disabled)
    const a = await userWithRole(t.url, admin, 'admin');
    const b = await userWithRole(t.url, admin, 'admin');
    await pg.query(`UPDATE users SET disabled_at = now() WHERE role = 'admin' AND id <> ALL($1::uuid[])`, [
      [a.id, b.id],
    ]);
    const replies: Reply[] = [];
    for (let round = 0; round < 10; round++) {
      const batch = await Promise.all([
        a.client.patch(`/api/users/${b.id}`, { disabled: true }),
        b.client.patch(`/api/users/${a.id}`, { disabled: true }),
        a.client.patch(`/api/users/${b.id}`, { role: 'agent' }),
        b.client.patch(`/api/users/${a.id}`, { role: 'analyst' }),
        a.client.patch(`/api/users/${a.id}`, { name: `A ${round}` }),
        b.client.patch(`/api/users/${b.id}`, { name: `B ${round}` }),
      ]);
      replies.push(...batch);
      expect(fiveHundreds(batch)).toEqual([]);
      // 401: the caller was disabled or demoted a moment earlier; 409: the last admin
      batch.forEach((r) => expect([200, 401, 403, 409]).toContain(r.status));
      const active = await pg.query(
        `SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id = ANY($1::uuid[])`,
        [[a.id, b.id]],
      );
      expect(active.rowCount).toBeGreaterThanOrEqual(1);
      // bring both back for the next round, signed in again
      await pg.query(`UPDATE users SET disabled_at = NULL, role = 'admin' WHERE id = ANY($1::uuid[])`, [
        [a.id, b.id],
      ]);
      for (const u of [a, b])
        if ((await u.client.get('/api/users')).status !== 200)
          expect((await u.client.login(u.email, u.password)).status).toBe(200);
    }
    expect(replies.some((r) => r.status === 409)).toBe(true);
  }, 120_000);
});
