import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AssignmentRepository } from '../../src/assignment/assignment.repository';
import { AssignmentService } from '../../src/assignment/assignment.service';
import { AuditLogRepository } from '../../src/audit/audit-log.repository';
import { AuditService } from '../../src/audit/audit.service';
import { ConversationsRepository } from '../../src/conversations/conversations.repository';
import { databaseOptions } from '../../src/database/database.options';
import { NotificationsRepository } from '../../src/notifications/notifications.repository';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { SlaSweepService } from '../../src/sla/sla-sweep.service';
import { startTestApp, TestApp } from '../support/app';
import { ADMIN, login, seedConversation, Session, userSession } from '../inbox/support';

/**
 * Issue 12 on real PostgreSQL: a person giving a conversation to an agent by hand respects the
 * agent's capacity like the hand-out does (concurrent takes beside concurrent assigners), admins
 * may go past it only explicitly (audited); an idle or breach return is not handed straight back to
 * the agent it was taken from. ROLE=api: no background job races the assertions.
 */

function assigner(ds: DataSource) {
  return new AssignmentService(
    ds,
    new AssignmentRepository(ds),
    new ConversationsRepository(),
    new AuditService(new AuditLogRepository(ds)),
    new NotificationsService(new NotificationsRepository(ds)),
  );
}

