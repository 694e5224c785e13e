import { startTestApp, TestApp } from '../support/app';
import { ADMIN, Fixture, login, seedConversation, Session, userSession, withDb } from './support';

/**
 * One voice per customer: a conversation another agent holds is theirs to resolve, snooze,
 * re-prioritise and settle replies on. Every conversation-changing route is tried by a non-holder
 * (409, nothing changes), the holder (allowed) and an admin (allowed, audited as an override).
 */
describe('acting on a conversation someone else holds', () => {
  let t: TestApp;
  let admin: Session;
  let holder: Session;
  let other: Session;

  beforeAll(async () => {
    // ROLE=api: no delivery worker, so replies stay where the test puts them.
    t = await startTestApp({ ROLE: 'api' });
    admin = await login(t, ADMIN.email, ADMIN.password);
    [holder, other] = await Promise.all([
      userSession(t, admin, 'agent', 'Holder'),
      userSession(t, admin, 'agent', 'Other'),
    ]);
    // every test takes conversations for the same holder: room enough (capacity is tested in
    // test/assignment/manual-take.int-spec.ts)
    await admin.json('PATCH', `/api/users/${holder.user.id}`, { maxOpenConversations: 100 }, 200);
  });
  afterAll(() => t?.stop());

  /** A conversation the holder took, with its state as stored. */
  async function held(): Promise<Fixture> {
    const f = await withDb(t, (c) => seedConversation(c));
    await holder.json('PATCH', `/api/conversations/${f.conversationId}`, { assigneeId: holder.user.id }, 200);
    return f;
  }
  const state = (id: string) =>
    withDb(
      t,
      async (c) =>
        (
          await c.query(
            `SELECT status, snoozed_until, team_id, priority, assignee_id FROM conversations WHERE id = $1`,
            [id],
          )
        ).rows[0],
    );
  const audit = (entityId: string, action: string) =>
    withDb(
      t,
      async (c) =>
        (
          await c.query(
            `SELECT actor_id, data FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY id`,
            [entityId, action],
          )
        ).rows,
    );
  /** A reply of the holder's in the given state, as delivery would leave it. */
  const replyOf = (f: Fixture, status: 'unknown' | 'failed', author = holder.user.id) =>
    withDb(
      t,
      async (c) =>
        (
          await c.query(
            `INSERT INTO replies (conversation_id, in_reply_to_item_id, source_id, author_id, text,
               idempotency_key, status, attempts, sent_at)
             VALUES ($1, $2, $3, $4, 'Проверяем', gen_random_uuid()::text, $5, 1, now()) RETURNING id`,
            [f.conversationId, f.itemId, f.sourceId, author, status],
          )
        ).rows[0].id as string,
    );
  const replyStatus = (id: string) =>
    withDb(t, async (c) => (await c.query(`SELECT status FROM replies WHERE id = $1`, [id])).rows[0].status);

  const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

  it.each([
    ['resolve it', { status: 'resolved' }],
    ['set it pending', { status: 'pending' }],
    ['snooze it', { snoozedUntil: inAnHour() }],
    ['snooze it with a status', { status: 'snoozed', snoozedUntil: inAnHour() }],
    ['change its priority', { priority: 90 }],
  ])('refuses another agent who tries to %s (409, nothing changes)', async (_, body) => {
    const f = await held();
    const before = await state(f.conversationId);
    const res = await other.request('PATCH', `/api/conversations/${f.conversationId}`, body);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ statusCode: 409, assigneeId: holder.user.id });
    expect(await state(f.conversationId)).toEqual(before);
    expect(await audit(f.conversationId, 'conversation.status_changed')).toEqual([]);
  });

  it('refuses another agent moving it to a team', async () => {
    const f = await held();
    const team: any = await admin.json('POST', '/api/teams', { name: `Support ${Date.now()}` }, 201);
    const res = await other.request('PATCH', `/api/conversations/${f.conversationId}`, { teamId: team.id });
    expect(res.status).toBe(409);
    expect((await state(f.conversationId)).team_id).toBeNull();
  });

  it('lets the holder change it, and anyone change an unassigned one', async () => {
    const f = await held();
    await holder.json('PATCH', `/api/conversations/${f.conversationId}`, { priority: 7 }, 200);
    const resolved: any = await holder.json(
      'PATCH',
      `/api/conversations/${f.conversationId}`,
      { status: 'resolved' },
      200,
    );
    expect(resolved).toMatchObject({ status: 'resolved', priority: 7 });
    const free = await withDb(t, (c) => seedConversation(c));
    await other.json('PATCH', `/api/conversations/${free.conversationId}`, { status: 'pending' }, 200);
    expect(await audit(free.conversationId, 'conversation.override')).toEqual([]);
  });

  it('lets an admin act on it, recorded as an override of the holder', async () => {
    const f = await held();
    const until = inAnHour();
    const r: any = await admin.json(
      'PATCH',
      `/api/conversations/${f.conversationId}`,
      { snoozedUntil: until, priority: 5 },
      200,
    );
    expect(r).toMatchObject({ status: 'snoozed', priority: 5, assigneeId: holder.user.id });
    const [entry] = await audit(f.conversationId, 'conversation.override');
    expect(entry).toEqual({
      actor_id: admin.user.id,
      data: {
        holderId: holder.user.id,
        action: 'conversation.update',
        changes: { status: 'snoozed', snoozedUntil: until, priority: 5 },
      },
    });
  });

  it('caps a snooze at 30 days with a clear 400', async () => {
    const f = await held();
    const path = `/api/conversations/${f.conversationId}`;
    for (const days of [300, 31]) {
      const res = await holder.request('PATCH', path, {
        snoozedUntil: new Date(Date.now() + days * 86_400_000).toISOString(),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).message).toBe('snoozedUntil may be at most 30 days ahead');
    }
    // Admins too: the cap is about the customer, not the role.
    expect(
      (
        await admin.request('PATCH', path, {
          snoozedUntil: new Date(Date.now() + 31 * 86_400_000).toISOString(),
        })
      ).status,
    ).toBe(400);
    expect((await state(f.conversationId)).status).toBe('open');
    // (29 days is past the answer's deadline: the agent confirms it, see lifecycle.int-spec.ts)
    const ok: any = await holder.json(
      'PATCH',
      path,
      { snoozedUntil: new Date(Date.now() + 29 * 86_400_000).toISOString(), confirmPastDeadline: true },
      200,
    );
    expect(ok.status).toBe('snoozed');
  });

  it("refuses another agent resending or settling the holder's reply; the holder and an admin may", async () => {
    const f = await held();
    const unknown = await replyOf(f, 'unknown');
    const failed = await replyOf(f, 'failed');
    for (const [path, body] of [
      [`/api/replies/${unknown}/resend`, undefined],
      [`/api/replies/${failed}/resend`, undefined],
      [`/api/replies/${unknown}/mark-delivered`, { platformMessageId: 'msg:seen' }],
    ] as const) {
      const res = await other.request('POST', path, body);
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ assigneeId: holder.user.id });
    }
    expect([await replyStatus(unknown), await replyStatus(failed)]).toEqual(['unknown', 'failed']);
    expect(await audit(unknown, 'reply.resend')).toEqual([]);

    await holder.json('POST', `/api/replies/${failed}/resend`, undefined, 200);
    expect(await replyStatus(failed)).toBe('queued');
    await admin.json(
      'POST',
      `/api/replies/${unknown}/mark-delivered`,
      { platformMessageId: 'msg:seen' },
      200,
    );
    expect(await replyStatus(unknown)).toBe('delivered');
    expect(
      (await audit(f.conversationId, 'conversation.override')).map((e: any) => [
        e.data.action,
        e.data.replyId,
      ]),
    ).toEqual([['reply.mark_delivered', unknown]]);
  });

  it('records an admin resend and an admin reply on a held conversation as overrides', async () => {
    const f = await held();
    const unknown = await replyOf(f, 'unknown');
    await admin.json('POST', `/api/replies/${unknown}/resend`, undefined, 200);
    await admin.json('POST', `/api/conversations/${f.conversationId}/replies`, { text: 'Дополню' }, 202);
    const entries = await audit(f.conversationId, 'conversation.override');
    expect(entries.map((e: any) => [e.data.action, e.data.holderId])).toEqual([
      ['reply.resend', holder.user.id],
      ['reply.create', holder.user.id],
    ]);
  });

  it('keeps notes and analysis corrections open to the team (they change nobody’s answer)', async () => {
    const f = await held();
    await other.json('POST', `/api/conversations/${f.conversationId}/notes`, { text: 'Звонила вчера' }, 201);
    await other.json('PATCH', `/api/items/${f.itemId}/analysis`, { intent: 'complaint' }, 200);
  });
});
