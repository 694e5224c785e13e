/**
 * Inbound half of the matrix end to end: emulator → real vk-io / telegraf → push receivers →
 * ingest → PostgreSQL, asserted on the items table and the inbox API. T1, T2, T3, T5, T14.
 */
import { DEFAULT_BOT_TOKEN } from '../../src/emulators/telegram';
import {
  assertInvariants,
  BOT_USERNAME,
  GROUP_ID,
  item,
  items,
  sleep,
  startWorld,
  tgMessage,
  tgUnseen,
  until,
  vkComment,
  waitForItems,
  World,
} from './harness';

const ANNA = { id: 555, first_name: 'Anna', username: 'anna' };
const OLEG = { id: 556, first_name: 'Oleg' };

describe('e2e inbound: emulators → connectors → ingest → database', () => {
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

  it('T1 VK: the same event_id delivered three times → one row, version 1; an edit → version 2', async () => {
    const c = w.vk.control;
    c.fault({ match: { method: 'a_check' }, times: 2, action: { type: 'duplicate' } });
    const { key, id } = vkComment(w, 5, 'оплата не проходит');
    await until(() => c.faults()[0].fired === 2, 5000, 'both redeliveries');
    await waitForItems(w, w.vkSourceId, [key]);
    await sleep(300); // let any late duplicate reach the database
    expect(await item(w, w.vkSourceId, key)).toMatchObject({ version: 1, text: 'оплата не проходит' });

    c.editComment({ ownerId: -GROUP_ID, commentId: id, text: 'оплата не проходит, карта Мир' });
    await until(async () => (await item(w, w.vkSourceId, key))?.version === 2, 5000, 'the edit');
    const row = (await item(w, w.vkSourceId, key))!;
    expect(row.text).toBe('оплата не проходит, карта Мир');
    expect(row.previous_texts).toEqual([expect.objectContaining({ text: 'оплата не проходит', version: 1 })]);
  });

  it('T1 TG: ignore_ack redelivers a confirmed update → still one row, version 1', async () => {
    const c = w.tg.control;
    c.addFault({ match: { method: 'getUpdates' }, times: 1, action: { type: 'ignore_ack' } });
    const first = tgMessage(w, ANNA, 'где мой заказ?');
    await waitForItems(w, w.tgSourceId, [first.key]);
    await until(() => c.faults()[0].fired === 1, 5000, 'the ignored ack');
    // The poller is sequential: once a later message is stored, the redelivered batch was handled.
    const second = tgMessage(w, ANNA, 'ау, есть кто?');
    await waitForItems(w, w.tgSourceId, [second.key]);
    expect(await item(w, w.tgSourceId, first.key)).toMatchObject({ version: 1, text: 'где мой заказ?' });
  });

  it('T1 TG: edited_message updates the same row (version 2) and keeps the previous text, also in the API', async () => {
    const { message, key } = tgMessage(w, OLEG, 'не приходит код');
    await waitForItems(w, w.tgSourceId, [key]);
    w.tg.control.edit({ chat_id: OLEG.id, message_id: message.message_id, text: 'не приходит SMS-код' });
    await until(async () => (await item(w, w.tgSourceId, key))?.version === 2, 5000, 'the edit');
    const row = (await item(w, w.tgSourceId, key))!;
    expect(row.text).toBe('не приходит SMS-код');
    expect(row.previous_texts).toEqual([expect.objectContaining({ text: 'не приходит код', version: 1 })]);

    const conv = await w.admin.get(`/api/conversations/${row.conversation_id}`);
    expect(conv.status).toBe(200);
    const shown = (conv.body.items as any[]).find((i) => i.externalId === key);
    expect(shown).toMatchObject({ version: 2, text: 'не приходит SMS-код' });
    expect(shown.previousTexts).toEqual([expect.objectContaining({ text: 'не приходит код' })]);
  });

  it('T2: a VK comment read by Long Poll and again by reconciliation → one row', async () => {
    const c = w.vk.control;
    const { key, id } = vkComment(w, 7, 'а скидки для пенсионеров есть?');
    await waitForItems(w, w.vkSourceId, [key]);
    // A gap makes the receiver reconcile: wall.getComments reads the same comment again.
    c.fault({ match: { method: 'a_check' }, times: 1, action: { type: 'lp_failed', code: 2 } });
    const stream = `post:-${GROUP_ID}_${w.wallPostId}`;
    await until(
      async () => {
        const [cur] = await w.sql(`SELECT cursor FROM sync_cursors WHERE source_id = $1 AND stream = $2`, [
          w.vkSourceId,
          stream,
        ]);
        return Number(cur?.cursor ?? 0) >= id;
      },
      5000,
      'the reconciliation watermark to cover the comment',
    );
    expect(c.faults()[0].fired).toBe(1);
    expect((await items(w, w.vkSourceId)).filter((i) => i.external_id === key)).toEqual([
      expect.objectContaining({ version: 1 }),
    ]);
  });

  it.each([1, 2, 3] as const)(
    'T3: Long Poll failed %i with 6 comments in the gap → all 6 stored once after reconciliation',
    async (code) => {
      const c = w.vk.control;
      c.fault({ match: { method: 'a_check' }, times: 1, action: { type: 'lp_failed', code } });
      const gap = Array.from({ length: 6 }, (_, i) => vkComment(w, 100 + code * 10 + i, `gap ${code}.${i}`));
      await waitForItems(
        w,
        w.vkSourceId,
        gap.map((g) => g.key),
      );
      expect(c.faults()[0].fired).toBe(1);
      const stored = (await items(w, w.vkSourceId)).filter((i) => i.text.startsWith(`gap ${code}.`));
      expect(stored).toHaveLength(6);
      expect(stored.every((i) => i.version === 1)).toBe(true);
      // Long Poll goes on after the gap.
      const after = vkComment(w, 5, `after gap ${code}`);
      await waitForItems(w, w.vkSourceId, [after.key]);
    },
  );

  it('T5: the database refuses the Telegram insert once → the update is retried, not lost; polling goes on', async () => {
    // A trigger that fails the first Telegram item insert; a sequence is not rolled back with it.
    await w.sql(`CREATE SEQUENCE e2e_fail_once`);
    await w.sql(`CREATE FUNCTION e2e_fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.platform = 'telegram' AND nextval('e2e_fail_once') = 1 THEN
          RAISE EXCEPTION 'e2e: the database is down';
        END IF;
        RETURN NEW;
      END $$`);
    await w.sql(
      `CREATE TRIGGER e2e_fail_once BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION e2e_fail_once()`,
    );
    try {
      const { key, message } = tgMessage(w, ANNA, 'срочно! интернет пропал');
      await waitForItems(w, w.tgSourceId, [key]);
      const [{ n }] = await w.sql(`SELECT last_value AS n FROM e2e_fail_once`);
      expect(Number(n)).toBeGreaterThanOrEqual(2); // it did fail once, then went in
      const [cursor] = await w.sql(
        `SELECT cursor FROM sync_cursors WHERE source_id = $1 AND stream = 'updates'`,
        [w.tgSourceId],
      );
      expect(cursor.cursor.offset).toBeGreaterThan(0);
      expect(message.text).toBe('срочно! интернет пропал');
      const next = tgMessage(w, ANNA, 'и ещё вопрос');
      await waitForItems(w, w.tgSourceId, [next.key]);
    } finally {
      await w.sql(`DROP TRIGGER e2e_fail_once ON items`);
      await w.sql(`DROP FUNCTION e2e_fail_once()`);
      await w.sql(`DROP SEQUENCE e2e_fail_once`);
    }
  });

  it('T14: a privacy-mode bot in a group: a message without a mention is never stored', async () => {
    const group = -200300;
    w.tg.control.upsertChat({ id: group, type: 'supergroup', title: 'Acme fans', bot_status: 'member' });
    tgUnseen(w, OLEG, 'просто болтаем о тарифах', group);
    const mention = tgMessage(w, ANNA, `@${BOT_USERNAME} помогите с оплатой`, group);
    await waitForItems(w, w.tgSourceId, [mention.key]);
    await sleep(300);
    const texts = (await items(w, w.tgSourceId)).map((i) => i.text);
    expect(texts).not.toContain('просто болтаем о тарифах');
    expect(w.tg.state.bot(DEFAULT_BOT_TOKEN).privacy).toBe(true);
  });
});
