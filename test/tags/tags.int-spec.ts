import { startVkEmulator, type VkEmulator } from '../../src/emulators/vk';
import { IngestService } from '../../src/ingest/ingest.service';
import { startTestApp, TestApp } from '../support/app';
import { ADMIN, login, seedConversation, Session, userSession, withDb } from '../inbox/support';

/** Tags, auto-tag rules at ingest, bulk actions, the assignee picker's load and the post context. */
describe('tags, bulk actions and the conversation context', () => {
  let t: TestApp;
  let admin: Session;
  let agentA: Session;
  let agentB: Session;
  let analyst: Session;
  let vk: VkEmulator;

  beforeAll(async () => {
    vk = await startVkEmulator({ maxHoldMs: 100, seed: 3 });
    t = await startTestApp({ ALLOW_CUSTOM_API_URLS: 'true' });
    admin = await login(t, ADMIN.email, ADMIN.password);
    [agentA, agentB, analyst] = await Promise.all([
      userSession(t, admin, 'agent', 'Анна'),
      userSession(t, admin, 'agent', 'Борис'),
      userSession(t, admin, 'analyst'),
    ]);
  });
  afterAll(async () => {
    await t?.stop();
    await vk?.stop();
  });

  const tagHours = (tagId: string) =>
    withDb(t, async (c) => {
      const r = await c.query(
        `SELECT COALESCE(sum(conversations), 0)::int AS n FROM (
           SELECT conversations FROM report_tag_hours WHERE tag_id = $1
           UNION ALL SELECT conversations FROM report_tag_hours_delta WHERE tag_id = $1) x`,
        [tagId],
      );
      return r.rows[0].n as number;
    });

  it('admins keep the tag list: unique names, colours checked, agents read only', async () => {
    const spam = await admin.json('POST', '/api/tags', { name: 'Спам', color: '#d9480f' }, 201);
    expect(spam).toMatchObject({ name: 'Спам', color: '#d9480f' });
    expect((await admin.request('POST', '/api/tags', { name: ' спам ' })).status).toBe(409);
    expect((await admin.request('POST', '/api/tags', { name: 'x', color: 'red' })).status).toBe(400);
    expect((await admin.request('POST', '/api/tags', { name: '' })).status).toBe(400);
    expect((await agentA.request('POST', '/api/tags', { name: 'Мой' })).status).toBe(403);
    const renamed = await admin.json('PATCH', `/api/tags/${spam.id}`, { color: '#123456' }, 200);
    expect(renamed).toMatchObject({ name: 'Спам', color: '#123456' });
    const list = await analyst.json('GET', '/api/tags', undefined, 200);
    expect(list.map((x: any) => x.name)).toContain('Спам');
    const doomed = await admin.json('POST', '/api/tags', { name: 'Временный' }, 201);
    expect(doomed.color).toBe('#888888');
    expect((await admin.request('DELETE', `/api/tags/${doomed.id}`)).status).toBe(204);
    expect((await admin.request('DELETE', `/api/tags/${doomed.id}`)).status).toBe(404);
  });

  it('agents tag a conversation: audited, shown with its colour in the queue and the view, counted for reports', async () => {
    const tag = await admin.json('POST', '/api/tags', { name: 'Доставка', color: '#2b8a3e' }, 201);
    const f = await withDb(t, (c) => seedConversation(c, { intent: 'complaint' }));
    const tags = await agentA.json(
      'POST',
      `/api/conversations/${f.conversationId}/tags`,
      { tagId: tag.id },
      200,
    );
    expect(tags).toEqual([
      expect.objectContaining({ id: tag.id, color: '#2b8a3e', createdBy: agentA.user.id }),
    ]);
    // again: no second row, no second audit entry
    await agentA.json('POST', `/api/conversations/${f.conversationId}/tags`, { tagId: tag.id }, 200);
    expect(
      (await analyst.request('POST', `/api/conversations/${f.conversationId}/tags`, { tagId: tag.id }))
        .status,
    ).toBe(403);
    expect(
      (await agentA.request('POST', `/api/conversations/${crypto.randomUUID()}/tags`, { tagId: tag.id }))
        .status,
    ).toBe(404);
    expect(
      (
        await agentA.request('POST', `/api/conversations/${f.conversationId}/tags`, {
          tagId: crypto.randomUUID(),
        })
      ).status,
    ).toBe(400);

    const queue = await agentB.json('GET', '/api/conversations?intent=complaint', undefined, 200);
    const row = queue.conversations.find((c: any) => c.id === f.conversationId);
    expect(row.tags).toEqual([expect.objectContaining({ name: 'Доставка', color: '#2b8a3e' })]);
    const view = await agentB.json('GET', `/api/conversations/${f.conversationId}`, undefined, 200);
    expect(view.conversation.tags.map((x: any) => x.id)).toEqual([tag.id]);
    expect(await tagHours(tag.id)).toBe(1);

    await agentB.json('DELETE', `/api/conversations/${f.conversationId}/tags/${tag.id}`, undefined, 200);
    expect(await tagHours(tag.id)).toBe(0);
    const audit = await withDb(
      t,
      async (c) =>
        (
          await c.query(
            `SELECT action, actor_id FROM audit_log WHERE entity_id = $1 AND action LIKE 'conversation.%tagged' ORDER BY id`,
            [f.conversationId],
          )
        ).rows,
    );
    expect(audit).toEqual([
      { action: 'conversation.tagged', actor_id: agentA.user.id },
      { action: 'conversation.untagged', actor_id: agentB.user.id },
    ]);
  });

  it('auto-tag rules tag at ingest by stemmed phrase, intent or sentiment; rules are checked', async () => {
    const net = await admin.json('POST', '/api/tags', { name: 'Интернет' }, 201);
    const refunds = await admin.json('POST', '/api/tags', { name: 'Refunds' }, 201);
    const rule = await admin.json('POST', '/api/tags/rules', { tagId: net.id, phrase: 'интернет' }, 201);
    await admin.json('POST', '/api/tags/rules', { tagId: refunds.id, phrase: 'refund' }, 201);
    expect((await admin.request('POST', '/api/tags/rules', { tagId: net.id })).status).toBe(400);
    expect((await admin.request('POST', '/api/tags/rules', { tagId: net.id, phrase: '!!!' })).status).toBe(
      400,
    );
    expect(
      (await admin.request('POST', '/api/tags/rules', { tagId: net.id, intent: 'nonsense' })).status,
    ).toBe(400);
    expect((await agentA.request('GET', '/api/tags/rules')).status).toBe(403);

    const sourceId = await withDb(
      t,
      async (c) =>
        (
          await c.query(
            `INSERT INTO sources (platform, name, settings) VALUES ('testnet', 'Rules', '{}') RETURNING id`,
          )
        ).rows[0].id,
    );
    const at = new Date(Date.now() - 60_000);
    const item = (n: number, text: string) => ({
      externalId: `r${n}`,
      kind: 'message' as const,
      threadExternalId: `dm:${n}`,
      author: { externalId: `a${n}`, name: `Автор ${n}` },
      text,
      createdAt: at,
    });
    await t.app.get(IngestService).ingest(sourceId, {
      items: [
        item(1, 'Третий день нет интернета!'),
        item(2, 'I was refunded twice, why?'),
        item(3, 'Спасибо за помощь'),
      ],
      cursors: {},
    });
    const tagged = await withDb(
      t,
      async (c) =>
        (
          await c.query(
            `SELECT i.external_id AS item, tg.name, ct.created_by, ct.rule_id FROM conversation_tags ct
             JOIN tags tg ON tg.id = ct.tag_id JOIN items i ON i.conversation_id = ct.conversation_id
            WHERE i.source_id = $1 ORDER BY i.external_id`,
            [sourceId],
          )
        ).rows,
    );
    expect(tagged).toEqual([
      { item: 'r1', name: 'Интернет', created_by: null, rule_id: rule.id },
      { item: 'r2', name: 'Refunds', created_by: null, rule_id: expect.any(String) },
    ]);

    // a disabled rule stops at once (the cache is told)
    await admin.json('PATCH', `/api/tags/rules/${rule.id}`, { enabled: false }, 200);
    await t.app
      .get(IngestService)
      .ingest(sourceId, { items: [item(4, 'Интернетом не пользуюсь')], cursors: {} });
    const fourth = await withDb(
      t,
      async (c) =>
        (
          await c.query(
            `SELECT count(*)::int AS n FROM conversation_tags ct JOIN items i ON i.conversation_id = ct.conversation_id
            WHERE i.external_id = 'r4' AND i.source_id = $1`,
            [sourceId],
          )
        ).rows[0].n,
    );
    expect(fourth).toBe(0);
  });

  it('bulk actions: tag and resolve a wave of spam, each conversation through its own rules; validated and audited', async () => {
    const spam = await admin.json('POST', '/api/tags', { name: 'Волна спама' }, 201);
    const [a, b, held] = await withDb(t, async (c) => {
      const s = await seedConversation(c, { intent: 'spam' });
      const mk = () => seedConversation(c, { sourceId: s.sourceId, intent: 'spam' });
      return [s, await mk(), await mk()];
    });
    await agentA.json(
      'PATCH',
      `/api/conversations/${held.conversationId}`,
      { assigneeId: agentA.user.id },
      200,
    );
    const ids = [a.conversationId, b.conversationId, held.conversationId];
    const missing = crypto.randomUUID();

    const tagged = await agentB.json(
      'POST',
      '/api/conversations/bulk',
      { action: 'tag', tagId: spam.id, conversationIds: [...ids, missing] },
      200,
    );
    expect(tagged).toMatchObject({ action: 'tag', succeeded: 3, failed: 1 });
    expect(tagged.results[3]).toEqual({
      id: missing,
      ok: false,
      status: 404,
      error: 'conversation not found',
      code: null,
    });
    expect(await tagHours(spam.id)).toBe(3);

    const resolved = await agentB.json(
      'POST',
      '/api/conversations/bulk',
      { action: 'resolve', conversationIds: ids },
      200,
    );
    expect(resolved).toMatchObject({ succeeded: 2, failed: 1 });
    expect(resolved.results[2]).toMatchObject({ id: held.conversationId, ok: false, status: 409 });
    const statuses = await withDb(
      t,
      async (c) =>
        (await c.query(`SELECT id, status FROM conversations WHERE id = ANY($1) ORDER BY id`, [ids])).rows,
    );
    expect(Object.fromEntries(statuses.map((r: any) => [r.id, r.status]))).toEqual({
      [a.conversationId]: 'resolved',
      [b.conversationId]: 'resolved',
      [held.conversationId]: 'open',
    });
    const assigned = await admin.json(
      'POST',
      '/api/conversations/bulk',
      { action: 'assign', assigneeId: agentB.user.id, conversationIds: [a.conversationId] },
      200,
    );
    expect(assigned.succeeded).toBe(1);

    for (const bad of [
      { action: 'resolve', conversationIds: [] },
      { action: 'resolve', conversationIds: ['nope'] },
      { action: 'resolve', conversationIds: [a.conversationId, a.conversationId] },
      { action: 'resolve', conversationIds: Array.from({ length: 201 }, () => crypto.randomUUID()) },
      { action: 'tag', conversationIds: [a.conversationId] },
      { action: 'assign', conversationIds: [a.conversationId] },
      { action: 'delete', conversationIds: [a.conversationId] },
    ]) {
      expect([bad.action, (await agentB.request('POST', '/api/conversations/bulk', bad)).status]).toEqual([
        bad.action,
        400,
      ]);
    }
    expect(
      (await analyst.request('POST', '/api/conversations/bulk', { action: 'resolve', conversationIds: ids }))
        .status,
    ).toBe(403);
    const audit = await withDb(
      t,
      async (c) =>
        (
          await c.query(
            `SELECT data FROM audit_log WHERE action = 'conversation.bulk' AND actor_id = $1 ORDER BY id`,
            [agentB.user.id],
          )
        ).rows,
    );
    expect(audit.map((r: any) => [r.data.action, r.data.succeeded, r.data.failed])).toEqual([
      ['tag', 3, 1],
      ['resolve', 2, 1],
    ]);
  });

  it("the assignee picker shows each agent's load and the teams'", async () => {
    const f = await withDb(t, (c) => seedConversation(c));
    await agentA.json('PATCH', `/api/conversations/${f.conversationId}`, { assigneeId: agentA.user.id }, 200);
    const { agents, teams } = await agentB.json('GET', '/api/inbox/assignees', undefined, 200);
    const load = Object.fromEntries(agents.map((x: any) => [x.id, x.open]));
    const open = await withDb(
      t,
      async (c) =>
        (
          await c.query(
            `SELECT count(*)::int AS n FROM conversations WHERE assignee_id = $1 AND status = 'open'`,
            [agentA.user.id],
          )
        ).rows[0].n,
    );
    expect(load[agentA.user.id]).toBe(open);
    expect(open).toBeGreaterThanOrEqual(2);
    expect(agents.find((x: any) => x.id === agentA.user.id)).toMatchObject({ name: 'Анна', capacity: 6 });
    expect(agents.map((x: any) => x.id)).not.toContain(analyst.user.id);
    expect(Array.isArray(teams)).toBe(true);
    expect((await analyst.request('GET', '/api/inbox/assignees')).status).toBe(403);
  });

  it('a comment shows the post it answers, fetched from the platform once; every item links to its original', async () => {
    vk.control.community({ id: 77, name: 'Acme', screen_name: 'acme' });
    const serviceToken = vk.control.token({ kind: 'service', rps: 20 });
    const postId = vk.control.post({ ownerId: -77, text: 'Новый тариф «Дом+» с 1 декабря' }).id;
    const source = await admin.json(
      'POST',
      '/api/sources',
      {
        platform: 'vk',
        name: 'Acme VK',
        settings: { groupId: 77, apiBaseUrl: vk.apiBaseUrl, reconcileIntervalMs: 0, backfillDays: 0 },
        credentials: { serviceToken },
      },
      201,
    );
    const conversationId = await withDb(t, async (c) => {
      const f = await seedConversation(c, { platform: 'vk', sourceId: source.id });
      await c.query(
        `UPDATE items SET kind = 'comment', external_id = $2, thread_external_id = $3 WHERE conversation_id = $1`,
        [f.conversationId, `wall_comment:-77_${postId}_5`, `wall:-77_${postId}`],
      );
      return f.conversationId;
    });
    vk.control.clearRequests();
    const first = await agentA.json('GET', `/api/conversations/${conversationId}`, undefined, 200);
    expect(first.post).toEqual({
      externalId: `wall_post:-77_${postId}`,
      text: 'Новый тариф «Дом+» с 1 декабря',
      postedAt: expect.any(String),
      url: `https://vk.com/wall-77_${postId}`,
    });
    expect(first.items[0].url).toBe(`https://vk.com/wall-77_${postId}?reply=5`);
    const second = await agentB.json('GET', `/api/conversations/${conversationId}`, undefined, 200);
    expect(second.post.text).toBe(first.post.text);
    expect(vk.control.requests({ method: 'wall.getById' })).toHaveLength(1);

    // Telegram: the channel post is an item already; a private message has no post and no link
    const tg = await withDb(t, async (c) => {
      const f = await seedConversation(c, { platform: 'telegram' });
      await c.query(
        `INSERT INTO items (source_id, platform, kind, external_id, thread_external_id, direction, author_external_id,
           text, created_at_platform, raw)
         VALUES ($1, 'telegram', 'channel_post', '-100500:7', '-100500:7', 'outbound', '-100500', 'Мы открылись!', now(),
           '{"chat": {"username": "acme_news"}}')`,
        [f.sourceId],
      );
      const dm = await seedConversation(c, { platform: 'telegram', sourceId: f.sourceId });
      await c.query(
        `UPDATE items SET kind = 'comment', external_id = '-100600:9', thread_external_id = '-100500:7' WHERE conversation_id = $1`,
        [f.conversationId],
      );
      return { comment: f.conversationId, dm: dm.conversationId };
    });
    const tgView = await agentA.json('GET', `/api/conversations/${tg.comment}`, undefined, 200);
    expect(tgView.post).toMatchObject({ text: 'Мы открылись!', url: 'https://t.me/acme_news/7' });
    expect(tgView.items[0].url).toBe('https://t.me/c/600/9');
    const dmView = await agentA.json('GET', `/api/conversations/${tg.dm}`, undefined, 200);
    expect(dmView.post).toBeNull();
    expect(dmView.items[0].url).toBeNull();
  });

  it('a reply carrying a template shortcut as text is refused', async () => {
    await admin.json(
      'POST',
      '/api/templates',
      { name: 'Спасибо', shortcut: 'thanks', body: 'Спасибо, {name}!' },
      201,
    );
    const f = await withDb(t, (c) => seedConversation(c));
    const res = await agentA.request('POST', `/api/conversations/${f.conversationId}/replies`, {
      text: 'Добрый день! /thanks',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'template_shortcut', shortcuts: ['thanks'] });
    const ok = await agentA.request('POST', `/api/conversations/${f.conversationId}/replies`, {
      text: 'Смотрите https://acme.ru/thanks и /other',
    });
    expect(ok.status).toBe(202);
  });
});
