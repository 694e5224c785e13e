import { createApp, RunningApp } from '../../src/bootstrap';
import { startTestApp, TestApp, testConfig } from '../support/app';
import { ADMIN, login, seedConversation, Session, userSession, withDb } from './support';

/**
 * Queue pages are cached per API instance (src/inbox/queue-cache.ts) while the queue's version in
 * PostgreSQL (migration QueueVersion, bumped by triggers) is unchanged. Every write that changes
 * what a page shows is on the very next request, whichever instance or path wrote it; a clock
 * falling due changes an SLA filter's page without a write; a page never crosses users unless
 * they asked for the same rows.
 */
describe('queue page cache', () => {
  let t: TestApp;
  let b: RunningApp;
  let bUrl: string;
  let admin: Session;
  let adminOnB: Session;

  beforeAll(async () => {
    t = await startTestApp();
    b = await createApp(testConfig({}, t.db.url), { logger: false });
    await b.app.listen(0, '127.0.0.1');
    bUrl = `http://127.0.0.1:${b.app.getHttpServer().address().port}`;
    admin = await login(t, ADMIN.email, ADMIN.password);
    adminOnB = await login({ ...t, url: bUrl }, ADMIN.email, ADMIN.password);
  }, 60_000);
  afterAll(async () => {
    await b?.stop();
    await t?.stop();
  });

  const page = async (s: Session, query = '') =>
    (await s.json('GET', `/api/conversations${query}`, undefined, 200)) as {
      conversations: { id: string; status: string; lastText: string; contact: any; tags: any[] }[];
    };
  const row = async (s: Session, id: string, query = '') =>
    (await page(s, query)).conversations.find((c) => c.id === id);
  const version = async () =>
    (await withDb(t, (c) => c.query(`SELECT sum(n)::text AS v FROM queue_version`))).rows[0].v as string;
  /**
   * Every clock paused (a counted write): the SLA sweep (every 30 s) then writes nothing, so a
   * wait for a due time sees the clock alone. The SLA filters do not look at the pause.
   */
  const pauseEveryClock = () =>
    withDb(t, (c) => c.query(`UPDATE conversations SET sla_paused_at = now() WHERE sla_paused_at IS NULL`));

  it('serves a repeated page from the cache: a change made with the triggers off is not seen until the version moves', async () => {
    const f = await withDb(t, (c) => seedConversation(c, { text: 'Роутер мигает красным' }));
    expect((await row(admin, f.conversationId))?.lastText).toBe('Роутер мигает красным');
    // a write the version does not count (triggers off): the cached page is what answers
    await withDb(t, async (c) => {
      await c.query(`SET session_replication_role = replica`);
      await c.query(`UPDATE conversations SET last_text = 'невидимая правка' WHERE id = $1`, [
        f.conversationId,
      ]);
    });
    expect((await row(admin, f.conversationId))?.lastText).toBe('Роутер мигает красным');
    // any counted write, even to another row, and the page is built again
    await withDb(t, (c) => seedConversation(c, { text: 'другой разговор' }));
    expect((await row(admin, f.conversationId))?.lastText).toBe('невидимая правка');
  });

  it('shows every kind of write on the next request, on this instance and another', async () => {
    const f = await withDb(t, (c) => seedConversation(c, { text: 'Не приходит смс с кодом' }));
    const g = await withDb(t, (c) => seedConversation(c, { text: 'Верните деньги за заказ' }));
    expect(await row(admin, f.conversationId)).toBeDefined();
    expect(await row(adminOnB, f.conversationId)).toBeDefined();

    // resolved through the API of instance B: gone from A's open tab at once
    await adminOnB.json('PATCH', `/api/conversations/${f.conversationId}`, { status: 'resolved' }, 200);
    expect(await row(admin, f.conversationId)).toBeUndefined();
    expect((await row(admin, f.conversationId, '?status=resolved'))?.status).toBe('resolved');

    // a tag put on through A: on B's next page
    const tag = await admin.json('POST', '/api/tags', { name: 'Кэш', color: '#123456' }, 201);
    expect((await row(adminOnB, g.conversationId))?.tags).toEqual([]);
    await admin.json('POST', `/api/conversations/${g.conversationId}/tags`, { tagId: tag.id }, 200);
    expect((await row(adminOnB, g.conversationId))?.tags.map((x: any) => x.name)).toEqual(['Кэш']);
    expect((await page(adminOnB, `?tagId=${tag.id}`)).conversations.map((c) => c.id)).toEqual([
      g.conversationId,
    ]);
    // the tag renamed (the tags table, not the conversation)
    await admin.json('PATCH', `/api/tags/${tag.id}`, { name: 'Кэш-2' }, 200);
    expect((await row(adminOnB, g.conversationId))?.tags.map((x: any) => x.name)).toEqual(['Кэш-2']);

    // the contact renamed by hand in SQL (no API): both instances show it next
    await withDb(t, (c) =>
      c.query(
        `UPDATE contacts SET display_name = 'Пётр Новый' WHERE id = (SELECT contact_id FROM conversations WHERE id = $1)`,
        [g.conversationId],
      ),
    );
    expect((await row(admin, g.conversationId))?.contact.displayName).toBe('Пётр Новый');
    expect((await row(adminOnB, g.conversationId))?.contact.displayName).toBe('Пётр Новый');

    // search reads items: a message's edited text is found next (the conversation row untouched)
    const q = `?q=${encodeURIComponent('термостат')}`;
    expect(await row(admin, g.conversationId, q)).toBeUndefined();
    await withDb(t, async (c) => {
      await c.query(`UPDATE items SET text = text || ' термостат' WHERE id = $1`, [g.itemId]);
    });
    expect(await row(admin, g.conversationId, q)).toBeDefined();

    // a new conversation (what ingest writes) is on the next page of both
    const h = await withDb(t, (c) => seedConversation(c, { text: 'Новое сообщение' }));
    expect(await row(admin, h.conversationId)).toBeDefined();
    expect(await row(adminOnB, h.conversationId)).toBeDefined();
  });

  it('an SLA filter changes when a clock falls due, without any write', async () => {
    // far enough ahead for the first two requests on a loaded machine
    const due = Date.now() + 8000;
    const f = await withDb(t, (c) =>
      seedConversation(c, { text: 'Скоро просрочится', dueAt: new Date(due) }),
    );
    await pauseEveryClock();
    const v0 = await version();
    expect(await row(admin, f.conversationId, '?sla=breached')).toBeUndefined();
    expect(await row(admin, f.conversationId, '?sla=on_track')).toBeDefined();
    expect(Date.now()).toBeLessThan(due); // both answers were read before it fell due
    await new Promise((r) => setTimeout(r, due - Date.now() + 300));
    expect(await version()).toBe(v0); // nothing written meanwhile: what changed is the clock
    expect(await row(admin, f.conversationId, '?sla=breached')).toBeDefined();
    expect(await row(admin, f.conversationId, '?sla=on_track')).toBeUndefined();
  });

  it('a full "breached" page whose next row was past due is kept when a clock falls due; any other is rebuilt', async () => {
    const source = async () =>
      (
        await withDb(t, (c) =>
          c.query(
            `INSERT INTO sources (platform, name, settings) VALUES ('testnet', 'SLA', '{}') RETURNING id`,
          ),
        )
      ).rows[0].id as string;
    const [fixed, moving] = [await source(), await source()];
    const now = Date.now();
    const due = now + 8000; // far enough ahead for the first requests on a loaded machine
    const seed = (sourceId: string, text: string, dueAt: number) =>
      withDb(t, (c) => seedConversation(c, { sourceId, text, dueAt: new Date(dueAt) }));
    // `fixed`: the page (1 row) and the row after it both past due; one more falls due later
    const f1 = await seed(fixed, 'просрочен давно', now - 3600_000);
    await seed(fixed, 'просрочен недавно', now - 1800_000);
    const f3 = await seed(fixed, 'просрочится сейчас', due);
    // `moving`: marked breached but due later (a clock moved after its breach), so the one that
    // falls due sorts before them: the page must change without a write
    const m1 = await seed(moving, 'отмечен, срок через час', now + 3600_000);
    const m2 = await seed(moving, 'отмечен, срок через два', now + 7200_000);
    const m3 = await seed(moving, 'просрочится сейчас', due);
    await withDb(t, (c) =>
      c.query(`UPDATE conversations SET sla_breached_at = now() WHERE id = ANY ($1)`, [
        [m1.conversationId, m2.conversationId],
      ]),
    );
    await pauseEveryClock();
    const v0 = await version();
    const ids = async (sourceId: string) =>
      (await page(admin, `?sla=breached&limit=1&sourceId=${sourceId}`)).conversations.map((c) => c.id);
    expect(await ids(fixed)).toEqual([f1.conversationId]);
    expect(await ids(moving)).toEqual([m1.conversationId]);
    // an edit the version does not count: shows whether the `fixed` page was built again
    await withDb(t, async (c) => {
      await c.query(`SET session_replication_role = replica`);
      await c.query(`UPDATE conversations SET last_text = 'невидимая правка' WHERE id = $1`, [
        f1.conversationId,
      ]);
    });
    expect(Date.now()).toBeLessThan(due); // every answer above was read before it fell due
    await new Promise((r) => setTimeout(r, due - Date.now() + 300));
    expect(await version()).toBe(v0); // nothing written meanwhile: what changed is the clock
    expect(await ids(moving)).toEqual([m3.conversationId]);
    const kept = (await page(admin, `?sla=breached&limit=1&sourceId=${fixed}`)).conversations;
    expect(kept.map((c) => [c.id, c.lastText])).toEqual([[f1.conversationId, 'просрочен давно']]);
    // the one that fell due is on a later page (keyset), after every one breached before it
    const all = (await page(admin, `?sla=breached&limit=10&sourceId=${fixed}`)).conversations;
    expect(all.map((c) => c.id).at(-1)).toBe(f3.conversationId);
  }, 30_000);

  it('validates a query string the first time it sees it; a wrong one is a 400 every time', async () => {
    const wrong = async (query: string) => {
      const r = await admin.request('GET', `/api/conversations${query}`);
      return [r.status, ((await r.json()) as { message: unknown }).message];
    };
    for (let i = 0; i < 2; i++) {
      expect(await wrong('?status=weird')).toEqual([400, [expect.stringContaining('status must be one of')]]);
      expect(await wrong('?colour=red')).toEqual([400, ['property colour should not exist']]);
      expect(await wrong('?limit=0')).toEqual([400, ['limit must not be less than 1']]);
      expect(await wrong('?cursor=garbage')).toEqual([400, 'cursor is not valid']);
    }
    await withDb(t, (c) => seedConversation(c));
    await withDb(t, (c) => seedConversation(c));
    // a known query string keeps what validation made of it (a number, not the text "1")
    for (let i = 0; i < 2; i++) expect((await page(admin, '?limit=1')).conversations).toHaveLength(1);
  });

  it("saved views' live counts follow every write on either instance, and a clock falling due", async () => {
    const counts = async (s: Session) =>
      Object.fromEntries(
        ((await s.json('GET', '/api/saved-views', undefined, 200)) as any).views.map((v: any) => [
          v.key,
          v.count,
        ]),
      ) as Record<string, number>;
    const before = await counts(admin);
    expect(await counts(adminOnB)).toEqual(before);
    // at risk (warned) and due soon: "Breaching soon" counts it until it falls due, then not.
    // (First: a VK source would be polled meanwhile, and that is a write.)
    const due = Date.now() + 8000;
    const risky = await withDb(t, (c) => seedConversation(c, { dueAt: new Date(due) }));
    await withDb(t, (c) =>
      c.query(`UPDATE conversations SET sla_warned_80_at = now() WHERE id = $1`, [risky.conversationId]),
    );
    await pauseEveryClock();
    const v0 = await version();
    expect((await counts(admin)).breaching_soon).toBe(before.breaching_soon + 1);
    expect(Date.now()).toBeLessThan(due);
    await new Promise((r) => setTimeout(r, due - Date.now() + 300));
    expect(await version()).toBe(v0); // nothing written meanwhile: what changed is the clock
    expect((await counts(admin)).breaching_soon).toBe(before.breaching_soon);

    // a negative VK conversation written by hand: counted on both instances' next answer
    const vk = await withDb(t, (c) => seedConversation(c, { platform: 'vk', sentiment: 'negative' }));
    expect((await counts(admin)).negative_vk).toBe(before.negative_vk + 1);
    expect((await counts(adminOnB)).negative_vk).toBe(before.negative_vk + 1);
    // resolved through B: gone from A's count at once
    await adminOnB.json('PATCH', `/api/conversations/${vk.conversationId}`, { status: 'resolved' }, 200);
    expect((await counts(admin)).negative_vk).toBe(before.negative_vk);
  }, 30_000);

  it('"mine" is each user\'s own page', async () => {
    const anna = await userSession(t, admin, 'agent', 'Анна');
    const boris = await userSession(t, admin, 'agent', 'Борис');
    const f = await withDb(t, (c) => seedConversation(c, { text: 'Для Анны' }));
    const g = await withDb(t, (c) => seedConversation(c, { text: 'Для Бориса' }));
    await anna.json('PATCH', `/api/conversations/${f.conversationId}`, { assigneeId: anna.user.id }, 200);
    await boris.json('PATCH', `/api/conversations/${g.conversationId}`, { assigneeId: boris.user.id }, 200);
    const mine = async (s: Session) => (await page(s, '?assignee=me')).conversations.map((c) => c.id);
    expect(await mine(anna)).toEqual([f.conversationId]);
    expect(await mine(boris)).toEqual([g.conversationId]);
    expect(await mine(anna)).toEqual([f.conversationId]);
  });
});
