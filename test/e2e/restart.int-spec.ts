/**
 * T4 end to end: the app stops, customers keep writing on both platforms, a new app starts on the
 * same database. VK catches up through reconciliation from the stored watermarks (Long Poll skips
 * the downtime); Telegram resumes getUpdates at the stored offset and the server redelivers.
 */
import {
  assertInvariants,
  GROUP_ID,
  items,
  startWorld,
  tgMessage,
  until,
  vkComment,
  vkMessage,
  waitForItems,
  waitForReceivers,
  World,
} from './harness';

const ANNA = { id: 555, first_name: 'Anna' };
const OLEG = { id: 556, first_name: 'Oleg' };

describe('e2e restart (T4)', () => {
  let w: World;

  beforeAll(async () => {
    w = await startWorld();
  });
  afterAll(() => w?.close());

  it('stop, inject M events on both emulators, start a new app on the same database → all M once', async () => {
    // Some history first, so both sources have stored cursors.
    const before = [vkComment(w, 5, 'до перезапуска'), vkMessage(w, 5, 'привет до перезапуска')];
    const tgBefore = tgMessage(w, ANNA, 'до перезапуска');
    await waitForItems(
      w,
      w.vkSourceId,
      before.map((b) => b.key),
    );
    await waitForItems(w, w.tgSourceId, [tgBefore.key]);
    // A Long Poll gap makes the receiver reconcile, which stores the per-post and per-dialog watermarks.
    w.vk.control.fault({ match: { method: 'a_check' }, times: 1, action: { type: 'lp_failed', code: 2 } });
    const postStream = `post:-${GROUP_ID}_${w.wallPostId}`;
    const cursorOf = async (stream: string) =>
      Number(
        (
          await w.sql(`SELECT cursor FROM sync_cursors WHERE source_id = $1 AND stream = $2`, [
            w.vkSourceId,
            stream,
          ])
        )[0]?.cursor ?? 0,
      );
    await until(
      async () => (await cursorOf(postStream)) >= before[0].id && (await cursorOf('peer:5')) >= before[1].id,
      5000,
      'the VK watermarks',
    );
    const watermark = await cursorOf(postStream);
    await w.shutdown();
    const [tgCursor] = await w.sql(
      `SELECT cursor FROM sync_cursors WHERE source_id = $1 AND stream = 'updates'`,
      [w.tgSourceId],
    );
    const stored = Number(tgCursor.cursor.offset);
    expect(stored).toBeGreaterThan(0);

    const M = 5;
    const vkWhileDown = [
      ...Array.from({ length: M }, (_, i) => vkComment(w, 200 + i, `пока вас не было ${i}`)),
      ...Array.from({ length: M }, (_, i) => vkMessage(w, 300 + i, `личное, пока вас не было ${i}`)),
      vkMessage(w, 5, 'и ещё одно от старого знакомого'),
    ];
    const tgWhileDown = Array.from({ length: M }, (_, i) =>
      tgMessage(w, i % 2 ? ANNA : OLEG, `пока бот спал ${i}`),
    );
    w.tg.control.clearRequests();
    w.vk.control.clearRequests();

    await w.boot();
    await w.rescan();
    await waitForReceivers(w);
    await waitForItems(
      w,
      w.vkSourceId,
      vkWhileDown.map((e) => e.key),
    );
    await waitForItems(
      w,
      w.tgSourceId,
      tgWhileDown.map((e) => e.key),
    );

    // VK read the wall from the stored watermark (Long Poll starts at a fresh ts and skips the downtime).
    const executes = w.vk.control.requests({ method: 'execute' }).map((r) => r.params.code);
    expect(executes.some((code) => code.includes(`"start_comment_id":${watermark}`))).toBe(true);
    const first = w.tg.control.requests({ method: 'getUpdates' })[0];
    expect(Number(first.params.offset)).toBe(stored);
    for (const sourceId of [w.vkSourceId, w.tgSourceId])
      expect((await items(w, sourceId)).every((i) => i.version === 1)).toBe(true);

    // Still live after the catch-up, on both.
    const live = [vkComment(w, 5, 'снова на связи'), tgMessage(w, ANNA, 'снова на связи')];
    await waitForItems(w, w.vkSourceId, [live[0].key]);
    await waitForItems(w, w.tgSourceId, [live[1].key]);
    await assertInvariants(w);
  });
});
