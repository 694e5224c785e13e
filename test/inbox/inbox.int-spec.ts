import { startTestApp, TestApp } from '../support/app';
import { ADMIN, login, seedConversation, Session, userSession, withDb } from './support';

describe('inbox API', () => {
  let t: TestApp;
  let admin: Session;
  let agentA: Session;
  let agentB: Session;
  let analyst: Session;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await login(t, ADMIN.email, ADMIN.password);
    [agentA, agentB, analyst] = await Promise.all([
      userSession(t, admin, 'agent', 'Анна'),
      userSession(t, admin, 'agent', 'Борис'),
      userSession(t, admin, 'analyst'),
    ]);
  });
  afterAll(() => t?.stop());

  it('lists the queue most urgent first and pages through it with a cursor', async () => {
    const base = Date.now() + 3600_000;
    const ids = await withDb(t, async (c) => {
      const s = await seedConversation(c, { dueAt: new Date(base + 5000), intent: 'complaint' });
      const mk = (o: Parameters<typeof seedConversation>[1]) =>
        seedConversation(c, { sourceId: s.sourceId, ...o });
      const urgentLow = await mk({ dueAt: new Date(base), priority: 0 });
      const urgentHigh = await mk({ dueAt: new Date(base), priority: 5 });
      const noDeadline = await mk({ dueAt: null, priority: 9 });
      // Microseconds matter: a JS Date cursor would skip one of these two.
      await c.query(`UPDATE conversations SET due_at = due_at + interval '1 microsecond' WHERE id = $1`, [
        urgentLow.conversationId,
      ]);
      return [urgentHigh, urgentLow, s, noDeadline].map((x) => x.conversationId);
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await agentA.json(
        'GET',
        `/api/conversations?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        undefined,
        200,
      );
      seen.push(...page.conversations.map((c: any) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);

    const complaints: any = await analyst.json('GET', '/api/conversations?intent=complaint', undefined, 200);
    expect(complaints.conversations.map((c: any) => c.id)).toEqual([ids[2]]);
    expect(complaints.conversations[0].lastText).toBe('Интернет пропал второй день, когда починят?');
    expect((await agentA.request('GET', '/api/conversations?cursor=garbage')).status).toBe(400);
    expect((await agentA.request('GET', '/api/conversations?status=weird')).status).toBe(400);
  });

  it('shows the whole story: items oldest first, notes, and the customer on other platforms', async () => {
    const script = '<script>alert(1)</script> & ещё';
    const f = await withDb(t, async (c) => {
      const vk = await seedConversation(c, { platform: 'vk', text: script });
      const tg = await seedConversation(c, { platform: 'telegram', customerId: vk.customerId });
      await c.query(
        `INSERT INTO items (source_id, platform, kind, external_id, thread_external_id, conversation_id,
           direction, text, created_at_platform)
         SELECT source_id, platform, 'message', 'older', 'x', conversation_id, 'inbound', 'сначала это',
           created_at_platform - interval '1 minute' FROM items WHERE id = $1`,
        [vk.itemId],
      );
      return { vk, tg };
    });
    await agentA.json(
      'POST',
      `/api/conversations/${f.vk.conversationId}/notes`,
      { text: 'VIP, звонила вчера' },
      201,
    );
    const d: any = await analyst.json('GET', `/api/conversations/${f.vk.conversationId}`, undefined, 200);
    expect(d.items.map((i: any) => i.text)).toEqual(['сначала это', script]);
    expect(d.notes).toEqual([expect.objectContaining({ text: 'VIP, звонила вчера', authorName: 'Анна' })]);
    expect(d.otherConversations.map((c: any) => [c.id, c.platform])).toEqual([
      [f.tg.conversationId, 'telegram'],
    ]);
    expect(d.conversation.contact.displayName).toBe('Ирина');
    expect(
      (await agentA.request('GET', `/api/conversations/00000000-0000-4000-8000-000000000000`)).status,
    ).toBe(404);
  });

  it('lets one of two agents take a conversation; the other gets 409', async () => {
    const f = await withDb(t, (c) => seedConversation(c));
    const path = `/api/conversations/${f.conversationId}`;
    const [a, b] = await Promise.all([
      agentA.request('PATCH', path, { assigneeId: agentA.user.id }),
      agentB.request('PATCH', path, { assigneeId: agentB.user.id }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? agentA : agentB;
    const loser = a.status === 200 ? agentB : agentA;
    const body: any = await (a.status === 409 ? a : b).json();
    expect(body.assigneeId).toBe(winner.user.id);
    // The loser cannot release it or hand it to themselves either; the holder can hand it over.
    expect((await loser.request('PATCH', path, { assigneeId: null })).status).toBe(409);
    const handed: any = await winner.json('PATCH', path, { assigneeId: loser.user.id }, 200);
    expect(handed.assigneeId).toBe(loser.user.id);
    // Admins take it from its holder only by an explicit reassignment naming her.
    expect((await admin.request('PATCH', path, { assigneeId: null })).status).toBe(409);
    expect(
      (await admin.json('POST', `${path}/reassign`, { assigneeId: null, fromAssigneeId: loser.user.id }, 200))
        .assigneeId,
    ).toBeNull();
    const mine: any = await loser.json('GET', '/api/conversations?assignee=unassigned', undefined, 200);
    expect(mine.conversations.map((c: any) => c.id)).toContain(f.conversationId);
  });

  it('audits status changes and validates snoozing', async () => {
    const f = await withDb(t, (c) => seedConversation(c));
    const path = `/api/conversations/${f.conversationId}`;
    expect((await agentA.request('PATCH', path, { status: 'snoozed' })).status).toBe(400);
    const until = new Date(Date.now() + 3600_000).toISOString();
    const snoozed: any = await agentA.json('PATCH', path, { snoozedUntil: until }, 200);
    expect(snoozed.status).toBe('snoozed');
    const resolved: any = await agentA.json('PATCH', path, { status: 'resolved' }, 200);
    expect(resolved).toMatchObject({ status: 'resolved', snoozedUntil: null });
    expect(resolved.resolvedAt).not.toBeNull();
    const audit = await withDb(t, (c) =>
      c.query(
        `SELECT actor_id, data FROM audit_log WHERE entity_id = $1 AND action = 'conversation.status_changed' ORDER BY id`,
        [f.conversationId],
      ),
    );
    expect(audit.rows.map((r) => [r.actor_id, r.data.from, r.data.to])).toEqual([
      [agentA.user.id, 'open', 'snoozed'],
      [agentA.user.id, 'snoozed', 'resolved'],
    ]);
  });

  it('keeps analysts read-only', async () => {
    const f = await withDb(t, (c) => seedConversation(c));
    expect(
      (await analyst.request('PATCH', `/api/conversations/${f.conversationId}`, { priority: 3 })).status,
    ).toBe(403);
    expect(
      (await analyst.request('POST', `/api/conversations/${f.conversationId}/notes`, { text: 'x' })).status,
    ).toBe(403);
    expect(
      (await analyst.request('PATCH', `/api/items/${f.itemId}/analysis`, { intent: 'spam' })).status,
    ).toBe(403);
    expect((await analyst.request('POST', '/api/templates', { name: 'x', body: 'y' })).status).toBe(403);
  });

  it('stores an analysis correction with who and when, and updates the item', async () => {
    const f = await withDb(t, (c) => seedConversation(c, { intent: 'support_question' }));
    const before = Date.now();
    const res: any = await agentB.json(
      'PATCH',
      `/api/items/${f.itemId}/analysis`,
      { intent: 'complaint', sentiment: 'negative' },
      200,
    );
    // sentiment was already negative: only the intent is a correction.
    expect(res.corrections).toHaveLength(1);
    const rows = await withDb(t, (c) =>
      c.query(
        `SELECT field, old_value, new_value, user_id, created_at,
           (SELECT intent FROM items WHERE id = $1) AS item_intent,
           (SELECT intent FROM conversations WHERE id = $2) AS conv_intent
         FROM analysis_corrections WHERE item_id = $1`,
        [f.itemId, f.conversationId],
      ),
    );
    expect(rows.rows).toEqual([
      expect.objectContaining({
        field: 'intent',
        old_value: 'support_question',
        new_value: 'complaint',
        user_id: agentB.user.id,
        item_intent: 'complaint',
        conv_intent: 'complaint',
      }),
    ]);
    expect(rows.rows[0].created_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(
      (await agentB.request('PATCH', `/api/items/${f.itemId}/analysis`, { intent: 'rude' })).status,
    ).toBe(400);
    expect((await agentB.request('PATCH', `/api/items/999999999/analysis`, { intent: 'spam' })).status).toBe(
      404,
    );
  });

  it('lets admins write templates and everyone read them', async () => {
    const tpl: any = await admin.json(
      'POST',
      '/api/templates',
      { name: 'Спасибо', shortcut: 'thanks', body: 'Спасибо за отзыв!', intent: 'praise' },
      201,
    );
    expect((await agentA.request('POST', '/api/templates', { name: 'x', body: 'y' })).status).toBe(403);
    expect(
      (await admin.request('POST', '/api/templates', { name: 'dup', shortcut: 'thanks', body: 'z' })).status,
    ).toBe(409);
    await admin.json('PATCH', `/api/templates/${tpl.id}`, { body: 'Спасибо большое!' }, 200);
    const list: any[] = await analyst.json('GET', '/api/templates?intent=praise', undefined, 200);
    expect(list.map((x) => x.body)).toEqual(['Спасибо большое!']);
  });
});
