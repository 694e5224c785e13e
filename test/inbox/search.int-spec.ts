import { startTestApp, TestApp } from '../support/app';
import { ADMIN, login, seedConversation, Session, userSession, withDb } from './support';

/** Issue 11.1: search and filters on GET /api/conversations, and saved views with live counts. */
describe('inbox search, filters and saved views', () => {
  let t: TestApp;
  let admin: Session;
  let anna: Session;
  let boris: Session;
  let analyst: Session;
  let f: Awaited<ReturnType<typeof seed>>;

  const HOUR = 3600_000;
  const ids = async (s: Session, query: string): Promise<string[]> => {
    const page: any = await s.json('GET', `/api/conversations?${query}`, undefined, 200);
    return page.conversations.map((c: any) => c.id).sort();
  };
  const sorted = (...xs: string[]) => [...xs].sort();

  /** One source of our own, one conversation per thing a filter can tell apart. */
  async function seed() {
    const now = Date.now();
    return withDb(t, async (c) => {
      const base = await seedConversation(c, {
        platform: 'searchnet',
        text: 'Третий день нет интернета, верните деньги',
        authorName: 'Константин Петров',
        username: 'kostya_p',
        sentiment: 'negative',
        intent: 'complaint',
      });
      const src = base.sourceId;
      const mk = (o: Parameters<typeof seedConversation>[1]) =>
        seedConversation(c, { sourceId: src, platform: 'searchnet', ...o });
      const inflected = await mk({
        text: 'Что случилось с интернетом в Казани?',
        intent: 'support_question',
      });
      const order = await mk({
        text: 'Заказ A-7781234 так и не пришёл',
        intent: 'sales_question',
        sentiment: 'neutral',
      });
      const english = await mk({
        text: 'My orders were delivered late again',
        language: 'en',
        sentiment: 'negative',
      });
      const englishPast = await mk({
        text: 'I ordered two phones and paid',
        language: 'en',
        sentiment: 'positive',
      });
      const unrelated = await mk({ text: 'Спасибо, всё отлично', sentiment: 'positive', intent: 'praise' });
      const resolved = await mk({ text: 'Интернет снова работает, спасибо' });
      await c.query(
        `UPDATE conversations SET status = 'resolved', due_at = NULL, resolved_at = now() WHERE id = $1`,
        [resolved.conversationId],
      );
      // SLA states: breached (past due), at risk (the sweep's 80 % warning), on track
      await c.query(`UPDATE conversations SET due_at = now() - interval '5 minutes' WHERE id = $1`, [
        base.conversationId,
      ]);
      await c.query(
        `UPDATE conversations SET due_at = now() + interval '10 minutes', sla_warned_80_at = now() WHERE id = $1`,
        [inflected.conversationId],
      );
      await c.query(`UPDATE conversations SET due_at = NULL WHERE id = ANY($1)`, [
        [unrelated.conversationId, englishPast.conversationId],
      ]);
      // an old conversation, for the time range
      await c.query(
        `UPDATE conversations SET first_message_at = $2::timestamptz, last_message_at = $2::timestamptz + interval '1 hour' WHERE id = $1`,
        [order.conversationId, new Date(now - 30 * 24 * HOUR)],
      );
      const team = (await c.query(`INSERT INTO teams (name) VALUES ('Продажи') RETURNING id`)).rows[0].id;
      await c.query(`INSERT INTO team_members (team_id, user_id) VALUES ($1, $2)`, [team, anna.user.id]);
      await c.query(`UPDATE conversations SET assignee_id = $2, team_id = $3 WHERE id = $1`, [
        order.conversationId,
        anna.user.id,
        team,
      ]);
      await c.query(`UPDATE conversations SET assignee_id = $2 WHERE id = $1`, [
        english.conversationId,
        boris.user.id,
      ]);
      const tag = (await c.query(`INSERT INTO tags (name) VALUES ('спам') RETURNING id`)).rows[0].id;
      await c.query(`INSERT INTO conversation_tags (conversation_id, tag_id) VALUES ($1, $2)`, [
        unrelated.conversationId,
        tag,
      ]);
      const vk = await seedConversation(c, { platform: 'vk', text: 'Ужасный сервис', sentiment: 'negative' });
      return {
        src,
        team,
        tag,
        vk: vk.conversationId,
        base: base.conversationId,
        inflected: inflected.conversationId,
        order: order.conversationId,
        english: english.conversationId,
        englishPast: englishPast.conversationId,
        unrelated: unrelated.conversationId,
        resolved: resolved.conversationId,
      };
    });
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await login(t, ADMIN.email, ADMIN.password);
    [anna, boris, analyst] = await Promise.all([
      userSession(t, admin, 'agent', 'Анна'),
      userSession(t, admin, 'agent', 'Борис'),
      userSession(t, admin, 'analyst'),
    ]);
    f = await seed();
  });
  afterAll(() => t?.stop());

  it('finds Russian inflected forms, English plurals and past forms, names, usernames and order numbers', async () => {
    const all = `status=all&sourceId=${f.src}`;
    // "интернет" finds "интернета" and "интернетом" (and the resolved one under status=all)
    expect(await ids(anna, `${all}&q=${encodeURIComponent('интернет')}`)).toEqual(
      sorted(f.base, f.inflected, f.resolved),
    );
    expect(await ids(anna, `q=${encodeURIComponent('интернет')}&sourceId=${f.src}`)).toEqual(
      sorted(f.base, f.inflected),
    );
    // "order" finds "orders" and "ordered"; "deliver" finds "delivered"
    expect(await ids(anna, `${all}&q=order`)).toEqual(sorted(f.english, f.englishPast));
    expect(await ids(anna, `${all}&q=deliver`)).toEqual([f.english]);
    // all words must match (websearch syntax)
    expect(await ids(anna, `${all}&q=${encodeURIComponent('интернет деньги')}`)).toEqual([f.base]);
    // part of a name, a username, an order number (trigrams)
    expect(await ids(anna, `${all}&q=${encodeURIComponent('Констан')}`)).toEqual([f.base]);
    expect(await ids(anna, `${all}&q=${encodeURIComponent('@kostya')}`)).toEqual([f.base]);
    expect(await ids(anna, `${all}&q=7781`)).toEqual([f.order]);
    expect(await ids(anna, `${all}&q=${encodeURIComponent('a-778')}`)).toEqual([f.order]);
    expect(await ids(anna, `${all}&q=${encodeURIComponent('100%_')}`)).toEqual([]);
  });

  it('narrows by every filter, each against the conversations that should and should not match', async () => {
    const all = `status=all&sourceId=${f.src}`;
    const everyone = [f.base, f.inflected, f.order, f.english, f.englishPast, f.unrelated, f.resolved];
    expect(await ids(anna, all)).toEqual(sorted(...everyone));
    expect(await ids(anna, `sourceId=${f.src}`)).toEqual(sorted(...everyone.filter((x) => x !== f.resolved)));
    expect(await ids(anna, `status=resolved&sourceId=${f.src}`)).toEqual([f.resolved]);
    expect(await ids(anna, 'platform=vk&status=all')).toEqual([f.vk]);
    expect(await ids(anna, `${all}&sentiment=positive`)).toEqual(sorted(f.englishPast, f.unrelated));
    expect(await ids(anna, `${all}&intent=sales_question`)).toEqual([f.order]);
    expect(await ids(anna, `${all}&language=en`)).toEqual(sorted(f.english, f.englishPast));
    expect(await ids(anna, `${all}&sla=breached`)).toEqual([f.base]);
    expect(await ids(anna, `${all}&sla=at_risk`)).toEqual([f.inflected]);
    expect(await ids(anna, `${all}&sla=on_track`)).toEqual(sorted(f.order, f.english));
    expect(await ids(anna, `${all}&assignee=me`)).toEqual([f.order]);
    expect(await ids(boris, `${all}&assignee=me`)).toEqual([f.english]);
    expect(await ids(anna, `${all}&assignee=${boris.user.id}`)).toEqual([f.english]);
    expect(await ids(anna, `${all}&assignee=unassigned`)).toEqual(
      sorted(f.base, f.inflected, f.englishPast, f.unrelated, f.resolved),
    );
    expect(await ids(anna, `${all}&teamId=${f.team}`)).toEqual([f.order]);
    expect(await ids(anna, `${all}&tagId=${f.tag}`)).toEqual([f.unrelated]);
    const day = 24 * HOUR;
    const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
    expect(
      await ids(anna, `${all}&from=${iso(Date.now() - 31 * day)}&to=${iso(Date.now() - 29 * day)}`),
    ).toEqual([f.order]);
    expect(await ids(anna, `${all}&from=${iso(Date.now() - day)}`)).toEqual(
      sorted(...everyone.filter((x) => x !== f.order)),
    );
    // combined: search within filters
    expect(await ids(anna, `${all}&q=order&sentiment=negative&assignee=${boris.user.id}`)).toEqual([
      f.english,
    ]);
  });

  it('keeps keyset pages in queue order under a search', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    const all: any = await analyst.json(
      'GET',
      `/api/conversations?status=all&sourceId=${f.src}&q=order`,
      undefined,
      200,
    );
    do {
      const page: any = await analyst.json(
        'GET',
        `/api/conversations?status=all&sourceId=${f.src}&q=order&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        undefined,
        200,
      );
      seen.push(...page.conversations.map((c: any) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.conversations.map((c: any) => c.id));
    expect(seen).toHaveLength(2);
    expect(all.conversations.find((c: any) => c.id === f.english)).toMatchObject({
      lastText: 'My orders were delivered late again',
      lastDirection: 'inbound',
      language: 'en',
    });
  });

  it("keeps each conversation's words and tags in step with its messages and tags (triggers)", async () => {
    const all = `status=all&sourceId=${f.src}`;
    const q = (words: string) => `${all}&q=${encodeURIComponent(words)}`;
    const fx = await withDb(t, (c) =>
      seedConversation(c, { sourceId: f.src, platform: 'searchnet', text: 'Сломался роутер' }),
    );
    expect(await ids(anna, q('роутер'))).toEqual([fx.conversationId]);
    // a second message: its words join the conversation's; all the words may come from different messages
    await withDb(t, (c) =>
      c.query(
        `INSERT INTO items (source_id, platform, kind, external_id, thread_external_id, conversation_id, direction,
           author_external_id, text, created_at_platform, language)
         SELECT source_id, platform, 'message', 'second:' || id, thread_key, id, 'inbound', 'x', 'И кабель перебит', now(), 'ru'
           FROM conversations WHERE id = $1`,
        [fx.conversationId],
      ),
    );
    expect(await ids(anna, q('кабеля'))).toEqual([fx.conversationId]);
    expect(await ids(anna, q('роутер кабель'))).toEqual([fx.conversationId]);
    // an edit (as ingest applies one): the old word no longer finds it, the new one does
    await withDb(t, (c) => c.query(`UPDATE items SET text = 'Сломался телефон' WHERE id = $1`, [fx.itemId]));
    expect(await ids(anna, q('роутер'))).toEqual([]);
    expect(await ids(anna, q('телефона'))).toEqual([fx.conversationId]);
    // a phrase must be in one message, in that order
    expect(await ids(anna, q('"верните деньги"'))).toEqual([f.base]);
    expect(await ids(anna, q('"деньги верните"'))).toEqual([]);
    expect(await ids(anna, q('"телефон кабель"'))).toEqual([]);

    // tags through the API (bulk on, off) and a tag's deletion: the filter follows each
    const tag: any = await admin.json('POST', '/api/tags', { name: 'Роутеры' }, 201);
    const tagged = (
      await withDb(t, (c) => c.query(`SELECT tag_ids FROM conversations WHERE id = $1`, [fx.conversationId]))
    ).rows[0].tag_ids;
    expect(tagged).toEqual([]);
    await anna.json(
      'POST',
      '/api/conversations/bulk',
      { action: 'tag', tagId: tag.id, conversationIds: [fx.conversationId, f.base] },
      200,
    );
    expect(await ids(anna, `${all}&tagId=${tag.id}`)).toEqual(sorted(fx.conversationId, f.base));
    await anna.json(
      'POST',
      '/api/conversations/bulk',
      { action: 'untag', tagId: tag.id, conversationIds: [f.base] },
      200,
    );
    expect(await ids(anna, `${all}&tagId=${tag.id}`)).toEqual([fx.conversationId]);
    expect(await ids(anna, `${all}&tagId=${f.tag}`)).toEqual([f.unrelated]);
    await admin.json('DELETE', `/api/tags/${tag.id}`, undefined, 204);
    const left = await withDb(t, (c) =>
      c.query(`SELECT count(*)::int AS n FROM conversations WHERE $1::uuid = ANY(tag_ids)`, [tag.id]),
    );
    expect(left.rows[0].n).toBe(0);
  });

  it('refuses filters it does not know', async () => {
    for (const bad of [
      'sla=late',
      'language=xx',
      'from=yesterday',
      'tagId=5',
      'teamId=x',
      'sentiment=angry',
      'platform=VK!',
      `q=${'x'.repeat(201)}`,
      'q=',
      'color=red',
    ]) {
      expect([bad, (await anna.request('GET', `/api/conversations?${bad}`)).status]).toEqual([bad, 400]);
    }
  });

  it('saves views per person, per team and for everyone, with live counts and ownership', async () => {
    const list = async (s: Session) =>
      ((await s.json('GET', '/api/saved-views', undefined, 200)) as any).views;
    const defaults = await list(anna);
    expect(defaults.map((v: any) => v.key)).toEqual(['breaching_soon', 'negative_vk', 'sales_unassigned']);
    const byKey = Object.fromEntries(defaults.map((v: any) => [v.key, v]));
    expect(byKey.negative_vk).toMatchObject({ scope: 'everyone', editable: false, count: 1, capped: false });
    expect(byKey.breaching_soon.count).toBe(1); // the at-risk one
    expect(byKey.sales_unassigned.count).toBe(0); // the sales question is Anna's

    // a personal view: counted for its owner, invisible to others
    const mine: any = await anna.json(
      'POST',
      '/api/saved-views',
      { name: 'Мои английские', filters: { status: 'all', language: 'en', sourceId: f.src } },
      201,
    );
    expect(mine).toMatchObject({ scope: 'personal', ownerId: anna.user.id, editable: true, count: 2 });
    const mineOnly: any = await anna.json(
      'POST',
      '/api/saved-views',
      {
        name: 'Мои',
        filters: { assignee: 'me', status: 'all', from: new Date(Date.now() - 40 * 24 * HOUR).toISOString() },
      },
      201,
    );
    expect(mineOnly.count).toBe(1);
    expect(mineOnly.filters.from).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await list(boris)).map((v: any) => v.id)).not.toContain(mine.id);
    expect((await boris.request('PATCH', `/api/saved-views/${mine.id}`, { name: 'чужое' })).status).toBe(404);
    expect((await boris.request('DELETE', `/api/saved-views/${mine.id}`)).status).toBe(404);

    const renamed: any = await anna.json(
      'PATCH',
      `/api/saved-views/${mine.id}`,
      { filters: { status: 'all', language: 'en', sentiment: 'positive', sourceId: f.src } },
      200,
    );
    expect(renamed).toMatchObject({ name: 'Мои английские', count: 1 });

    // shared views are an admin's
    expect(
      (
        await anna.request('POST', '/api/saved-views', {
          name: 'x',
          scope: 'team',
          teamId: f.team,
          filters: {},
        })
      ).status,
    ).toBe(403);
    expect(
      (await admin.request('POST', '/api/saved-views', { name: 'x', scope: 'team', filters: {} })).status,
    ).toBe(400);
    const teamView: any = await admin.json(
      'POST',
      '/api/saved-views',
      {
        name: 'Продажи — команда',
        scope: 'team',
        teamId: f.team,
        filters: { teamId: f.team, status: 'all' },
      },
      201,
    );
    const annaSees = (await list(anna)).find((v: any) => v.id === teamView.id);
    expect(annaSees).toMatchObject({ scope: 'team', editable: false, count: 1 });
    expect((await list(boris)).map((v: any) => v.id)).not.toContain(teamView.id);
    expect((await anna.request('PATCH', `/api/saved-views/${teamView.id}`, { name: 'моё' })).status).toBe(
      403,
    );
    expect(
      (await anna.request('PATCH', `/api/saved-views/${byKey.negative_vk.id}`, { name: 'моё' })).status,
    ).toBe(403);
    await admin.json('PATCH', `/api/saved-views/${byKey.negative_vk.id}`, { name: 'Негатив ВКонтакте' }, 200);
    expect((await list(boris)).find((v: any) => v.key === 'negative_vk').name).toBe('Негатив ВКонтакте');

    // filters are validated like the queue's query
    for (const filters of [{ sla: 'soon' }, { color: 'red' }, { from: 'вчера' }, 'open']) {
      expect((await anna.request('POST', '/api/saved-views', { name: 'x', filters })).status).toBe(400);
    }
    expect((await anna.request('POST', '/api/saved-views', { name: '', filters: {} })).status).toBe(400);

    await anna.json('DELETE', `/api/saved-views/${mine.id}`, undefined, 204);
    expect((await list(anna)).map((v: any) => v.id)).not.toContain(mine.id);
  });
});
