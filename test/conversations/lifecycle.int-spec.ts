import { ConnectorRegistry } from '../../src/connectors/registry';
import { IngestService } from '../../src/ingest/ingest.service';
import { SnoozeWakeService } from '../../src/inbox/snooze-wake.service';
import { SlaSweepService } from '../../src/sla/sla-sweep.service';
import { startTestApp, TestApp } from '../support/app';
import { ADMIN, login, seedConversation, Session, userSession, waitFor, withDb } from '../inbox/support';
import { dm } from '../ingest/harness';
import { RecordingPlatform } from '../replies/support';

/**
 * The conversation lifecycle as a care team meets it on day one (issue 10): a follow-up after our
 * reply gets its own deadline, resolving and snoozing stop the countdown the sweep reads, and
 * "take" never takes a conversation away from the person who holds it.
 */
describe('conversation lifecycle', () => {
  let t: TestApp;
  let admin: Session;
  let agent: Session;
  let other: Session;
  let sourceId: string;
  const platform = new RecordingPlatform('testnet');

  beforeAll(async () => {
    t = await startTestApp();
    t.app.get(ConnectorRegistry).register(platform);
    admin = await login(t, ADMIN.email, ADMIN.password);
    [agent, other] = await Promise.all([
      userSession(t, admin, 'agent', 'Анна'),
      userSession(t, admin, 'agent', 'Борис'),
    ]);
    sourceId = await withDb(t, async (c) => (await seedConversation(c)).sourceId);
  });
  afterAll(() => t?.stop());

  const sql = <T = any>(text: string, params: unknown[] = []) =>
    withDb(t, async (c) => (await c.query(text, params)).rows as T[]);
  const conversation = async (id: string) =>
    (await sql(`SELECT * FROM conversations WHERE id = $1`, [id]))[0];
  const byThread = async (key: string) =>
    (await sql(`SELECT * FROM conversations WHERE source_id = $1 AND thread_key = $2`, [sourceId, key]))[0];
  const slaEvents = (id: string) =>
    sql(`SELECT kind FROM sla_events WHERE conversation_id = $1 ORDER BY id`, [id]).then((r) =>
      r.map((e) => e.kind),
    );
  const sweep = (at: Date) => t.app.get(SlaSweepService).sweep(at);
  const ingest = (items: ReturnType<typeof dm>[]) =>
    t.app.get(IngestService).ingest(sourceId, { items, cursors: {} });
  const minutes = (n: number) => new Date(Date.now() + n * 60_000);

  describe('a follow-up after our reply', () => {
    it('gets a next-response deadline from when the customer wrote, and the queue sorts by it', async () => {
      const peer = `follow-${Date.now()}`;
      await ingest([
        dm(peer, { createdAt: minutes(-30), text: 'Не приходит SMS-код при входе, что делать?' }),
      ]);
      const first = await byThread(`dm:${peer}`);
      expect(first.due_at).not.toBeNull();

      const reply: any = await agent.json(
        'POST',
        `/api/conversations/${first.id}/replies`,
        { text: 'Здравствуйте! Код отправили повторно.' },
        202,
      );
      await waitFor(async () => (await conversation(first.id)).status === 'pending', 15_000);
      const answered = await conversation(first.id);
      expect(answered.due_at).toBeNull();
      expect(answered.first_response_at).not.toBeNull();
      expect(reply.id).toBeDefined();

      // The customer comes back with a new question, a minute ago.
      const followAt = minutes(-1);
      const follow = dm(peer, { createdAt: followAt, text: 'А как поменять номер телефона в профиле?' });
      await ingest([follow]);
      const [item] = await sql(`SELECT needs_response, deadline_at FROM items WHERE external_id = $1`, [
        follow.externalId,
      ]);
      expect(item.needs_response).toBe(true); // the analysis reads it as a question that needs an answer
      const after = await conversation(first.id);
      expect(after.status).toBe('open');
      expect(after.due_at?.toISOString()).toBe(item.deadline_at.toISOString());
      expect(after.sla_started_at.toISOString()).toBe(followAt.toISOString());
      expect([after.sla_warned_50_at, after.sla_warned_80_at, after.sla_breached_at]).toEqual([
        null,
        null,
        null,
      ]);
      // The first response stays what it was: the follow-up has its own clock, not a new "first".
      expect(after.first_response_at.getTime()).toBe(answered.first_response_at.getTime());

      // Above a conversation that needs nothing, however high its priority.
      const idle = await withDb(t, (c) => seedConversation(c, { sourceId, dueAt: null, priority: 100 }));
      const queue: any = await agent.json(
        'GET',
        `/api/conversations?sourceId=${sourceId}&limit=200`,
        undefined,
        200,
      );
      const order = queue.conversations.map((c: any) => c.id);
      expect(order.indexOf(first.id)).toBeGreaterThanOrEqual(0);
      expect(order.indexOf(first.id)).toBeLessThan(order.indexOf(idle.conversationId));

      // And the sweep watches the new clock.
      const raised = await sweep(new Date(item.deadline_at.getTime() + 1000));
      expect(raised.raised.filter((e) => e.conversationId === first.id).map((e) => e.kind)).toContain(
        'breach',
      );
    });
  });

  describe('resolved and snoozed conversations', () => {
    it('resolving without a reply stops the clock: the sweep never counts it as breached', async () => {
      const f = await withDb(t, (c) => seedConversation(c, { sourceId, dueAt: minutes(50) }));
      await agent.json('PATCH', `/api/conversations/${f.conversationId}`, { status: 'resolved' }, 200);
      const row = await conversation(f.conversationId);
      expect(row.due_at).toBeNull();
      await sweep(minutes(180));
      expect(await slaEvents(f.conversationId)).toEqual([]);
    });

    it('snoozing past the deadline asks for confirmation; snoozed, the clock stops; waking restarts it', async () => {
      const f = await withDb(t, (c) => seedConversation(c, { sourceId, dueAt: minutes(20) }));
      const path = `/api/conversations/${f.conversationId}`;
      const until = minutes(120).toISOString();

      const warned = await agent.request('PATCH', path, { snoozedUntil: until });
      expect(warned.status).toBe(409);
      const body: any = await warned.json();
      expect(body).toMatchObject({ code: 'snooze_past_deadline' });
      expect(new Date(body.dueAt).getTime()).toBe((await conversation(f.conversationId)).due_at.getTime());
      expect((await conversation(f.conversationId)).status).toBe('open');

      const snoozed: any = await agent.json(
        'PATCH',
        path,
        { snoozedUntil: until, confirmPastDeadline: true },
        200,
      );
      expect(snoozed.status).toBe('snoozed');
      const paused = await conversation(f.conversationId);
      expect(paused.sla_paused_at).not.toBeNull();
      const [audit] = await sql(
        `SELECT data FROM audit_log WHERE entity_id = $1 AND action = 'conversation.status_changed'`,
        [f.conversationId],
      );
      expect(audit.data).toMatchObject({ to: 'snoozed', pastDeadline: expect.any(String) });

      // Long past the deadline, nothing is raised while it sleeps.
      await sweep(minutes(180));
      expect(await slaEvents(f.conversationId)).toEqual([]);

      // The wake-up time comes: the clock runs again from there, moved by the time it slept.
      await sql(`UPDATE conversations SET snoozed_until = now() WHERE id = $1`, [f.conversationId]);
      expect(await t.app.get(SnoozeWakeService).wakeDue()).toContain(f.conversationId);
      const woke = await conversation(f.conversationId);
      expect(woke).toMatchObject({ status: 'open', sla_paused_at: null });
      expect(Number(woke.sla_paused_ms)).toBeGreaterThan(0);
      expect(woke.due_at.getTime()).toBe(paused.due_at.getTime() + Number(woke.sla_paused_ms));
      await sweep(new Date(woke.due_at.getTime() + 1000));
      expect(await slaEvents(f.conversationId)).toContain('breach');
    });

    it('a snooze that ends before the deadline needs no confirmation', async () => {
      const f = await withDb(t, (c) => seedConversation(c, { sourceId, dueAt: minutes(120) }));
      const r: any = await agent.json(
        'PATCH',
        `/api/conversations/${f.conversationId}`,
        { snoozedUntil: minutes(60).toISOString() },
        200,
      );
      expect(r.status).toBe('snoozed');
    });

    it('a new customer message wakes a snoozed conversation and restarts its clock', async () => {
      const peer = `snooze-${Date.now()}`;
      await ingest([dm(peer, { createdAt: minutes(-10), text: 'Когда вернут деньги за заказ?' })]);
      const c = await byThread(`dm:${peer}`);
      expect(c.due_at).not.toBeNull();
      await agent.json(
        'PATCH',
        `/api/conversations/${c.id}`,
        { snoozedUntil: minutes(5).toISOString() },
        200,
      );
      expect((await conversation(c.id)).sla_paused_at).not.toBeNull();

      await ingest([dm(peer, { createdAt: new Date(), text: 'Ау, вы тут?' })]);
      const after = await conversation(c.id);
      expect(after).toMatchObject({ status: 'open', snoozed_until: null, sla_paused_at: null });
      expect(after.due_at).not.toBeNull();
      await sweep(new Date(after.due_at.getTime() + 1000));
      expect(await slaEvents(c.id)).toContain('breach');
    });

    it('the sweep looks at status: a snoozed or resolved conversation left with a countdown is not breached', async () => {
      const snoozed = await withDb(t, (c) => seedConversation(c, { sourceId, dueAt: minutes(30) }));
      const resolved = await withDb(t, (c) => seedConversation(c, { sourceId, dueAt: minutes(30) }));
      // As rows written before this rule looked: the countdown kept, nothing paused.
      await sql(
        `UPDATE conversations SET status = 'snoozed', snoozed_until = now() + interval '1 day' WHERE id = $1`,
        [snoozed.conversationId],
      );
      await sql(`UPDATE conversations SET status = 'resolved', resolved_at = now() WHERE id = $1`, [
        resolved.conversationId,
      ]);
      await sweep(minutes(240));
      expect(await slaEvents(snoozed.conversationId)).toEqual([]);
      expect(await slaEvents(resolved.conversationId)).toEqual([]);
    });
  });

  describe('taking a conversation', () => {
    it('is first-come for admins too; moving it from its holder is an audited reassignment she hears about', async () => {
      const f = await withDb(t, (c) => seedConversation(c, { sourceId }));
      const path = `/api/conversations/${f.conversationId}`;
      await agent.json('PATCH', path, { assigneeId: agent.user.id }, 200);

      // The admin presses "take" a moment later: refused, the agent keeps it.
      const took = await admin.request('PATCH', path, { assigneeId: admin.user.id });
      expect(took.status).toBe(409);
      expect(await took.json()).toMatchObject({ assigneeId: agent.user.id });
      expect((await conversation(f.conversationId)).assignee_id).toBe(agent.user.id);
      // Releasing someone else's conversation is a reassignment too.
      expect((await admin.request('PATCH', path, { assigneeId: null })).status).toBe(409);

      // Reassigning is explicit: an admin names whom it is taken from.
      expect(
        (
          await other.request('POST', `${path}/reassign`, {
            assigneeId: other.user.id,
            fromAssigneeId: agent.user.id,
          })
        ).status,
      ).toBe(403);
      const stale = await admin.request('POST', `${path}/reassign`, {
        assigneeId: admin.user.id,
        fromAssigneeId: other.user.id,
      });
      expect(stale.status).toBe(409);
      const moved: any = await admin.json(
        'POST',
        `${path}/reassign`,
        { assigneeId: admin.user.id, fromAssigneeId: agent.user.id },
        200,
      );
      expect(moved.assigneeId).toBe(admin.user.id);

      const audit = await sql(
        `SELECT actor_id, data FROM audit_log WHERE entity_id = $1 AND action = 'conversation.reassigned'`,
        [f.conversationId],
      );
      expect(audit).toEqual([{ actor_id: admin.user.id, data: { from: agent.user.id, to: admin.user.id } }]);
      // The previous holder is told: an inbox event addressed to her.
      const events = await sql(
        `SELECT data FROM inbox_events WHERE type = 'conversation.reassigned' AND $1 = ANY(conversation_ids)`,
        [f.conversationId],
      );
      expect(events).toEqual([
        { data: { previousAssigneeId: agent.user.id, assigneeId: admin.user.id, by: admin.user.id } },
      ]);
    });
  });
});
