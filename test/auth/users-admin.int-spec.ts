import { Client as Pg } from 'pg';
import { startTestApp, TestApp } from '../support/app';
import { ADMIN, Client, userWithRole } from './client';

describe('admin users and teams API', () => {
  let t: TestApp;
  let pg: Pg;
  let admin: Client;
  let adminId: string;

  beforeAll(async () => {
    t = await startTestApp();
    pg = new Pg({ connectionString: t.db.url });
    await pg.connect();
    admin = new Client(t.url);
    adminId = (await admin.login(ADMIN.email, ADMIN.password)).body.user.id;
  });
  afterAll(async () => {
    await pg?.end();
    await t?.stop();
  });

  const auditActions = async (entityId: string) =>
    (
      await pg.query(`SELECT action, actor_id, data FROM audit_log WHERE entity_id = $1 ORDER BY id`, [
        entityId,
      ])
    ).rows;

  it('creates an agent who can sign in, but gets 403 on the admin API', async () => {
    const res = await admin.post('/api/users', {
      email: 'Olga@Otklik.test',
      name: 'Olga',
      role: 'agent',
      password: 'olga-password-123',
      locale: 'ru',
      maxOpenConversations: 4,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: 'Olga@Otklik.test',
      role: 'agent',
      disabled: false,
      maxOpenConversations: 4,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/password|argon2/i);
    expect(await auditActions(res.body.id)).toEqual([
      expect.objectContaining({ action: 'user.created', actor_id: adminId }),
    ]);

    const olga = new Client(t.url);
    expect((await olga.login('olga@otklik.test', 'olga-password-123')).status).toBe(200); // e-mail is case-insensitive
    expect((await olga.get('/api/users')).status).toBe(403);
    expect((await olga.post('/api/users', { email: 'x@otklik.test' })).status).toBe(403);
    expect((await olga.patch(`/api/users/${res.body.id}`, { role: 'admin' })).status).toBe(403);
    expect((await olga.post('/api/teams', { name: 'Agents rule' })).status).toBe(403);
    expect((await olga.get('/api/teams')).status).toBe(200); // reading teams is for everyone signed in

    const list = await admin.get('/api/users');
    expect(list.status).toBe(200);
    expect(list.body.map((u: any) => u.email)).toEqual(
      expect.arrayContaining([ADMIN.email, 'Olga@Otklik.test']),
    );
  });

  it('validates input: duplicate e-mail 409, weak password 400, unknown fields 400', async () => {
    const base = { name: 'Dup', role: 'agent', password: 'dup-password-1234', locale: 'en' };
    expect((await admin.post('/api/users', { ...base, email: 'dup@otklik.test' })).status).toBe(201);
    expect((await admin.post('/api/users', { ...base, email: 'DUP@otklik.test' })).status).toBe(409);
    const weak = await admin.post('/api/users', { ...base, email: 'weak@otklik.test', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/at least 12/);
    expect((await admin.post('/api/users', { ...base, email: 'r@otklik.test', role: 'root' })).status).toBe(
      400,
    );
    expect((await admin.post('/api/users', { ...base, email: 'e@otklik.test', isAdmin: true })).status).toBe(
      400,
    );
    expect((await admin.patch('/api/users/not-a-uuid', { name: 'x' })).status).toBe(400);
    expect((await admin.patch('/api/users/00000000-0000-4000-8000-000000000000', { name: 'x' })).status).toBe(
      404,
    );
  });

  it('disabling a user ends their sessions at once and stops new logins', async () => {
    const agent = await userWithRole(t.url, admin, 'agent');
    expect((await agent.client.get('/api/auth/me')).status).toBe(200);

    const res = await admin.patch(`/api/users/${agent.id}`, { disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect((await pg.query(`SELECT 1 FROM sessions WHERE user_id = $1`, [agent.id])).rowCount).toBe(0);
    expect((await agent.client.get('/api/auth/me')).status).toBe(401);
    const again = await new Client(t.url).login(agent.email, agent.password);
    expect(again.status).toBe(401);
    expect(again.body.message).toBe('Wrong e-mail or password'); // nothing revealed

    expect((await admin.patch(`/api/users/${agent.id}`, { disabled: false })).status).toBe(200);
    expect((await new Client(t.url).login(agent.email, agent.password)).status).toBe(200);
    const actions = (await auditActions(agent.id)).filter((a) => a.action === 'user.updated');
    expect(actions.map((a) => a.data.changes.disabled)).toEqual([
      { from: false, to: true },
      { from: true, to: false },
    ]);
  });

  it('re-roles a user: the new role applies to their existing session', async () => {
    const analyst = await userWithRole(t.url, admin, 'analyst');
    expect((await analyst.client.get('/api/users')).status).toBe(403);
    const res = await admin.patch(`/api/users/${analyst.id}`, {
      role: 'admin',
      name: 'Promoted',
      locale: 'ru',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'admin', name: 'Promoted', locale: 'ru' });
    expect((await analyst.client.get('/api/users')).status).toBe(200);
    const changes = (await auditActions(analyst.id)).find((a) => a.action === 'user.updated')!.data.changes;
    expect(changes.role).toEqual({ from: 'analyst', to: 'admin' });
    // And back, so the last-admin test below starts from a single active admin.
    expect((await admin.patch(`/api/users/${analyst.id}`, { role: 'analyst' })).status).toBe(200);
  });

  it('an admin password reset signs the user out everywhere', async () => {
    const agent = await userWithRole(t.url, admin, 'agent');
    const res = await admin.patch(`/api/users/${agent.id}`, { password: 'reset-by-admin-123' });
    expect(res.status).toBe(200);
    expect((await agent.client.get('/api/auth/me')).status).toBe(401);
    expect((await new Client(t.url).login(agent.email, 'reset-by-admin-123')).status).toBe(200);
    const audit = await auditActions(agent.id);
    expect(JSON.stringify(audit)).not.toContain('reset-by-admin-123');
  });

  it('never disables or demotes the last active admin', async () => {
    const admins = await pg.query(`SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL`);
    expect(admins.rows).toEqual([{ id: adminId }]);
    const demote = await admin.patch(`/api/users/${adminId}`, { role: 'agent' });
    expect(demote.status).toBe(409);
    expect(demote.body.message).toMatch(/last active admin/);
    expect((await admin.patch(`/api/users/${adminId}`, { disabled: true })).status).toBe(409);
    expect((await admin.patch(`/api/users/${adminId}`, { name: 'Still me' })).status).toBe(200);

    // With a second admin, two admins demoting each other at once: exactly one wins.
    const second = await userWithRole(t.url, admin, 'admin');
    const [a, b] = await Promise.all([
      admin.patch(`/api/users/${second.id}`, { role: 'agent' }),
      second.client.patch(`/api/users/${adminId}`, { role: 'agent' }),
    ]);
    // The loser gets 409 (last admin) or, if the winner demoted it first, 403 (no longer admin).
    const statuses = [a.status, b.status];
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.find((s) => s !== 200)).toBeGreaterThanOrEqual(403);
    const left = await pg.query(`SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL`);
    expect(left.rowCount).toBe(1);
    // Restore the original admin for the tests that follow.
    if (a.status !== 200) {
      await second.client.patch(`/api/users/${adminId}`, { role: 'admin' });
      await admin.login(ADMIN.email, ADMIN.password);
    }
  });

  it('manages teams and their members, audited', async () => {
    const agent = await userWithRole(t.url, admin, 'agent');
    const created = await admin.post('/api/teams', { name: 'Billing' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Billing', members: [] });
    const teamId = created.body.id;
    expect((await admin.post('/api/teams', { name: 'Billing' })).status).toBe(409);

    const added = await admin.post(`/api/teams/${teamId}/members`, { userId: agent.id });
    expect(added.status).toBe(201);
    expect(added.body.members).toEqual([expect.objectContaining({ id: agent.id, role: 'agent' })]);
    expect((await admin.post(`/api/teams/${teamId}/members`, { userId: agent.id })).status).toBe(201); // idempotent
    expect(
      (await admin.post(`/api/teams/${teamId}/members`, { userId: '00000000-0000-4000-8000-000000000000' }))
        .status,
    ).toBe(404);

    const seen = await agent.client.get('/api/teams');
    expect(seen.body.find((x: any) => x.id === teamId).members.map((m: any) => m.id)).toEqual([agent.id]);

    expect((await admin.patch(`/api/teams/${teamId}`, { name: 'Billing & refunds' })).status).toBe(200);
    expect((await admin.delete(`/api/teams/${teamId}/members/${agent.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/teams/${teamId}/members/${agent.id}`)).status).toBe(404);
    expect((await admin.delete(`/api/teams/${teamId}`)).status).toBe(204);
    expect((await admin.get('/api/teams')).body.find((x: any) => x.id === teamId)).toBeUndefined();

    const actions = (await auditActions(teamId)).map((a) => a.action);
    expect(actions).toEqual([
      'team.created',
      'team.member_added',
      'team.renamed',
      'team.member_removed',
      'team.deleted',
    ]);
  });
});
