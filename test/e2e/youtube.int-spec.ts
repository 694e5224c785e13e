/**
 * YouTube through the whole app: a source created through the admin API (credentials sealed),
 * comments polled by the sync service, stored once, threaded and analysed; a reply delivered
 * exactly once as the channel; the quota shown in the source's health; a spent quota leaves the
 * source throttled until the quota resets (midnight Pacific time).
 */
import { quotaResetAt } from '../../src/connectors/youtube';
import { seedYouTubeBasics, startYouTubeEmulator, YouTubeEmulator } from '../../src/emulators/youtube';
import { SyncService } from '../../src/sources/sync.service';
import { sourceView, startWorld, until, World } from './harness';

describe('e2e: YouTube comments', () => {
  let w: World;
  let yt: YouTubeEmulator;
  let sourceId: string;
  let video: string;
  let demo: ReturnType<typeof seedYouTubeBasics>;

  beforeAll(async () => {
    w = await startWorld();
    yt = await startYouTubeEmulator({ seed: 9 });
    demo = seedYouTubeBasics(yt.control);
    video = yt.control.video({ channelId: demo.channelId, title: 'Тариф «Дом+»: обзор' }).id;
    const r = await w.admin.post('/api/sources', {
      platform: 'youtube',
      name: 'Acme на YouTube',
      settings: {
        channelId: demo.channelId,
        apiBaseUrl: yt.apiBaseUrl,
        tokenUrl: yt.tokenUrl,
        requestTimeoutMs: 2000,
      },
      credentials: {
        clientId: demo.clientId,
        clientSecret: demo.clientSecret,
        refreshToken: demo.refreshToken,
      },
    });
    expect(r.status).toBe(201);
    expect(r.body.accountName).toBe('Acme');
    sourceId = r.body.id;
  });
  afterAll(async () => {
    await w?.close();
    await yt?.stop();
  });

  const sync = () => w.app!.app.get(SyncService).syncSource(sourceId);
  const say = (text: string, author: string, parentId?: string) =>
    yt.control.comment({
      channelId: demo.channelId,
      videoId: video,
      parentId,
      author: { channelId: `UC${author}`, name: author },
      text,
    });

  it('the refresh token is sealed: never in the API, never in the database in clear', async () => {
    const view = await sourceView(w, sourceId);
    expect(JSON.stringify(view)).not.toContain(demo.refreshToken);
    const [row] = await w.sql(`SELECT credentials_encrypted FROM sources WHERE id = $1`, [sourceId]);
    expect(row.credentials_encrypted).toMatch(/^v1\./);
    expect(row.credentials_encrypted).not.toContain(demo.refreshToken);
  });

  it('comments in Russian and English are stored once, threaded per author and analysed; the quota shows in health', async () => {
    const q = say('Почему не работает оплата картой? Уже третий день!', 'anna');
    say('Same problem here, payment fails', 'john', q.id);
    say('Отличный тариф, спасибо', 'oleg');
    const out = await sync();
    expect(out.error).toBeUndefined();
    await sync(); // again: nothing new, nothing twice
    const rows = await w.sql(
      `SELECT external_id, language, sentiment_label, conversation_id, needs_response FROM items WHERE source_id = $1 ORDER BY id`,
      [sourceId],
    );
    expect(rows).toHaveLength(3);
    const byText = await w.sql(
      `SELECT text, language, sentiment_label AS sentiment FROM items WHERE source_id = $1`,
      [sourceId],
    );
    expect(byText.find((r: any) => r.text.startsWith('Почему'))).toMatchObject({
      language: 'ru',
      sentiment: 'negative',
    });
    expect(byText.find((r: any) => r.text.startsWith('Same'))).toMatchObject({ language: 'en' });
    // Anna and John share a thread but are two conversations.
    expect(new Set(rows.map((r: any) => r.conversation_id)).size).toBe(3);
    const view = await sourceView(w, sourceId);
    expect(view).toMatchObject({ status: 'healthy' });
    expect(view.quota).toMatchObject({ limit: 10_000, readBudget: 8000 });
    expect(view.quota.used).toBeGreaterThanOrEqual(4);
    expect(view.quota.remaining).toBe(10_000 - view.quota.used);
  });

  it('a reply is delivered exactly once as the channel, and joins the conversation', async () => {
    const asked = say('Где посмотреть зону покрытия?', 'ira');
    await sync();
    const [row] = await w.sql(`SELECT conversation_id FROM items WHERE source_id = $1 AND external_id = $2`, [
      sourceId,
      `yt_comment:${asked.id}`,
    ]);
    // The conversation links the comment to its original: the video, with the comment highlighted.
    const conv = (await w.admin.get(`/api/conversations/${row.conversation_id}`)).body;
    expect(conv.items.map((i: any) => [i.platform, i.url])).toEqual([
      ['youtube', `https://www.youtube.com/watch?v=${video}&lc=${asked.id}`],
    ]);
    const r = await w.admin.post(`/api/conversations/${row.conversation_id}/replies`, {
      text: 'Карта — на сайте, раздел «Подключение».',
    });
    expect(r.status).toBe(202);
    let reply: any;
    await until(
      async () =>
        !['queued', 'sending'].includes(
          (reply = (await w.admin.get(`/api/replies/${r.body.id}`)).body).status,
        ),
      10_000,
      'the reply',
      100,
    );
    expect(reply.status).toBe('delivered');
    const outbox = yt.control.outbox();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ parentId: asked.id, channelId: demo.channelId });
    expect(reply.platformMessageId).toBe(`yt_comment:${outbox[0].commentId}`);
    // The channel's own reply comes back in the next poll and is not a customer item.
    await sync();
    const inbound = await w.sql(
      `SELECT count(*)::int AS n FROM items WHERE source_id = $1 AND direction = 'inbound'`,
      [sourceId],
    );
    expect(inbound[0].n).toBe(4);
  });

  it('a spent quota leaves the source throttled until the quota resets; health says what is left', async () => {
    yt.control.quota({ clientId: demo.clientId, used: 10_000 });
    say('ещё один', 'max');
    const before = new Date();
    const out = await sync();
    expect(out.error).toBe('rate_limited');
    const view = await sourceView(w, sourceId);
    expect(view.status).toBe('throttled');
    const until = Date.parse(view.throttledUntil);
    expect(Math.abs(until - quotaResetAt(before).getTime())).toBeLessThan(10_000);
    expect(view.statusReason).toMatch(/quota/);
    // The sync service skips it until then.
    expect((await sync()).pages).toBe(0);
  });
});
