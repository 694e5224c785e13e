/**
 * Issue 8.2, the quarantine end to end: an item that cannot be stored even after cleaning goes to
 * the quarantine, its source moves on (Telegram's offset, VK's watermark), admins see it at
 * GET /api/quarantine and replay it with POST /api/quarantine/:id/replay once the cause is gone.
 */
import { signWebhook } from '../../src/connectors/webhook/signature';
import { Client, userWithRole } from '../auth/client';
import { GROUP_ID, items, startWorld, tgMessage, until, vkComment, waitForItems, World } from './harness';

const ANNA = { id: 801, first_name: 'Anna' };

describe('e2e quarantine: unstorable items are kept aside, visible to admins and replayable', () => {
  let w: World;
  let agent: Client;

  beforeAll(async () => {
    w = await startWorld();
    agent = (await userWithRole(w.url, w.admin, 'agent')).client;
    // A per-item refusal by the database (as a CHECK constraint or a too-big value would be).
    await w.sql(`CREATE FUNCTION e2e_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.text LIKE 'REFUSED%' THEN
          RAISE EXCEPTION 'e2e: refused' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await w.sql(
      `CREATE TRIGGER e2e_refuse BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION e2e_refuse()`,
    );
  });
  afterAll(() => w?.close());

  const quarantined = (sourceId: string) =>
    w.sql<{ id: string; external_id: string; error_code: string; seen_count: number }>(
      `SELECT id::text, external_id, error_code, seen_count FROM quarantine WHERE source_id = $1 ORDER BY id`,
      [sourceId],
    );
  const cursorOf = async (sourceId: string, stream: string) =>
    (
      await w.sql(`SELECT cursor FROM sync_cursors WHERE source_id = $1 AND stream = $2`, [sourceId, stream])
    )[0]?.cursor;

  let tgBadKey = '';
  let tgRowId = '';

  it('Telegram: the refused message is quarantined, the offset moves past it, later messages are stored', async () => {
    const bad = tgMessage(w, ANNA, 'REFUSED: где заказ\u0000?');
    const good = tgMessage(w, ANNA, 'а это сообщение дойдёт');
    tgBadKey = bad.key;
    await waitForItems(w, w.tgSourceId, [good.key]);
    await until(async () => (await quarantined(w.tgSourceId)).length === 1, 5000, 'the quarantine row');
    await until(
      async () =>
        Number((await cursorOf(w.tgSourceId, 'updates'))?.offset) >
        Math.max(...bad.updateIds, ...good.updateIds),
      5000,
      'the offset past both updates',
    );
    const [row] = await quarantined(w.tgSourceId);
    expect(row).toMatchObject({ external_id: bad.key, error_code: '23514' });
    tgRowId = row.id;
    expect((await items(w, w.tgSourceId)).map((i) => i.external_id)).not.toContain(bad.key);
    const later = tgMessage(w, ANNA, 'и ещё одно');
    await waitForItems(w, w.tgSourceId, [later.key]);
    expect(await quarantined(w.tgSourceId)).toHaveLength(1); // not redelivered, not re-quarantined
  });

  it('GET /api/quarantine: admins only, paginated, filtered by source and status; the payload as received', async () => {
    expect((await agent.get('/api/quarantine')).status).toBe(403);
    expect((await agent.post(`/api/quarantine/${tgRowId}/replay`)).status).toBe(403);
    expect((await new Client(w.url).get('/api/quarantine')).status).toBe(401);

    const page = await w.admin.get(`/api/quarantine?sourceId=${w.tgSourceId}`);
    expect(page.status).toBe(200);
    expect(page.body.nextCursor).toBeNull();
    expect(page.body.items).toEqual([
      expect.objectContaining({
        id: tgRowId,
        sourceId: w.tgSourceId,
        externalId: tgBadKey,
        errorCode: '23514',
        error: 'e2e: refused',
        seenCount: 1,
        replayResult: null,
        payloadBytes: expect.any(Number),
      }),
    ]);
    // exactly as the connector produced it: the NUL is still there (JSON-escaped on the wire)
    expect(page.body.items[0].payload.item.text).toBe('REFUSED: где заказ\u0000?');
    expect(page.body.items[0].payload.item.raw.chat.id).toBe(ANNA.id);
    expect((await w.admin.get(`/api/quarantine?sourceId=${w.vkSourceId}`)).body.items).toEqual([]);

    for (const bad of ['limit=0', 'limit=500', 'sourceId=nope', 'status=lost', 'cursor=-1', 'extra=1']) {
      const r = await w.admin.get(`/api/quarantine?${bad}`);
      expect([bad, r.status]).toEqual([bad, 400]);
    }
    expect((await w.admin.post('/api/quarantine/abc/replay')).status).toBe(400);
    expect((await w.admin.post('/api/quarantine/999999/replay')).status).toBe(404);
  });

  it('replay: fails while the cause remains (recorded), stores once after, then finds it stored', async () => {
    const failed = await w.admin.post(`/api/quarantine/${tgRowId}/replay`);
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({
      result: 'failed',
      error: 'e2e: refused',
      quarantined: { replayResult: 'failed', replayedAt: expect.any(String) },
    });
    expect((await items(w, w.tgSourceId)).map((i) => i.external_id)).not.toContain(tgBadKey);
    expect((await w.admin.get('/api/quarantine?status=open')).body.items.map((i: any) => i.id)).toContain(
      tgRowId,
    );

    await w.sql(`DROP TRIGGER e2e_refuse ON items`);
    const stored = await w.admin.post(`/api/quarantine/${tgRowId}/replay`);
    expect(stored.body).toMatchObject({
      result: 'stored',
      error: null,
      quarantined: { replayResult: 'stored' },
    });
    const again = await w.admin.post(`/api/quarantine/${tgRowId}/replay`);
    expect(again.body).toMatchObject({ result: 'duplicate' });

    const rows = await w.sql(`SELECT text, cleaned FROM items WHERE source_id = $1 AND external_id = $2`, [
      w.tgSourceId,
      tgBadKey,
    ]);
    expect(rows).toEqual([
      { text: 'REFUSED: где заказ\uFFFD?', cleaned: { fields: ['text', 'raw'], replaced: 2 } },
    ]);
    expect((await w.admin.get('/api/quarantine?status=resolved')).body.items.map((i: any) => i.id)).toEqual([
      tgRowId,
    ]);
    // never deleted: the row stays, with the last outcome
    expect(await quarantined(w.tgSourceId)).toHaveLength(1);
    const audit = await w.sql(
      `SELECT action, data->>'result' AS result FROM audit_log WHERE entity_type = 'quarantine' AND entity_id = $1 ORDER BY id`,
      [tgRowId],
    );
    expect(audit).toEqual([
      { action: 'quarantine.replayed', result: 'failed' },
      { action: 'quarantine.replayed', result: 'stored' },
      { action: 'quarantine.replayed', result: 'duplicate' },
    ]);
  });

  it('VK: a comment whose date PostgreSQL cannot hold is quarantined from Long Poll and reconciliation; the watermark moves on', async () => {
    // ~7,500 BC: a valid JavaScript date, out of PostgreSQL's timestamp range (SQLSTATE 22008).
    const bad = w.vk.control.comment({
      ownerId: -GROUP_ID,
      postId: w.wallPostId,
      fromId: 31,
      text: 'из глубины веков',
      date: -300_000_000_000,
    });
    const badKey = `wall_comment:-${GROUP_ID}_${w.wallPostId}_${bad.id}`;
    const good = vkComment(w, 32, 'обычный комментарий после');
    await waitForItems(w, w.vkSourceId, [good.key]);
    await until(
      async () => (await quarantined(w.vkSourceId)).length >= 1,
      5000,
      'the Long Poll quarantine row',
    );
    // A gap: reconciliation reads the wall again and must move its watermark past the bad comment.
    w.vk.control.fault({ match: { method: 'a_check' }, times: 1, action: { type: 'lp_failed', code: 2 } });
    const stream = `post:-${GROUP_ID}_${w.wallPostId}`;
    await until(
      async () => Number(await cursorOf(w.vkSourceId, stream)) >= good.id,
      8000,
      'the reconciliation watermark past the bad comment',
    );
    const rows = await quarantined(w.vkSourceId);
    expect(rows.every((r) => r.external_id === badKey && r.error_code === '22008')).toBe(true);
    // Both paths met it: the Long Poll event (post_owner_id) and wall.getComments' object differ,
    // so they are two rows; each kept once however often it is read again.
    const shapes = await w.sql(
      `SELECT convert_from(payload, 'UTF8')::jsonb #> '{item,raw}' ? 'post_owner_id' AS lp FROM quarantine
        WHERE source_id = $1 ORDER BY id`,
      [w.vkSourceId],
    );
    expect(shapes.map((x) => x.lp)).toEqual([true, false]);
    const after = vkComment(w, 33, 'и ещё один');
    await waitForItems(w, w.vkSourceId, [after.key]);
    expect((await items(w, w.vkSourceId)).filter((i) => i.external_id === good.key)).toHaveLength(1);

    // The cause is in the data itself: a replay fails again, visibly.
    const r = await w.admin.post(`/api/quarantine/${rows[0].id}/replay`);
    expect(r.body).toMatchObject({ result: 'failed', error: expect.stringMatching(/out of range/) });
  });

  it('webhook: an unstorable item is quarantined, the rest of the request stored, the answer says so', async () => {
    await w.sql(
      `CREATE TRIGGER e2e_refuse BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION e2e_refuse()`,
    );
    const secret = 'quarantine-webhook-secret-42';
    const created = await w.admin.post('/api/sources', {
      platform: 'webhook',
      name: 'Отзывы',
      credentials: { secret },
    });
    const sourceId = created.body.id as string;
    const body = JSON.stringify({
      items: [
        { id: 'r-1', author: { id: 'a' }, text: 'REFUSED \uD800', createdAt: '2024-11-01T10:00:00Z' },
        { id: 'r-2', author: { id: 'b' }, text: 'хороший отзыв', createdAt: '2024-11-01T10:01:00Z' },
      ],
    });
    const res = await fetch(`${w.url}/api/ingest/${sourceId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-otklik-signature': signWebhook(secret, body) },
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 2, inserted: 1, edited: 0, duplicates: 0, quarantined: 1 });
    expect((await quarantined(sourceId)).map((r) => r.external_id)).toEqual(['r-1']);
    // Operations see it too: 1 Telegram, 2 VK (Long Poll and reconciliation), 1 webhook so far.
    const metrics = await w.admin.get('/metrics');
    expect(metrics.body).toMatch(/otklik_ingest_quarantined_items_total\{platform="webhook"\} 1\b/);
    expect(metrics.body).toMatch(/otklik_ingest_quarantined_items_total\{platform="telegram"\} 1\b/);
    // the Telegram NUL message, once stored by its replay (a quarantined item is not stored)
    expect(metrics.body).toMatch(/otklik_ingest_cleaned_items_total\{platform="telegram"\} 1\b/);
    expect(metrics.body).not.toMatch(/otklik_ingest_cleaned_items_total\{platform="webhook"\}/);
    const list = await w.admin.get(`/api/quarantine?sourceId=${sourceId}`);
    expect(list.body.items[0].payload.item.text).toBe('REFUSED \uD800');
  });
});