describe('manual assignment and capacity; returns not handed straight back (issue 12)', () => {
  let t: TestApp;
  let admin: Session;
  let db: Client;
  let sourceId: string;
  const pools: DataSource[] = [];

  beforeAll(async () => {
    t = await startTestApp({ ROLE: 'api' });
    admin = await login(t, ADMIN.email, ADMIN.password);
    db = new Client({ connectionString: t.db.url });
    await db.connect();
    sourceId = (await seedConversation(db)).sourceId;
    await db.query(`UPDATE conversations SET status = 'resolved'`); // the fixture's own one
    for (let i = 0; i < 2; i++) {
      const ds = new DataSource(databaseOptions(t.db.url, 3));
      await ds.initialize();
      pools.push(ds);
    }
  }, 60_000);
  afterAll(async () => {
    for (const p of pools) await p.destroy();
    await db?.end();
    await t?.stop();
  });

  const seed = async (n: number, holder: string | null = null, status = 'open') => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await seedConversation(db, { sourceId })).conversationId);
    await db.query(
      `UPDATE conversations SET assignee_id = $2, assigned_at = CASE WHEN $2::uuid IS NULL THEN NULL ELSE now() END,
         status = $3::conversation_status WHERE id = ANY($1)`,
      [ids, holder, status],
    );
    return ids;
  };
  const loadOf = async (userId: string) =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM conversations WHERE assignee_id = $1 AND status IN ('open', 'pending')`,
        [userId],
      )
    ).rows[0].n as number;
  const agent = async (name: string, capacity: number, state: 'online' | 'away' = 'online') => {
    const s = await userSession(t, admin, 'agent', name);
    await admin.json('PATCH', `/api/users/${s.user.id}`, { maxOpenConversations: capacity }, 200);
    await s.json('PUT', '/api/agents/me/status', { state }, 200);
    return s;
  };

  it('concurrent takes beside two assigners never put an agent past capacity; the refused get 409 at_capacity', async () => {
    // Three rounds, each with fresh agents: one agent asks for 24 conversations at once (room for
    // 2) while two assigners on their own pools hand the same ones out.
    const tally = { took: 0, full: 0, held: 0 };
    for (let round = 0; round < 3; round++) {
      const ana = await agent(`Анна ${round}`, 3);
      const ben = await agent(`Борис ${round}`, 2);
      await seed(1, ana.user.id, 'pending'); // counts against her capacity
      const waiting = await seed(24);

      const takes = waiting.map(async (id) => {
        const r = await ana.request('PATCH', `/api/conversations/${id}`, { assigneeId: ana.user.id });
        return { status: r.status, body: (await r.json()) as any };
      });
      const handOuts = pools.map((p) => assigner(p).handOut());
      const [answers] = await Promise.all([Promise.all(takes), Promise.all(handOuts)]);

      expect(await loadOf(ana.user.id)).toBe(3);
      expect(await loadOf(ben.user.id)).toBeLessThanOrEqual(2);
      const twice = await db.query(
        `SELECT count(*)::int AS n FROM (SELECT entity_id FROM audit_log WHERE action = 'conversation.assigned'
           AND entity_id = ANY($1) AND data->>'to' IS NOT NULL GROUP BY entity_id HAVING count(*) > 1) d`,
        [waiting],
      );
      expect(twice.rows[0].n).toBe(0);
      const took = answers.filter((a) => a.status === 200).length;
      const full = answers.filter((a) => a.status === 409 && a.body.code === 'at_capacity');
      const held = answers.filter((a) => a.status === 409 && a.body.code === undefined && a.body.assigneeId);
      expect(took + full.length + held.length).toBe(24); // nothing else (no 500, no deadlock)
      expect(took).toBeLessThanOrEqual(2);
      expect(full.length).toBeGreaterThan(0);
      expect(full[0].body).toMatchObject({ assigneeId: ana.user.id, load: 3, capacity: 3 });
      expect(full[0].body.message).toMatch(/you already have 3 of 3 .*ask an admin/);
      tally.took += took;
      tally.full += full.length;
      tally.held += held.length;
      // leave nothing waiting for the next round and the tests below
      await db.query(
        `UPDATE conversations SET status = 'resolved' WHERE assignee_id IS NULL AND status = 'open'`,
      );
      await ana.json('PUT', '/api/agents/me/status', { state: 'offline' }, 200);
      await ben.json('PUT', '/api/agents/me/status', { state: 'offline' }, 200);
    }
    console.log(
      `manual take: 3 rounds of 24 concurrent takes by one agent (room for 2) beside 2 assigners: ` +
        `${tally.took} taken, ${tally.full} at_capacity, ${tally.held} already held; agents over capacity: 0`,
    );
  }, 120_000);

  it('admins assign past capacity only with overCapacity (audited); agents cannot; reassign and bulk follow the same rule', async () => {
    const vera = await agent('Вера', 1, 'away');
    const gleb = await agent('Глеб', 6, 'away');
    await seed(1, vera.user.id); // she is full
    const [x, y] = await seed(2);
    const [held] = await seed(1, gleb.user.id);
    const [done] = await seed(1, null, 'resolved');

    const refused = await admin.request('PATCH', `/api/conversations/${x}`, { assigneeId: vera.user.id });
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as any;
    expect(body).toMatchObject({ code: 'at_capacity', assigneeId: vera.user.id, load: 1, capacity: 1 });
    expect(body.message).toMatch(/Вера already has 1 of 1 .*overCapacity/);

    const forced = await admin.json(
      'PATCH',
      `/api/conversations/${x}`,
      { assigneeId: vera.user.id, overCapacity: true },
      200,
    );
    expect(forced.assigneeId).toBe(vera.user.id);
    const audit = await db.query(
      `SELECT data FROM audit_log WHERE action = 'conversation.assigned' AND entity_id = $1`,
      [x],
    );
    expect(audit.rows[0].data).toMatchObject({ to: vera.user.id, overCapacity: { load: 1, capacity: 1 } });

    // an agent handing one over to a full colleague: refused, flag or not
    const r = await gleb.request('PATCH', `/api/conversations/${y}`, {
      assigneeId: vera.user.id,
      overCapacity: true,
    });
    expect(r.status).toBe(409);
    expect(((await r.json()) as any).message).toMatch(/ask an admin/);
    // a resolved conversation does not count against her
    await gleb.json('PATCH', `/api/conversations/${done}`, { assigneeId: vera.user.id }, 200);

    // the admin's reassignment
    const move = { assigneeId: vera.user.id, fromAssigneeId: gleb.user.id };
    const re = await admin.request('POST', `/api/conversations/${held}/reassign`, move);
    expect(re.status).toBe(409);
    expect(((await re.json()) as any).code).toBe('at_capacity');
    await admin.json('POST', `/api/conversations/${held}/reassign`, { ...move, overCapacity: true }, 200);

    // bulk: each row by the same rule
    const [b1, b2] = await seed(2);
    const bulk = await admin.json(
      'POST',
      '/api/conversations/bulk',
      { action: 'assign', conversationIds: [b1, b2], assigneeId: vera.user.id },
      200,
    );
    expect(bulk.results.map((x: any) => [x.status, x.code])).toEqual([
      [409, 'at_capacity'],
      [409, 'at_capacity'],
    ]);
    const bulkForced = await admin.json(
      'POST',
      '/api/conversations/bulk',
      { action: 'assign', conversationIds: [b1, b2], assigneeId: vera.user.id, overCapacity: true },
      200,
    );
    expect(bulkForced.succeeded).toBe(2);
    expect(await loadOf(vera.user.id)).toBe(5);
    await db.query(`UPDATE conversations SET status = 'resolved' WHERE assignee_id = ANY($1)`, [
      [vera.user.id, gleb.user.id],
    ]);
    await db.query(`UPDATE conversations SET status = 'resolved' WHERE id = $1`, [y]);
  }, 60_000);

  it('an idle return is not handed straight back to the same agent; another agent gets it, or she after the cool-down', async () => {
    const zoya = await agent('Зоя', 6);
    const yan = await agent('Ян', 6, 'away');
    const team = (await admin.json('POST', '/api/teams', { name: 'Idle' }, 201)).id;
    for (const u of [zoya, yan])
      await admin.json('POST', `/api/teams/${team}/members`, { userId: u.user.id }, 201);
    await admin.json(
      'PUT',
      `/api/assignment/teams/${team}`,
      { autoAssign: true, idleReturnMinutes: 10 },
      200,
    );
    const [c, d] = await seed(2, zoya.user.id);
    await db.query(
      `UPDATE conversations SET team_id = $2, assigned_at = now() - interval '11 minutes',
         agent_action_at = now() - interval '11 minutes' WHERE id = ANY($1)`,
      [[c, d], team],
    );
    const svc = assigner(pools[0]);
    const returned = await svc.returnIdle();
    expect(returned.map((r) => r.conversationId).sort()).toEqual([c, d].sort());
    // Zoya is the only one online with room, and it was hers: it waits
    const first = await svc.handOut();
    expect(first.assigned).toEqual([]);
    expect(await holderOf(c)).toBeNull();
    // Ян comes online: the next pass gives them to him, not back to her
    await db.query(`UPDATE conversations SET returned_at = now() - interval '31 minutes' WHERE id = $1`, [d]);
    await yan.json('PUT', '/api/agents/me/status', { state: 'online' }, 200);
    const second = await svc.handOut();
    expect(second.assigned.find((a) => a.conversationId === c)?.userId).toBe(yan.user.id);
    // after the cool-down she is a candidate again (d's return is 31 minutes old): it went to
    // the least loaded, and the audit says it was automatic
    expect(await holderOf(d)).not.toBeNull();
    // a manual take by her is still allowed: the rule is about the automatic hand-out
    await yan.json('PATCH', `/api/conversations/${c}`, { assigneeId: null }, 200);
    await zoya.json('PATCH', `/api/conversations/${c}`, { assigneeId: zoya.user.id }, 200);
    await db.query(`UPDATE conversations SET status = 'resolved' WHERE id = ANY($1)`, [[c, d]]);
    await yan.json('PUT', '/api/agents/me/status', { state: 'away' }, 200);
    await zoya.json('PUT', '/api/agents/me/status', { state: 'away' }, 200);
  }, 60_000);

  it('a breach return with nobody else to take it waits instead of going back to the holder', async () => {
    const holder = await agent('Ира', 6);
    const policy = await admin.json(
      'POST',
      '/api/sla-policies',
      { name: 'Reassign on breach', firstResponseMinutes: 60, intent: 'complaint', reassignOnBreach: true },
      201,
    );
    const now = new Date();
    const f = await seedConversation(db, {
      sourceId,
      intent: 'complaint',
      writtenAt: new Date(now.getTime() - 70 * 60_000),
      dueAt: new Date(now.getTime() - 10 * 60_000),
    });
    await db.query(
      `UPDATE conversations SET assignee_id = $2, assigned_at = now(), sla_policy_id = $3 WHERE id = $1`,
      [f.conversationId, holder.user.id, policy.id],
    );
    await t.app.get(SlaSweepService).sweep(now);
    expect(await holderOf(f.conversationId)).toBeNull(); // taken from her; nobody else online
    const row = await db.query(`SELECT returned_from FROM conversations WHERE id = $1`, [f.conversationId]);
    expect(row.rows[0].returned_from).toBe(holder.user.id);
    const pass = await assigner(pools[1]).handOut();
    expect(pass.assigned.find((a) => a.conversationId === f.conversationId)).toBeUndefined();
    expect(await holderOf(f.conversationId)).toBeNull();
  }, 60_000);

  const holderOf = async (id: string) =>
    (await db.query(`SELECT assignee_id FROM conversations WHERE id = $1`, [id])).rows[0].assignee_id as
      string | null;
});
