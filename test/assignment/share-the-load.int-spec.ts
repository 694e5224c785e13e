import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { canServe, type AgentLoad } from '../../src/assignment/assignment-rules';
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
import { ADMIN, login, seedConversation, Session, userSession, waitFor, withDb } from '../inbox/support';
import { openSse } from '../realtime/sse-client';

/**
 * Issue 12, points 1-3 on real PostgreSQL: concurrent assigners (separate pools, as separate
 * worker processes would have), the idle return and agents timing out, escalations and the
 * notifications API, the reply collision guard, presence over the live stream. The app runs as
 * ROLE=api so no background job races the assertions; the tests drive the jobs' methods.
 */

/** One assigner "instance": its own pool and services, as a worker process has. */
function assigner(ds: DataSource) {
  return new AssignmentService(
    ds,
    new AssignmentRepository(ds),
    new ConversationsRepository(),
    new AuditService(new AuditLogRepository(ds)),
    new NotificationsService(new NotificationsRepository(ds)),
  );
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

describe('share the load (issue 12: assignment, collisions, escalations)', () => {
  let t: TestApp;
  let admin: Session;
  let db: Client;

  beforeAll(async () => {
    t = await startTestApp({ ROLE: 'api' });
    admin = await login(t, ADMIN.email, ADMIN.password);
    db = new Client({ connectionString: t.db.url });
    await db.connect();
  }, 60_000);
  afterAll(async () => {
    await db?.end();
    await t?.stop();
  });

  describe('capacity and auto-assignment under concurrent assigners', () => {
    const pools: DataSource[] = [];
    let sourceId: string;
    let teams: string[];
    let agentIds: string[];

    beforeAll(async () => {
      for (let i = 0; i < 4; i++) {
        const ds = new DataSource(databaseOptions(t.db.url, 3));
        await ds.initialize();
        pools.push(ds);
      }
      sourceId = (
        await db.query(`INSERT INTO sources (platform, name) VALUES ('testnet', 'Load') RETURNING id`)
      ).rows[0].id;
      teams = (
        await db.query(`INSERT INTO teams (name) VALUES ('Billing'), ('Delivery') RETURNING id`)
      ).rows.map((r) => r.id);
      // 12 agents: capacity 2..6, a third speak only ru, a quarter only en, the rest anything;
      // 1-6 in Billing, 5-12 in Delivery (5 and 6 in both)
      agentIds = (
        await db.query(
          `INSERT INTO users (email, name, password_hash, role, max_open_conversations)
           SELECT 'load' || g || '@otklik.test', 'Load ' || g, 'x', 'agent', 2 + g % 5 FROM generate_series(1, 12) g
           RETURNING id`,
        )
      ).rows.map((r) => r.id);
      await db.query(
        `INSERT INTO agent_status (user_id, state, languages, seen_at)
         SELECT u, 'online', CASE WHEN n % 3 = 0 THEN '{ru}'::text[] WHEN n % 4 = 0 THEN '{en}'::text[] ELSE '{}' END, now()
           FROM unnest($1::uuid[]) WITH ORDINALITY AS a(u, n)`,
        [agentIds],
      );
      await db.query(
        `INSERT INTO team_members (team_id, user_id)
         SELECT CASE WHEN n <= 6 THEN $2::uuid ELSE $3::uuid END, u FROM unnest($1::uuid[]) WITH ORDINALITY AS a(u, n)
         UNION SELECT $3::uuid, u FROM unnest($1::uuid[]) WITH ORDINALITY AS a(u, n) WHERE n IN (5, 6)`,
        [agentIds, teams[0], teams[1]],
      );
      // one pending conversation already held by each of the first four (counts against capacity)
      await seedWaiting(4, { holders: agentIds.slice(0, 4) });
      await seedWaiting(300);
    }, 60_000);
    afterAll(async () => {
      for (const p of pools) await p.destroy();
    });

    /** Waiting conversations by set-based SQL: teams and languages mixed, deadlines spread. */
    async function seedWaiting(
      n: number,
      o: { holders?: string[]; anyTeam?: boolean } = {},
    ): Promise<string[]> {
      const r = await db.query(
        `WITH c AS (
           INSERT INTO conversations (source_id, platform, thread_key, status, needs_response, team_id, due_at,
                                      first_message_at, last_message_at, assignee_id, assigned_at)
           SELECT $1, 'testnet', 'load:' || gen_random_uuid(), CASE WHEN $4::uuid[] IS NULL THEN 'open' ELSE 'pending' END::conversation_status,
                  true, CASE WHEN $6 THEN NULL WHEN g % 3 = 0 THEN $2::uuid WHEN g % 3 = 1 THEN $3::uuid END,
                  now() + (g % 50) * interval '1 minute', now(), now(),
                  ($4::uuid[])[g], CASE WHEN $4::uuid[] IS NULL THEN NULL ELSE now() END
             FROM generate_series(1, $5::int) g
           RETURNING id, thread_key)
         , i AS (
           INSERT INTO items (source_id, platform, kind, external_id, conversation_id, direction, text,
                              created_at_platform, language)
           SELECT $1, 'testnet', 'message', c.thread_key, c.id, 'inbound', 'вопрос',
                  now(), CASE WHEN random() < 0.7 THEN 'ru' ELSE 'en' END FROM c)
         SELECT id FROM c`,
        [sourceId, teams[0], teams[1], o.holders ?? null, o.holders?.length ?? n, o.anyTeam ?? false],
      );
      return r.rows.map((x) => x.id);
    }

    async function invariants() {
      const twice = (
        await db.query(
          `SELECT count(*)::int AS n FROM (SELECT entity_id FROM audit_log
             WHERE action = 'conversation.assigned' AND data->>'by' = 'auto'
             GROUP BY entity_id, (data->>'from') HAVING count(*) > 1) d`,
        )
      ).rows[0].n;
      const over = (
        await db.query(
          `SELECT count(*)::int AS n FROM users u WHERE u.max_open_conversations <
             (SELECT count(*) FROM conversations c WHERE c.assignee_id = u.id AND c.status IN ('open', 'pending'))`,
        )
      ).rows[0].n;
      return { twice, over };
    }

    /** Nobody with room was left idle while a conversation they may serve waited. */
    async function roomWasted(): Promise<number> {
      const agents = (await new AssignmentRepository(pools[0]).agents(pools[0], true)) as AgentLoad[];
      const waiting = (
        await db.query(
          `SELECT c.id, c.team_id AS "teamId",
                  (SELECT language FROM items i WHERE i.conversation_id = c.id LIMIT 1) AS language
             FROM conversations c WHERE c.status = 'open' AND c.assignee_id IS NULL AND c.needs_response`,
        )
      ).rows;
      return agents.filter((a) => a.load < a.capacity && waiting.some((w) => canServe(a, w))).length;
    }

    it('four assigners on four pools: nobody assigned twice, nobody over capacity, no room wasted', async () => {
      const started = Date.now();
      const results = await Promise.all(pools.map((p) => assigner(p).handOut()));
      const took = Date.now() - started;
      const all = results.flatMap((r) => r.assigned);
      const capacity = (
        await db.query(`SELECT sum(max_open_conversations)::int AS n FROM users WHERE id = ANY($1)`, [
          agentIds,
        ])
      ).rows[0].n;
      expect(new Set(all.map((a) => a.conversationId)).size).toBe(all.length);
      expect(all.length).toBeGreaterThan(0);
      expect(all.length).toBeLessThanOrEqual(capacity - 4);
      expect(results.every((r) => r.assigned.length > 0)).toBe(true); // they really ran side by side
      const { twice, over } = await invariants();
      expect(twice).toBe(0);
      expect(over).toBe(0);
      expect(await roomWasted()).toBe(0);
      // team and language skills held
      const wrong = await db.query(
        `SELECT c.id FROM conversations c JOIN agent_status a ON a.user_id = c.assignee_id
          WHERE c.status = 'open' AND c.assignee_id IS NOT NULL
            AND ((c.team_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM team_members tm WHERE tm.team_id = c.team_id AND tm.user_id = c.assignee_id))
              OR (cardinality(a.languages) > 0 AND NOT (SELECT language FROM items i WHERE i.conversation_id = c.id LIMIT 1) = ANY(a.languages)))`,
      );
      expect(wrong.rows).toEqual([]);
      console.log(
        `assignment, 4 concurrent assigners, 12 agents (capacity ${capacity}, 4 pre-held), 300 waiting: ` +
          `assigned ${all.length} in ${took} ms (${(took / Math.max(1, all.length)).toFixed(1)} ms per assignment incl. waiting ones tried); ` +
          `conversations assigned twice: ${twice}; agents over capacity: ${over}`,
      );
    }, 60_000);

    it('hands out as capacity frees, and new conversations get an agent within a pass (latency)', async () => {
      // free two slots of every agent (their customers' questions were resolved)
      await db.query(
        `UPDATE conversations SET status = 'resolved', resolved_at = now()
          WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY assignee_id ORDER BY id) AS n
                                         FROM conversations WHERE assignee_id IS NOT NULL AND status = 'open') x WHERE n <= 2)`,
      );
      await db.query(`UPDATE agent_status SET seen_at = now()`);
      const results = await Promise.all(pools.map((p) => assigner(p).handOut()));
      const all = results.flatMap((r) => r.assigned);
      expect(new Set(all.map((a) => a.conversationId)).size).toBe(all.length);
      expect(all.length).toBeGreaterThan(0);
      expect(await invariants()).toEqual({ twice: 0, over: 0 });
      expect(await roomWasted()).toBe(0);

      // latency: resolve everything, then four assigner loops while new conversations arrive
      await db.query(
        `UPDATE conversations SET status = 'resolved', resolved_at = now() WHERE status <> 'resolved'`,
      );
      await db.query(`UPDATE agent_status SET seen_at = now()`);
      let running = true;
      const loops = pools.map(async (p) => {
        const a = assigner(p);
        while (running) {
          await a.handOut();
          await new Promise((r) => setTimeout(r, 50));
        }
      });
      const fresh: string[] = [];
      for (let i = 0; i < 40; i++) {
        fresh.push(...(await seedWaiting(1, { anyTeam: true })));
        await new Promise((r) => setTimeout(r, 20));
      }
      await waitFor(
        async () =>
          !running ||
          (
            await db.query(
              `SELECT count(*)::int AS n FROM conversations WHERE id = ANY($1) AND assignee_id IS NULL`,
              [fresh],
            )
          ).rows[0].n === 0,
        15_000,
        50,
      ).finally(async () => {
        running = false;
        await Promise.all(loops);
      });
      const lat = (
        await db.query(
          `SELECT extract(epoch FROM c.assigned_at - c.created_at) * 1000 AS ms FROM conversations c WHERE id = ANY($1)`,
          [fresh],
        )
      ).rows.map((r) => Number(r.ms));
      expect(await invariants()).toEqual({ twice: 0, over: 0 });
      console.log(
        `assignment latency (created → assigned, 4 assigner loops polling every 50 ms, 40 arrivals): ` +
          `median ${median(lat).toFixed(0)} ms, p95 ${quantile(lat, 0.95).toFixed(0)} ms, max ${Math.max(...lat).toFixed(0)} ms`,
      );
    }, 60_000);

    it('an idle conversation goes back to the queue (holder told); a gone browser puts its agent offline', async () => {
      const svc = t.app.get(AssignmentService);
      const [conv] = await seedWaiting(1);
      await db.query(`UPDATE conversations SET team_id = $2 WHERE id = $1`, [conv, teams[0]]);
      await admin.json(
        'PUT',
        `/api/assignment/teams/${teams[0]}`,
        { autoAssign: true, idleReturnMinutes: 10 },
        200,
      );
      await admin.json(
        'PUT',
        `/api/assignment/teams/${teams[0]}`,
        { autoAssign: true, idleReturnMinutes: 0 },
        400,
      );
      const holder = agentIds[0];
      await db.query(
        `UPDATE conversations SET assignee_id = $2, assigned_at = now() - interval '11 minutes',
           agent_action_at = now() - interval '11 minutes' WHERE id = $1`,
        [conv, holder],
      );
      // a fresh action keeps it
      const [busy] = await seedWaiting(1);
      await db.query(
        `UPDATE conversations SET team_id = $3, assignee_id = $2, assigned_at = now() - interval '11 minutes',
           agent_action_at = now() - interval '1 minute' WHERE id = $1`,
        [busy, holder, teams[0]],
      );
      const returned = await svc.returnIdle();
      expect(returned).toEqual([{ conversationId: conv, from: holder }]);
      const row = (await db.query(`SELECT assignee_id FROM conversations WHERE id = $1`, [conv])).rows[0];
      expect(row.assignee_id).toBeNull();
      const note = await db.query(
        `SELECT kind FROM notifications WHERE user_id = $1 AND conversation_id = $2`,
        [holder, conv],
      );
      expect(note.rows).toEqual([{ kind: 'returned_to_queue' }]);
      expect(await svc.returnIdle()).toEqual([]);

      await db.query(`UPDATE agent_status SET seen_at = now() - interval '2 minutes' WHERE user_id = $1`, [
        agentIds[1],
      ]);
      const off = await svc.timeOutAgents();
      expect(off).toContain(agentIds[1]);
      expect(off).not.toContain(agentIds[2]);
      // an offline agent gets nothing
      const a = await new AssignmentRepository(pools[0]).agent(agentIds[1]);
      expect(a!.state).toBe('offline');
    }, 30_000);
  });

  it('an agent sets her state over the API; GET /api/agents shows state, load and capacity', async () => {
    const agent = await userSession(t, admin, 'agent', 'Марина');
    expect((await agent.json('GET', '/api/agents/me', undefined, 200)).state).toBe('offline');
    const me = await agent.json(
      'PUT',
      '/api/agents/me/status',
      { state: 'online', languages: ['ru', 'en'] },
      200,
    );
    expect(me).toMatchObject({ state: 'online', capacity: 6, load: 0, languages: ['ru', 'en'] });
    await agent.json('PUT', '/api/agents/me/status', { state: 'busy' }, 400);
    await agent.json('PUT', '/api/agents/me/status', { state: 'away', languages: ['russian'] }, 400);
    const away = await agent.json('PUT', '/api/agents/me/status', { state: 'away' }, 200);
    expect(away.languages).toEqual(['ru', 'en']);
    const list = await admin.json('GET', '/api/agents', undefined, 200);
    expect(list.find((a: any) => a.userId === agent.user.id)).toMatchObject({ state: 'away', capacity: 6 });
    await agent.json('PUT', `/api/agents/${agent.user.id}/languages`, { languages: ['en'] }, 403);
    await admin.json('PUT', `/api/agents/${agent.user.id}/languages`, { languages: ['en'] }, 200);
  });

  describe('escalations and notifications', () => {
    it('80 %: holder (or team) notified; breach: priority up, lead and holder notified, reassigned per policy', async () => {
      const holder = await userSession(t, admin, 'agent', 'Держатель');
      const mate = await userSession(t, admin, 'agent', 'Коллега');
      const lead = await userSession(t, admin, 'admin', 'Лид');
      const spare = await userSession(t, admin, 'agent', 'Свободная');
      const team = (await admin.json('POST', '/api/teams', { name: 'Escalations' }, 201)).id;
      for (const u of [holder, mate, lead, spare])
        await admin.json('POST', `/api/teams/${team}/members`, { userId: u.user.id }, 201);
      await spare.json('PUT', '/api/agents/me/status', { state: 'online' }, 200);
      const policy = await admin.json(
        'POST',
        '/api/sla-policies',
        { name: 'Reassigning', firstResponseMinutes: 120, intent: 'complaint', reassignOnBreach: true },
        201,
      );
      expect(policy.reassignOnBreach).toBe(true);

      const now = new Date();
      const at = (min: number) => new Date(now.getTime() + min * 60_000);
      const { warned, unassigned, breached } = await withDb(t, async (c) => {
        const warned = await seedConversation(c, { writtenAt: at(-100), dueAt: at(20) }); // 83 %
        const unassigned = await seedConversation(c, {
          sourceId: warned.sourceId,
          writtenAt: at(-100),
          dueAt: at(20),
        });
        const breached = await seedConversation(c, {
          sourceId: warned.sourceId,
          writtenAt: at(-130),
          dueAt: at(-10),
          intent: 'complaint',
          priority: 2,
        });
        await c.query(`UPDATE conversations SET team_id = $1 WHERE id = ANY($2)`, [
          team,
          [warned.conversationId, unassigned.conversationId, breached.conversationId],
        ]);
        await c.query(`UPDATE conversations SET assignee_id = $1 WHERE id = ANY($2)`, [
          holder.user.id,
          [warned.conversationId, breached.conversationId],
        ]);
        await c.query(`UPDATE conversations SET sla_policy_id = $1 WHERE id = $2`, [
          policy.id,
          breached.conversationId,
        ]);
        return { warned, unassigned, breached };
      });

      const sweep = t.app.get(SlaSweepService);
      const started = Date.now();
      const { raised } = await sweep.sweep(now);
      const sweepMs = Date.now() - started;
      // the breached one had no warning yet: it gets its 50 % and 80 % in the same sweep
      expect(raised.filter((e) => e.kind === 'warning_80').length).toBe(3);

      const notes = await withDb(t, (c) =>
        c.query(
          `SELECT user_id AS "userId", kind, conversation_id AS "conversationId", data FROM notifications
            WHERE conversation_id = ANY($1) ORDER BY kind, user_id`,
          [[warned.conversationId, unassigned.conversationId, breached.conversationId]],
        ),
      );
      const who = (conv: string, kind: string) =>
        notes.rows
          .filter((n) => n.conversationId === conv && n.kind === kind)
          .map((n) => n.userId)
          .sort();
      expect(who(warned.conversationId, 'sla_warning')).toEqual([holder.user.id]);
      expect(who(unassigned.conversationId, 'sla_warning')).toEqual(
        [holder.user.id, mate.user.id, lead.user.id, spare.user.id].sort(),
      );
      // the breach: the lead (an admin in the team), the holder and whoever got it; not the
      // bootstrap admin outside the team
      expect(who(breached.conversationId, 'sla_breach')).toEqual(
        [holder.user.id, lead.user.id, spare.user.id].sort(),
      );
      const conv = await holder.json('GET', `/api/conversations/${breached.conversationId}`, undefined, 200);
      expect(conv.conversation.priority).toBe(3);
      expect(conv.conversation.assigneeId).toBe(spare.user.id); // reassigned to the one online with room
      expect(conv.slaEvents.map((e: any) => e.kind)).toEqual(['warning_50', 'warning_80', 'breach']);
      const w = await holder.json('GET', `/api/conversations/${warned.conversationId}`, undefined, 200);
      expect(w.conversation.slaWarned50At).not.toBeNull();
      expect(w.conversation.slaWarned80At).not.toBeNull();

      // a second sweep (or a second worker) adds nothing
      await sweep.sweep(new Date(now.getTime() + 1000));
      const again = await withDb(t, (c) =>
        c.query(`SELECT count(*)::int AS n FROM notifications WHERE conversation_id = ANY($1)`, [
          [warned.conversationId, unassigned.conversationId, breached.conversationId],
        ]),
      );
      expect(again.rows[0].n).toBe(notes.rows.length);

      // the API: list, unread count, mark read (one's own only)
      const page = await holder.json('GET', '/api/notifications', undefined, 200);
      expect(page.unread).toBe(4);
      expect(page.notifications.map((n: any) => n.kind).sort()).toEqual([
        'sla_breach',
        'sla_warning',
        'sla_warning',
        'sla_warning',
      ]);
      const breach = page.notifications.find((n: any) => n.kind === 'sla_breach');
      expect(breach.data).toMatchObject({ reassignedTo: spare.user.id, priority: 3 });
      await mate.json('POST', '/api/notifications/read', { ids: [breach.id] }, 200);
      expect((await holder.json('GET', '/api/notifications/unread-count', undefined, 200)).unread).toBe(4);
      expect((await holder.json('POST', '/api/notifications/read', { ids: [breach.id] }, 200)).unread).toBe(
        3,
      );
      await holder.json('POST', '/api/notifications/read', {}, 400);
      expect((await holder.json('POST', '/api/notifications/read', { all: true }, 200)).unread).toBe(0);
      expect(
        (await holder.json('GET', '/api/notifications?unread=true', undefined, 200)).notifications,
      ).toEqual([]);

      const latency = (
        await withDb(t, (c) =>
          c.query(
            `SELECT n.kind, extract(epoch FROM n.created_at - $2::timestamptz) * 1000 AS ms
               FROM notifications n WHERE n.conversation_id = ANY($1)`,
            [[warned.conversationId, unassigned.conversationId, breached.conversationId], now],
          ),
        )
      ).rows;
      console.log(
        `escalation: one sweep raised ${raised.length} events and ${notes.rows.length} notifications in ${sweepMs} ms; ` +
          `notification stamped ${Math.max(...latency.map((l) => Number(l.ms)))} ms after the sweep's clock ` +
          `(the sweep runs every 30 s, so a notification exists at most ~30 s + ${sweepMs} ms after the 80 %/breach instant)`,
      );
    }, 30_000);

    it('breach: a team with a flagged lead tells the lead, not its admins; no lead or admin in the team: every admin', async () => {
      const holder = await userSession(t, admin, 'agent', 'Держит');
      const lead = await userSession(t, admin, 'agent', 'Старшая');
      const teamAdmin = await userSession(t, admin, 'admin', 'Админ команды');
      const made = await admin.json('PATCH', `/api/users/${lead.user.id}`, { isLead: true }, 200);
      expect(made.isLead).toBe(true);
      const team = (await admin.json('POST', '/api/teams', { name: 'With a lead' }, 201)).id;
      const bare = (await admin.json('POST', '/api/teams', { name: 'Without a lead' }, 201)).id;
      for (const u of [holder, lead, teamAdmin])
        await admin.json('POST', `/api/teams/${team}/members`, { userId: u.user.id }, 201);
      await admin.json('POST', `/api/teams/${bare}/members`, { userId: holder.user.id }, 201);

      const now = new Date();
      const at = (min: number) => new Date(now.getTime() + min * 60_000);
      const [led, unled] = await withDb(t, async (c) => {
        const out: string[] = [];
        for (const teamId of [team, bare]) {
          const f = await seedConversation(c, { writtenAt: at(-200), dueAt: at(-5) });
          await c.query(`UPDATE conversations SET team_id = $1, assignee_id = $2 WHERE id = $3`, [
            teamId,
            holder.user.id,
            f.conversationId,
          ]);
          out.push(f.conversationId);
        }
        return out;
      });
      await t.app.get(SlaSweepService).sweep(now);
      const breachNotified = (conv: string) =>
        withDb(t, (c) =>
          c.query(`SELECT user_id FROM notifications WHERE conversation_id = $1 AND kind = 'sla_breach'`, [
            conv,
          ]),
        ).then((r) => r.rows.map((x) => x.user_id).sort());
      expect(await breachNotified(led)).toEqual([holder.user.id, lead.user.id].sort());
      const admins = await withDb(t, (c) =>
        c.query(`SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL`),
      );
      expect(await breachNotified(unled)).toEqual([holder.user.id, ...admins.rows.map((r) => r.id)].sort());
      // the flag is audited like every other change to a person
      const audit = await admin.json(
        'GET',
        `/api/audit?entityType=user&entityId=${lead.user.id}`,
        undefined,
        200,
      );
      expect(JSON.stringify(audit)).toContain('isLead');
    }, 30_000);
  });

  describe('collision guard', () => {
    it('409 with the reply that beat this one; force sends anyway; presence streams to others', async () => {
      const x = await userSession(t, admin, 'agent', 'Икс');
      const y = await userSession(t, admin, 'agent', 'Игрек');
      const { conversationId } = await withDb(t, (c) => seedConversation(c));
      const loadedX = (await x.json('GET', `/api/conversations/${conversationId}`, undefined, 200)).loadedAt;
      const loadedY = (await y.json('GET', `/api/conversations/${conversationId}`, undefined, 200)).loadedAt;
      expect(Date.parse(loadedY)).toBeGreaterThanOrEqual(Date.parse(loadedX));

      // presence: Y watches the stream while X views and types
      const stream = await openSse(`${t.url}/api/events`, { cookie: y.cookie });
      await x.json('POST', '/api/presence', { conversationId, state: 'viewing' }, 200);
      await x.json('POST', '/api/presence', { conversationId, state: 'typing' }, 200);
      await stream.waitFor(
        (fs) => fs.some((f) => f.event === 'presence' && JSON.parse(f.data).state === 'typing'),
        5000,
        'typing presence',
      );
      const p = stream.frames.filter((f) => f.event === 'presence').map((f) => JSON.parse(f.data));
      expect(p[0]).toMatchObject({ userId: x.user.id, name: 'Икс', conversationId, state: 'viewing' });
      const snapshot = await y.json('GET', `/api/presence?conversationId=${conversationId}`, undefined, 200);
      expect(snapshot).toEqual([expect.objectContaining({ userId: x.user.id, state: 'typing' })]);
      await x.json(
        'POST',
        '/api/presence',
        { conversationId: '00000000-0000-4000-8000-000000000000', state: 'viewing' },
        404,
      );
      await x.json('POST', '/api/presence', { conversationId, state: 'dancing' }, 400);
      await x.json('POST', '/api/presence', { conversationId, state: 'left' }, 200);
      expect(await y.json('GET', `/api/presence?conversationId=${conversationId}`, undefined, 200)).toEqual(
        [],
      );
      stream.close();

      const first = await x.request(
        'POST',
        `/api/conversations/${conversationId}/replies`,
        { text: 'Уже чиним, к вечеру заработает', loadedAt: loadedX },
        { 'idempotency-key': 'collision-x-1' },
      );
      expect(first.status).toBe(202);
      const firstReply = (await first.json()) as any;
      // the same request again (a double click) is the same reply, not a collision
      const twice = await x.request(
        'POST',
        `/api/conversations/${conversationId}/replies`,
        { text: 'Уже чиним, к вечеру заработает', loadedAt: loadedX },
        { 'idempotency-key': 'collision-x-1' },
      );
      expect(twice.status).toBe(202);
      expect(((await twice.json()) as any).id).toBe(firstReply.id);

      const beaten = await y.request('POST', `/api/conversations/${conversationId}/replies`, {
        text: 'Здравствуйте! Проверим',
        loadedAt: loadedY,
      });
      expect(beaten.status).toBe(409);
      const body = (await beaten.json()) as any;
      expect(body).toMatchObject({
        code: 'already_answered',
        reply: {
          id: firstReply.id,
          origin: 'outbox',
          text: 'Уже чиним, к вечеру заработает',
          authorName: 'Икс',
        },
      });
      // force: the collision is waived, the holder rule is not (X holds it now)
      const forced = await y.request('POST', `/api/conversations/${conversationId}/replies`, {
        text: 'Здравствуйте! Проверим',
        loadedAt: loadedY,
        force: true,
      });
      expect(forced.status).toBe(409);
      expect(((await forced.json()) as any).assigneeId).toBe(x.user.id);
      // the holder's second tab: asked, then sends anyway
      expect(
        (
          await x.request('POST', `/api/conversations/${conversationId}/replies`, {
            text: 'Дополню',
            loadedAt: loadedX,
          })
        ).status,
      ).toBe(409);
      expect(
        (
          await x.request('POST', `/api/conversations/${conversationId}/replies`, {
            text: 'Дополню',
            loadedAt: loadedX,
            force: true,
          })
        ).status,
      ).toBe(202);
      // loaded after the answers: no collision
      const fresh = (await x.json('GET', `/api/conversations/${conversationId}`, undefined, 200)).loadedAt;
      expect(
        (
          await x.request('POST', `/api/conversations/${conversationId}/replies`, {
            text: 'И ещё',
            loadedAt: fresh,
          })
        ).status,
      ).toBe(202);
      // one outbox transaction each: every accepted reply has its delivery job
      const jobs = await withDb(t, (c) =>
        c.query(
          `SELECT count(*)::int AS n FROM replies r WHERE r.conversation_id = $1
             AND EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = 'reply.deliver' AND j.data->>'replyId' = r.id::text)`,
          [conversationId],
        ),
      );
      expect(jobs.rows[0].n).toBe(3);
    }, 30_000);
  });
});
