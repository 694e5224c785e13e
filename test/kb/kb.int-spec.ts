import { KB_ARTICLES, kbArticleUrl } from '../../src/kb/demo-articles';
import { KbRepository } from '../../src/kb/kb.repository';
import { startTestApp, TestApp } from '../support/app';
import { ADMIN, login, seedConversation, Session, userSession, withDb } from '../inbox/support';

/** Issue 12.5: the knowledge base over HTTP on real PostgreSQL — roles, search, suggestions, usage. */
describe('knowledge base API', () => {
  let t: TestApp;
  let admin: Session;
  let agent: Session;
  let analyst: Session;
  const sql = <T = any>(text: string, params: unknown[] = []) =>
    withDb(t, async (c) => (await c.query(text, params)).rows as T[]);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await login(t, ADMIN.email, ADMIN.password);
    [agent, analyst] = await Promise.all([userSession(t, admin, 'agent'), userSession(t, admin, 'analyst')]);
    const seeded = await t.app
      .get(KbRepository)
      .seedIfEmpty(KB_ARTICLES.map(({ slug, ...a }) => ({ ...a, url: kbArticleUrl(slug) })));
    expect(seeded).toBe(KB_ARTICLES.length);
    // a second seeding (a restart in demo mode) adds nothing
    expect(await t.app.get(KbRepository).seedIfEmpty(KB_ARTICLES)).toBe(0);
  });
  afterAll(() => t?.stop());

  it('admins and leads write articles, agents and analysts only read; input is validated', async () => {
    const body = {
      title: 'Гарантия на роутер',
      body: 'Гарантия на купленный роутер — 12 месяцев.',
      locale: 'ru',
      tags: ['гарантия'],
    };
    expect((await agent.request('POST', '/api/kb/articles', body)).status).toBe(403);
    expect((await admin.request('POST', '/api/kb/articles', { ...body, locale: 'de' })).status).toBe(400);
    expect(
      (await admin.request('POST', '/api/kb/articles', { ...body, url: 'javascript:alert(1)' })).status,
    ).toBe(400);
    const created: any = await admin.json('POST', '/api/kb/articles', body, 201);
    expect(created).toMatchObject({ title: body.title, tags: ['гарантия'], useCount: 0, archivedAt: null });
    expect((await analyst.json('GET', `/api/kb/articles/${created.id}`, undefined, 200)).title).toBe(
      body.title,
    );
    expect((await agent.request('PATCH', `/api/kb/articles/${created.id}`, { title: 'x' })).status).toBe(403);

    const edited: any = await admin.json(
      'PATCH',
      `/api/kb/articles/${created.id}`,
      { body: 'Гарантия — 24 месяца.' },
      200,
    );
    expect(edited.body).toBe('Гарантия — 24 месяца.');
    const [audit] = await sql(
      `SELECT data FROM audit_log WHERE entity_id = $1 AND action = 'kb_article.updated'`,
      [created.id],
    );
    expect(audit.data.before.body).toBe(body.body); // the replaced text is kept

    // a lead (an agent with the flag) edits too
    await admin.json('PATCH', `/api/users/${agent.user.id}`, { isLead: true }, 200);
    expect(
      (await agent.request('PATCH', `/api/kb/articles/${created.id}`, { tags: ['гарантия'] })).status,
    ).toBe(200);
    await admin.json('PATCH', `/api/users/${agent.user.id}`, { isLead: false }, 200);

    // archived: out of the list, the search and the suggestions, but never deleted
    await admin.json('PATCH', `/api/kb/articles/${created.id}`, { archived: true }, 200);
    const list: any[] = await agent.json('GET', '/api/kb/articles', undefined, 200);
    expect(list.some((a) => a.id === created.id)).toBe(false);
    const search: any[] = await agent.json(
      'GET',
      `/api/kb/articles?q=${encodeURIComponent('гарантия роутер')}`,
      undefined,
      200,
    );
    expect(search.some((a) => a.id === created.id)).toBe(false);
    const archived: any[] = await agent.json('GET', '/api/kb/articles?archived=true', undefined, 200);
    expect(archived.map((a) => a.id)).toEqual([created.id]);
  });

  it('search ranks by relevance, in either language, and filters by tag and locale', async () => {
    const ru: any[] = await agent.json(
      'GET',
      `/api/kb/articles?q=${encodeURIComponent('как вернуть роутер после расторжения')}`,
      undefined,
      200,
    );
    expect(ru[0].title).toBe('Возврат оборудования');
    const en: any[] = await agent.json(
      'GET',
      '/api/kb/articles?q=cancel%20contract&locale=en',
      undefined,
      200,
    );
    expect(en[0].title).toBe('Cancelling your contract');
    expect(en.every((a) => a.locale === 'en')).toBe(true);
    const tagged: any[] = await agent.json(
      'GET',
      `/api/kb/articles?tag=${encodeURIComponent('пинг')}`,
      undefined,
      200,
    );
    expect(tagged.map((a) => a.title)).toEqual(['Высокий пинг и лаги в онлайн-играх']);
  });

  it('suggests articles for the open conversation from the customer’s latest messages, and counts their use', async () => {
    const f = await withDb(t, (c) =>
      seedConversation(c, { text: 'добрый день, забыла пароль от вайфая, как его поменять?' }),
    );
    const s: any = await agent.json(
      'GET',
      `/api/kb/suggestions?conversationId=${f.conversationId}`,
      undefined,
      200,
    );
    expect(s.hasQuery).toBe(true);
    expect(s.suggestions.length).toBeGreaterThan(0);
    const top = s.suggestions[0];
    expect(top.article.title).toBe('Как сменить пароль и имя сети Wi-Fi');
    expect(top.article.url).toBe(kbArticleUrl('wifi-password'));
    expect(top.excerpt).toMatch(/пароль/);
    expect(s.suggestions.map((x: any) => x.score)).toEqual(
      [...s.suggestions.map((x: any) => x.score)].sort((a, b) => b - a),
    );

    // a new customer message moves the suggestions: the newest message counts most
    await withDb(t, (c) =>
      c.query(
        `INSERT INTO items (source_id, platform, kind, external_id, conversation_id, direction, text, created_at_platform)
         VALUES ($1, 'testnet', 'message', $2, $3, 'inbound', 'и ещё: как заморозить интернет на время отпуска?', now())`,
        [f.sourceId, `kb-followup-${f.conversationId}`, f.conversationId],
      ),
    );
    const s2: any = await agent.json(
      'GET',
      `/api/kb/suggestions?conversationId=${f.conversationId}`,
      undefined,
      200,
    );
    expect(s2.suggestions[0].article.title).toBe('Добровольная блокировка на время отъезда');

    const id = top.article.id;
    expect(
      (
        await analyst.request('POST', `/api/kb/articles/${id}/uses`, {
          conversationId: f.conversationId,
          kind: 'link',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await agent.request('POST', `/api/kb/articles/${id}/uses`, {
          conversationId: f.conversationId,
          kind: 'copy',
        })
      ).status,
    ).toBe(400);
    expect(
      await agent.json(
        'POST',
        `/api/kb/articles/${id}/uses`,
        { conversationId: f.conversationId, kind: 'link' },
        201,
      ),
    ).toEqual({ useCount: 1 });
    expect(
      await agent.json(
        'POST',
        `/api/kb/articles/${id}/uses`,
        { conversationId: f.conversationId, kind: 'excerpt' },
        201,
      ),
    ).toEqual({ useCount: 2 });
    expect((await agent.json('GET', `/api/kb/articles/${id}`, undefined, 200)).useCount).toBe(2);

    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await agent.request('GET', `/api/kb/suggestions?conversationId=${missing}`)).status).toBe(404);
    expect((await agent.request('GET', '/api/kb/suggestions?conversationId=nope')).status).toBe(400);
  });
});
