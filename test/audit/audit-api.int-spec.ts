import { startTestApp, TestApp } from '../support/app';
import { ADMIN, login, seedConversation, Session, userSession, withDb } from '../inbox/support';

/** GET /api/audit (admin screens), PATCH /api/auth/me (profile) and GET /api/analysis/labels. */
describe('audit log, profile and labels API', () => {
  let t: TestApp;
  let admin: Session;
  let agent: Session;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await login(t, ADMIN.email, ADMIN.password);
    agent = await userSession(t, admin, 'agent', 'Агент Смит');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('lists the audit log newest first, filtered by entity, actor, action and time, admins only', async () => {
    const f = await withDb(t, (c) => seedConversation(c));
    await agent.json('PATCH', `/api/conversations/${f.conversationId}`, { assigneeId: agent.user.id }, 200);
    await agent.json('POST', `/api/conversations/${f.conversationId}/notes`, { text: 'перезвонить' }, 201);

    const all = await admin.json('GET', '/api/audit?limit=200', undefined, 200);
    const ids = all.entries.map((e: any) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));

    const conv = await admin.json(
      'GET',
      `/api/audit?entityType=conversation&entityId=${f.conversationId}`,
      undefined,
      200,
    );
    expect(conv.entries.map((e: any) => e.action)).toEqual(['note.created', 'conversation.assigned']);
    expect(conv.entries[0]).toMatchObject({
      actorId: agent.user.id,
      actorName: 'Агент Смит',
      entityType: 'conversation',
      entityId: f.conversationId,
    });
    expect(typeof conv.entries[0].data).toBe('object');

    const byActor = await admin.json('GET', `/api/audit?actorId=${agent.user.id}`, undefined, 200);
    expect(byActor.entries.every((e: any) => e.actorId === agent.user.id)).toBe(true);
    expect(byActor.entries.length).toBeGreaterThanOrEqual(2);

    const prefix = await admin.json('GET', `/api/audit?action=note.`, undefined, 200);
    expect(prefix.entries.map((e: any) => e.action)).toEqual(['note.created']);

    const future = new Date(Date.now() + 3600_000).toISOString();
    const none = await admin.json('GET', `/api/audit?from=${encodeURIComponent(future)}`, undefined, 200);
    expect(none.entries).toEqual([]);
    const past = await admin.json(
      'GET',
      `/api/audit?to=${encodeURIComponent(future)}&limit=1`,
      undefined,
      200,
    );
    expect(past.entries).toHaveLength(1);

    // keyset pages: no overlap, nothing skipped
    const p1 = await admin.json('GET', '/api/audit?limit=2', undefined, 200);
    const p2 = await admin.json('GET', `/api/audit?limit=2&cursor=${p1.nextCursor}`, undefined, 200);
    expect(p2.entries[0].id).toBe(all.entries[2].id);

    expect((await agent.request('GET', '/api/audit')).status).toBe(403);
    expect((await admin.request('GET', '/api/audit?cursor=abc')).status).toBe(400);
    expect((await admin.request('GET', '/api/audit?from=yesterday')).status).toBe(400);
  });

  it('lets anyone signed in change their own name and language, and nothing else', async () => {
    const me = await agent.json('PATCH', '/api/auth/me', { locale: 'en', name: 'Agent Smith' }, 200);
    expect(me.user).toMatchObject({ id: agent.user.id, locale: 'en', name: 'Agent Smith', role: 'agent' });
    expect(typeof me.csrfToken).toBe('string');
    expect((await agent.json('GET', '/api/auth/me', undefined, 200)).user.locale).toBe('en');
    expect((await agent.request('PATCH', '/api/auth/me', { role: 'admin' })).status).toBe(400);
    expect((await agent.request('PATCH', '/api/auth/me', { locale: 'de' })).status).toBe(400);
    expect((await agent.request('PATCH', '/api/auth/me', {})).status).toBe(400);
    const audit = await admin.json(
      'GET',
      `/api/audit?entityType=user&entityId=${agent.user.id}&action=user.profile_updated`,
      undefined,
      200,
    );
    expect(audit.entries[0].data).toEqual({ locale: 'en', name: 'Agent Smith' });
  });

  it('serves the analysis label lists to every role', async () => {
    const analyst = await userSession(t, admin, 'analyst');
    const labels = await analyst.json('GET', '/api/analysis/labels', undefined, 200);
    expect(labels.intents).toEqual(
      expect.arrayContaining(['complaint', 'sales_question', 'support_question', 'praise', 'spam', 'other']),
    );
    expect(labels.sentiments).toEqual(['negative', 'neutral', 'positive']);
  });
});
