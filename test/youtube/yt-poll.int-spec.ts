/**
 * The YouTube connector's reading half against the emulator over HTTP: the connector matrix as it
 * applies to a polled platform (Y1–Y5, Y9–Y15 after T1–T15), quota accounting and a quota day.
 */
import { ConnectorError } from '../../src/connectors/connector';
import { YouTubeConnector } from '../../src/connectors/youtube';
import { YOUTUBE_DEMO } from '../../src/emulators/youtube';
import { MemoryIngest } from '../vk/support';
import { CHANNEL, drain, startYouTubeFixture, YouTubeFixture } from './support';

const HOUR = 3600_000;

describe('YouTube polling', () => {
  let fx: YouTubeFixture;
  let clock: number;
  let connector: YouTubeConnector;

  beforeEach(async () => {
    fx = await startYouTubeFixture();
    // 10:00 Pacific: well inside a quota day, so pacing has room.
    clock = Date.parse('2024-11-05T18:00:00Z');
    fx.emu.control.advanceClock(clock - Date.now());
    connector = new YouTubeConnector({ now: () => clock });
  });
  afterEach(() => fx.emu.stop());

  const ago = (ms: number) => new Date(clock - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const say = (
    text: string,
    over: Partial<Parameters<YouTubeFixture['emu']['control']['comment']>[0]> = {},
  ) =>
    fx.emu.control.comment({
      channelId: CHANNEL,
      videoId: fx.video,
      author: {
        channelId: over.author?.channelId ?? `UCviewer${text.length}`,
        name: over.author?.name ?? 'viewer',
      },
      text,
      publishedAt: ago(HOUR),
      ...over,
    });
  const fetchWith = (ingest: MemoryIngest, settings: Record<string, unknown> = {}) =>
    drain((cursors) => connector.fetch(fx.source({ cursors, settings })), ingest);

  it('normalises threads and replies: one conversation thread per top-level comment, replies point at it', async () => {
    const top = say('Когда будет 4K?', { author: { channelId: 'UCanna', name: '@anna' } });
    const reply = say('+1', { parentId: top.id, author: { channelId: 'UColeg', name: '@oleg' } });
    say('Отвечаем', { parentId: top.id, author: { channelId: CHANNEL, name: '@acme' } }); // the channel's own
    const ingest = new MemoryIngest();
    await fetchWith(ingest);
    expect([...ingest.items.keys()].sort()).toEqual(
      [`yt_comment:${reply.id}`, `yt_comment:${top.id}`].sort(),
    );
    expect(ingest.items.get(`yt_comment:${top.id}`)).toMatchObject({
      kind: 'comment',
      threadExternalId: `yt_thread:${top.id}`,
      parentExternalId: `yt_video:${fx.video}`,
      author: { externalId: 'UCanna', name: '@anna' },
      text: 'Когда будет 4K?',
    });
    expect(ingest.items.get(`yt_comment:${reply.id}`)).toMatchObject({
      threadExternalId: `yt_thread:${top.id}`,
      parentExternalId: `yt_comment:${top.id}`,
    });
  });

  it('Y1/Y2: a comment read again (watermark overlap, embedded and comments.list) is one key; an edit updates it', async () => {
    const top = say('много ответов тут');
    for (let i = 0; i < 7; i++)
      say(`ответ ${i}`, { parentId: top.id, author: { channelId: `UCr${i}`, name: `r${i}` } });
    const ingest = new MemoryIngest();
    await fetchWith(ingest);
    expect(ingest.items.size).toBe(8);
    // 7 replies: 5 embedded in the thread, all 7 again through comments.list — one key each.
    expect(fx.emu.control.requests({ method: 'comments.list' })).toHaveLength(1);
    clock += 60_000;
    fx.emu.control.advanceClock(60_000);
    fx.emu.control.edit({ id: top.id, text: 'много ответов тут (исправлено)' });
    await fetchWith(ingest, { replySweepMinutes: 0 }); // the sweep re-reads recent threads
    const edited = ingest.items.get(`yt_comment:${top.id}`)!;
    expect(edited.text).toBe('много ответов тут (исправлено)');
    expect(edited.editedAt).toBeInstanceOf(Date);
    expect(ingest.items.size).toBe(8);
  });

  it('Y3: held for review is read too, so an approval (old publishedAt) loses nothing; new replies on recent threads are swept', async () => {
    const ingest = new MemoryIngest();
    say('первый');
    await fetchWith(ingest);
    const held = say('ссылка на мой канал', { held: true, publishedAt: ago(2 * HOUR) });
    const old = say('старый тред', { publishedAt: ago(5 * HOUR) });
    await fetchWith(ingest);
    expect(ingest.items.get(`yt_comment:${held.id}`)?.raw).toMatchObject({
      snippet: { moderationStatus: 'heldForReview' },
    });
    fx.emu.control.moderate({ id: held.id, status: 'published' });
    // A reply under a thread older than the watermark: only the sweep finds it.
    const late = say('ответ позже', { parentId: old.id, publishedAt: ago(0) });
    await fetchWith(ingest, { replySweepMinutes: 10_000 });
    expect(ingest.items.has(`yt_comment:${late.id}`)).toBe(false); // no sweep due yet
    clock += 20 * 60_000;
    fx.emu.control.advanceClock(20 * 60_000);
    await fetchWith(ingest, { replySweepMinutes: 15 });
    expect(ingest.items.has(`yt_comment:${late.id}`)).toBe(true);
    expect(ingest.items.has(`yt_comment:${old.id}`)).toBe(true);
    expect(ingest.texts()).toEqual(['ответ позже', 'первый', 'ссылка на мой канал', 'старый тред'].sort());
  });

  it('Y4: a backlog is read in pages, a pass survives a restart mid-way, and only new threads are read afterwards', async () => {
    for (let i = 0; i < 250; i++) say(`бэклог ${i}`, { publishedAt: ago(HOUR + i * 1000) });
    const ingest = new MemoryIngest();
    // "The service stops" after two pages (of 100 threads here): the pass is stored with them.
    await drain(
      (cursors) => connector.fetch(fx.source({ cursors, settings: { listPagesPerFetch: 1 } })),
      ingest,
      2,
    );
    expect(ingest.cursors['yt:pass']).toMatchObject({ pageToken: expect.any(String) });
    connector = new YouTubeConnector({ now: () => clock });
    fx.emu.control.clearRequests();
    await fetchWith(ingest);
    const lists = fx.emu.control.requests({ method: 'commentThreads.list' });
    expect(lists[0].params.pageToken).toBeDefined(); // resumed where it stopped, not from the top
    expect(ingest.items.size).toBe(250);
    expect(ingest.cursors['yt:pass']).toBeNull();
    fx.emu.control.clearRequests();
    say('новый после бэклога', { publishedAt: ago(0) });
    const again = await connector.fetch(fx.source({ cursors: ingest.cursors }));
    expect(again.items.map((i) => i.text)).toEqual(expect.arrayContaining(['новый после бэклога']));
    expect(again.items.length).toBeLessThanOrEqual(2); // the new one and the watermark's own overlap
    expect(
      fx.emu.control
        .requests()
        .filter((r) => r.method !== 'token')
        .map((r) => r.method),
    ).toEqual(['commentThreads.list', 'commentThreads.list']);
  });

  it('Y5: a page that was never stored is read again (the cursors move only with stored items)', async () => {
    say('не потеряйте');
    const first = await connector.fetch(fx.source());
    // ingest failed: nothing stored, cursors unchanged → the next fetch reads the same.
    const second = await connector.fetch(fx.source());
    expect(second.items.map((i) => i.externalId)).toEqual(first.items.map((i) => i.externalId));
  });

  it('Y9: quotaExceeded mid-backlog → rate_limited until midnight Pacific; after the quota day turns, the rest, none lost', async () => {
    for (let i = 0; i < 350; i++) say(`комментарий ${i}`, { publishedAt: ago(HOUR + i * 1000) });
    fx.emu.control.quota({ clientId: YOUTUBE_DEMO.clientId, dailyQuota: 3 }); // held + two pages
    const ingest = new MemoryIngest();
    const err = await drain((cursors) => connector.fetch(fx.source({ cursors })), ingest).catch((e) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err).toMatchObject({ code: 'rate_limited' });
    expect(err.retryAfterMs).toBe(Date.parse('2024-11-06T08:00:00Z') - clock); // midnight PST
    expect(ingest.items.size).toBe(200);
    // The next quota day: both clocks move past midnight Pacific.
    const toMidnight = Date.parse('2024-11-06T08:00:05Z') - clock;
    clock += toMidnight;
    fx.emu.control.advanceClock(toMidnight);
    await fetchWith(ingest);
    expect(ingest.items.size).toBe(350);
  });

  it('Y10: polling spends at most its share of the quota: past it, rate_limited without calling YouTube; too early in the day, paced', async () => {
    say('x');
    fx.quota.usage = { day: '2024-11-05', used: 8000 };
    fx.emu.control.clearRequests();
    await expect(connector.fetch(fx.source())).rejects.toMatchObject({ code: 'rate_limited' });
    expect(fx.emu.control.requests()).toEqual([]);
    // 00:30 Pacific with 2,200 units spent: ahead of the even spread plus burst → this poll waits.
    clock = Date.parse('2024-11-05T08:30:00Z');
    fx.quota.usage = { day: '2024-11-05', used: 2200 };
    expect(await connector.fetch(fx.source())).toEqual({ items: [], cursors: {} });
    expect(fx.emu.control.requests()).toEqual([]);
    // What it spends is counted in the source's ledger: 2 units for an idle poll (held + published).
    fx.quota.usage = null;
    clock = Date.parse('2024-11-05T18:00:00Z');
    await connector.fetch(fx.source());
    expect(fx.quota.usage).toEqual({ day: '2024-11-05', used: 2 });
    expect(connector.quotaView({ channelId: CHANNEL }, fx.quota.usage, new Date(clock))).toMatchObject({
      limit: 10_000,
      used: 2,
      remaining: 9998,
      readBudget: 8000,
      resetsAt: '2024-11-06T08:00:00.000Z',
    });
  });

  it('Y11: an expired access token is refreshed once transparently; a revoked refresh token is auth_revoked', async () => {
    say('x');
    await connector.fetch(fx.source());
    fx.emu.control.expireAccessTokens();
    await expect(connector.fetch(fx.source())).resolves.toBeDefined();
    fx.emu.control.revokeGrant(YOUTUBE_DEMO.refreshToken);
    fx.emu.control.expireAccessTokens();
    await expect(connector.fetch(fx.source())).rejects.toMatchObject({ code: 'auth_revoked' });
  });

  it('Y12: a 5xx or an HTML 502 on a read is temporary; rateLimitExceeded waits', async () => {
    fx.emu.control.fault({
      match: { method: 'commentThreads.list' },
      times: 1,
      action: { type: 'api_error', code: 503, msg: 'backendError' },
    });
    await expect(connector.fetch(fx.source())).rejects.toMatchObject({ code: 'temporary' });
    fx.emu.control.fault({
      match: { method: 'commentThreads.list' },
      times: 1,
      action: { type: 'http', status: 502 },
    });
    await expect(connector.fetch(fx.source())).rejects.toMatchObject({ code: 'temporary' });
    fx.emu.control.fault({
      match: { method: 'commentThreads.list' },
      times: 1,
      action: { type: 'api_error', code: 403, msg: 'rateLimitExceeded' },
    });
    await expect(connector.fetch(fx.source())).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 60_000,
    });
  });

  it('Y13: verify names the channel; a token of another channel or a missing channel id is a configuration error', async () => {
    await expect(connector.verify(fx.source())).resolves.toEqual({ accountName: 'Acme' });
    await expect(
      connector.verify(fx.source({ settings: { channelId: 'UCsomeoneelse' } })),
    ).rejects.toMatchObject({
      code: 'configuration',
      message: expect.stringContaining(`belongs to channel ${CHANNEL}`),
    });
    await expect(connector.verify(fx.source({ settings: { channelId: '' } }))).rejects.toMatchObject({
      code: 'configuration',
      message: expect.stringContaining(CHANNEL),
    });
    await expect(
      connector.verify(fx.source({ credentials: { clientSecret: 'wrong' } })),
    ).rejects.toMatchObject({
      code: 'configuration',
    });
  });

  it('Y15: an idle poll costs 2 units and two requests, nothing more', async () => {
    const ingest = new MemoryIngest();
    await fetchWith(ingest);
    fx.emu.control.clearRequests();
    fx.quota.usage = null;
    for (let i = 0; i < 5; i++) await fetchWith(ingest, { replySweepMinutes: 10_000 });
    expect(fx.emu.control.requests().filter((r) => r.method !== 'token')).toHaveLength(10);
    expect(fx.quota.usage!.used).toBe(10);
  });
});
