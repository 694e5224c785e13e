/**
 * Issue 8.2: one message must not poison a source. U+0000 and a lone UTF-16 surrogate reach us
 * through the real vk-io / telegraf clients (the emulators send them as JSON escapes, as the
 * platforms do) and through the signed webhook; PostgreSQL's jsonb (and text, for NUL) refuses
 * both. They are replaced with U+FFFD at the connector boundary, the item records that, and the
 * source goes on: Telegram's offset and VK's watermarks move past the message.
 */
import { signWebhook } from '../../src/connectors/webhook/signature';
import {
  assertInvariants,
  GROUP_ID,
  item,
  startWorld,
  tgMessage,
  until,
  vkComment,
  vkMessage,
  waitForItems,
  waitForReceivers,
  World,
} from './harness';

const NUL = '\u0000';
const LONE = '\uD800';
const FFFD = '\uFFFD';

describe('e2e poison characters: NUL and lone surrogates never stop a source', () => {
  let w: World;

  beforeAll(async () => {
    w = await startWorld();
  });
  afterEach(async () => {
    w.vk.control.clearFaults();
    w.tg.control.clearFaults();
    await assertInvariants(w);
  });
  afterAll(() => w?.close());

  const stored = (sourceId: string, key: string) =>
    w.sql<{ text: string; raw: any; cleaned: any; author_name: string | null }>(
      `SELECT text, raw, cleaned, author_name FROM items WHERE source_id = $1 AND external_id = $2`,
      [sourceId, key],
    );
  const cursorOf = async (sourceId: string, stream: string) =>
    (
      await w.sql(`SELECT cursor FROM sync_cursors WHERE source_id = $1 AND stream = $2`, [sourceId, stream])
    )[0]?.cursor;

  it('VK Long Poll: a comment with NUL and a DM with a lone surrogate are stored cleaned; later ones too', async () => {
    const nul = vkComment(w, 11, `оплата${NUL}не проходит`);
    const lone = vkMessage(w, 12, `где заказ ${LONE}?`);
    const pair = vkComment(w, 13, 'всё хорошо 😀'); // a valid pair is left alone
    await waitForItems(w, w.vkSourceId, [nul.key, lone.key, pair.key]);
    const after = vkComment(w, 14, 'и ещё вопрос');
    await waitForItems(w, w.vkSourceId, [after.key]);

    const [n] = await stored(w.vkSourceId, nul.key);
    expect(n.text).toBe(`оплата${FFFD}не проходит`);
    expect(n.raw.text).toBe(`оплата${FFFD}не проходит`);
    expect(n.cleaned).toEqual({ fields: expect.arrayContaining(['text', 'raw']), replaced: 2 });
    const [l] = await stored(w.vkSourceId, lone.key);
    expect(l.text).toBe(`где заказ ${FFFD}?`);
    expect(l.raw.text).toBe(`где заказ ${FFFD}?`);
    expect(l.cleaned).not.toBeNull();
    const [p] = await stored(w.vkSourceId, pair.key);
    expect(p.text).toBe('всё хорошо 😀');
    expect(p.cleaned).toBeNull();
    // The inbox shows the agent that something was replaced.
    const conv = (await item(w, w.vkSourceId, nul.key))!.conversation_id;
    const view = await w.admin.get(`/api/conversations/${conv}`);
    expect((view.body.items as any[]).find((i) => i.externalId === nul.key)).toMatchObject({
      text: `оплата${FFFD}не проходит`,
      cleaned: { fields: ['text', 'raw'], replaced: 2 },
    });
  });

  it('VK reconciliation: the same characters read by wall.getComments and messages.getHistory; watermarks advance', async () => {
    const before = vkComment(w, 21, 'перед остановкой');
    await waitForItems(w, w.vkSourceId, [before.key]);
    await w.shutdown();
    // Written while nobody listens: only the start-up reconciliation reads these.
    const nul = vkComment(w, 22, `NUL${NUL}в комментарии`);
    const lone = vkComment(w, 23, `одинокий ${'\uDC00'} суррогат`);
    const dmNul = vkMessage(w, 24, `личное${NUL}${LONE}`);
    const fine = vkComment(w, 25, 'обычный комментарий');
    await w.boot();
    await w.rescan();
    await waitForReceivers(w);
    await waitForItems(w, w.vkSourceId, [nul.key, lone.key, dmNul.key, fine.key], 10_000);

    expect((await stored(w.vkSourceId, nul.key))[0].text).toBe(`NUL${FFFD}в комментарии`);
    expect((await stored(w.vkSourceId, lone.key))[0].text).toBe(`одинокий ${FFFD} суррогат`);
    const [dm] = await stored(w.vkSourceId, dmNul.key);
    expect(dm.text).toBe(`личное${FFFD}${FFFD}`);
    expect(dm.cleaned).toEqual({ fields: expect.arrayContaining(['text', 'raw']), replaced: 4 });
    await until(
      async () =>
        Number(await cursorOf(w.vkSourceId, `post:-${GROUP_ID}_${w.wallPostId}`)) >= fine.id &&
        Number(await cursorOf(w.vkSourceId, 'peer:24')) >= dmNul.id,
      5000,
      'the reconciliation watermarks past the poisoned items',
    );
  });

  it('Telegram getUpdates: NUL and a lone surrogate in text and name are stored cleaned; the offset moves on', async () => {
    const anna = { id: 701, first_name: `Ан${NUL}на` };
    const oleg = { id: 702, first_name: `Олег ${'\uDBFF'}` };
    const nul = tgMessage(w, anna, `где${NUL}заказ`);
    const lone = tgMessage(w, oleg, `код ${LONE} не пришёл`);
    await waitForItems(w, w.tgSourceId, [nul.key, lone.key]);
    const later = tgMessage(w, anna, 'спасибо');
    await waitForItems(w, w.tgSourceId, [later.key]);

    const [n] = await stored(w.tgSourceId, nul.key);
    expect(n).toMatchObject({ text: `где${FFFD}заказ`, author_name: `Ан${FFFD}на` });
    expect(n.raw.from.first_name).toBe(`Ан${FFFD}на`);
    expect(n.cleaned.fields).toEqual(expect.arrayContaining(['text', 'author.name', 'raw']));
    const [l] = await stored(w.tgSourceId, lone.key);
    expect(l).toMatchObject({ text: `код ${FFFD} не пришёл`, author_name: `Олег ${FFFD}` });
    // The stored offset confirms the poisoned updates and the later one: nothing is redelivered forever.
    await until(
      async () => Number((await cursorOf(w.tgSourceId, 'updates'))?.offset) > Math.max(...later.updateIds),
      5000,
      'the stored offset past the later update',
    );
    const contact = await w.sql(
      `SELECT display_name FROM contacts WHERE platform = 'telegram' AND external_id = '701'`,
    );
    expect(contact).toEqual([{ display_name: `Ан${FFFD}на` }]);
  });

  it('generic webhook: NUL and lone surrogates in text and names are stored cleaned; an id with either is a 400', async () => {
    const secret = 'poison-webhook-secret-0123';
    const created = await w.admin.post('/api/sources', {
      platform: 'webhook',
      name: 'Сайт',
      credentials: { secret },
    });
    expect(created.status).toBe(201);
    const sourceId = created.body.id as string;
    const post = (body: unknown) => {
      const raw = JSON.stringify(body);
      return fetch(`${w.url}/api/ingest/${sourceId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-otklik-signature': signWebhook(secret, raw) },
        body: raw,
      });
    };
    const at = '2024-11-01T10:00:00Z';
    const res = await post({
      items: [
        { id: 'w-nul', author: { id: 'a1', name: `Ира${NUL}` }, text: `текст${NUL}с нулём`, createdAt: at },
        {
          id: 'w-lone',
          author: { id: 'a2', name: `Пётр${LONE}` },
          text: `текст ${'\uDC01'} с суррогатом`,
          createdAt: at,
        },
        { id: 'w-fine', author: { id: 'a3' }, text: 'обычный 👍', createdAt: at },
      ],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: 3, inserted: 3 });
    const rows = await w.sql(
      `SELECT external_id, text, author_name, cleaned FROM items WHERE source_id = $1 ORDER BY external_id`,
      [sourceId],
    );
    expect(rows).toEqual([
      { external_id: 'w-fine', text: 'обычный 👍', author_name: null, cleaned: null },
      {
        external_id: 'w-lone',
        text: `текст ${FFFD} с суррогатом`,
        author_name: `Пётр${FFFD}`,
        cleaned: { fields: ['text', 'author.name'], replaced: 2 },
      },
      {
        external_id: 'w-nul',
        text: `текст${FFFD}с нулём`,
        author_name: `Ира${FFFD}`,
        cleaned: { fields: ['text', 'author.name'], replaced: 2 },
      },
    ]);
    // An id cannot be cleaned without becoming another item's id: refused, naming the field.
    for (const bad of [`id${NUL}`, `id${LONE}`]) {
      const r = await post({ items: [{ id: bad, author: { id: 'a4' }, text: 'x', createdAt: at }] });
      expect(r.status).toBe(400);
      expect(((await r.json()) as { message: string }).message).toMatch(/items\[0\]: id must be/);
    }
    const r = await post({ items: [{ id: 'w-x', author: { id: `a${LONE}` }, text: 'x', createdAt: at }] });
    expect(r.status).toBe(400);
    expect(await item(w, sourceId, 'w-x')).toBeUndefined();
  });
});
