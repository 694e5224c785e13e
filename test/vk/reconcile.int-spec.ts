/** Backfill and reconciliation through the API with the real vk-io client: T4, T13, boards, DMs, mentions. */
import { ConnectorError } from '../../src/connectors/connector';
import { VkConnector, VkMentionsConnector } from '../../src/connectors/vk';
import { GROUP_ID, MemoryIngest, startVkFixture, VkFixture } from './support';

describe('VK fetch: backfill and reconciliation', () => {
  let fx: VkFixture;
  let connector: VkConnector;

  beforeEach(async () => {
    fx = await startVkFixture();
    connector = new VkConnector();
  });
  afterEach(async () => {
    await connector.close();
    await fx.emu.stop();
  });

  it('T4: a restart resumes from the stored watermarks and fetches all M new comments and messages', async () => {
    const c = fx.emu.control;
    const posts = [c.post({ ownerId: -GROUP_ID, text: 'a' }), c.post({ ownerId: -GROUP_ID, text: 'b' })];
    c.comment({ ownerId: -GROUP_ID, postId: posts[0].id, fromId: 5, text: 'old 1' });
    c.message({ groupId: GROUP_ID, fromId: 7, text: 'old dm' });
    const ingest = new MemoryIngest();
    await ingest.emit(await connector.fetch(fx.source()));
    expect(ingest.texts()).toEqual(['old 1', 'old dm']);
    expect(ingest.cursors).toMatchObject({ [`post:-42_${posts[0].id}`]: expect.any(Number), 'peer:7': 1 });

    // "Service stopped": M events arrive, then a fresh connector starts from the stored cursors.
    const m = 130; // more than one page of wall.getComments
    for (let i = 0; i < m; i++)
      c.comment({ ownerId: -GROUP_ID, postId: posts[i % 2].id, fromId: 10 + i, text: `new ${i}` });
    for (let i = 0; i < 3; i++) c.message({ groupId: GROUP_ID, fromId: 7, text: `new dm ${i}` });
    await connector.close();
    connector = new VkConnector();
    c.clearRequests();
    const again = await connector.fetch(fx.source({ cursors: ingest.cursors }));
    await ingest.emit(again);
    expect(again.items).toHaveLength(m + 3); // nothing before the watermarks is read again
    expect(ingest.items.size).toBe(2 + m + 3);
    // Batched: wall.getComments went through execute, never one request per post.
    const methods = c.requests().map((r) => r.method);
    expect(methods).not.toContain('wall.getComments');
    expect(methods.filter((x) => x === 'execute').length).toBeLessThanOrEqual(6);
    // Nothing new → nothing fetched, cursors unchanged.
    const idle = await connector.fetch(fx.source({ cursors: ingest.cursors }));
    expect(idle.items).toHaveLength(0);
  });

  it('backfills only the configured window, keeps visitor posts and skips the community’s own', async () => {
    const c = fx.emu.control;
    const nowS = Math.floor(Date.now() / 1000);
    const old = c.post({ ownerId: -GROUP_ID, text: 'old post', date: nowS - 10 * 86400 });
    c.comment({
      ownerId: -GROUP_ID,
      postId: old.id,
      fromId: 5,
      text: 'on an old post',
      date: nowS - 10 * 86400,
    });
    const recent = c.post({ ownerId: -GROUP_ID, text: 'recent post' });
    c.comment({ ownerId: -GROUP_ID, postId: recent.id, fromId: 5, text: 'recent comment' });
    c.post({ ownerId: -GROUP_ID, fromId: 9, text: 'visitor post' });
    c.boardPost({ groupId: GROUP_ID, topicId: 77, fromId: 5, text: 'board question' });
    const result = await connector.fetch(fx.source({ settings: { backfillDays: 3 } }));
    expect(result.items.map((i) => i.text).sort()).toEqual([
      'board question',
      'recent comment',
      'visitor post',
    ]);
    expect(result.cursors).toMatchObject({ 'topic:42_77': 1 });
    const wider = await connector.fetch(fx.source({ settings: { backfillDays: 30 } }));
    expect(wider.items.map((i) => i.text)).toContain('on an old post');
  });

  it('T13: walls read with a community token → error 27 → a configuration error', async () => {
    const source = fx.source({ credentials: { serviceToken: undefined } });
    await expect(connector.fetch(source)).rejects.toMatchObject({ code: 'configuration' });
    await expect(connector.verify(source)).rejects.toBeInstanceOf(ConnectorError);
    expect(fx.emu.control.requests({ method: 'wall.get' })[0].errorCode).toBe(27);
  });

  it('verify names the community and refuses a token of another community or a revoked one', async () => {
    expect(await connector.verify(fx.source())).toEqual({ accountName: 'Acme' });
    await expect(connector.verify(fx.source({ settings: { groupId: 43 } }))).rejects.toMatchObject({
      code: 'configuration',
    });
    fx.emu.control.revokeToken(fx.groupToken);
    await expect(connector.verify(fx.source())).rejects.toMatchObject({ code: 'auth_revoked' });
  });

  it('mentions: newsfeed.search per keyword from a start_time watermark', async () => {
    const c = fx.emu.control;
    c.post({ ownerId: 777, fromId: 777, text: 'Купил в Acme, доволен' });
    c.post({ ownerId: -900, fromId: -900, text: 'acme опять опоздали' });
    c.post({ ownerId: 778, fromId: 778, text: 'unrelated' });
    const mentions = new VkMentionsConnector();
    try {
      const source = {
        ...fx.source({ settings: { keywords: ['acme', 'Acme'] } }),
        platform: 'vk_mentions',
      };
      const first = await mentions.fetch(source);
      expect(first.items.map((i) => i.externalId).sort()).toEqual(['mention:-900_1', 'mention:777_1']);
      expect(first.items[0].kind).toBe('mention');
      expect(first.cursors.mentions).toEqual(expect.any(Number));
      await expect(
        mentions.fetch({ ...source, settings: { ...source.settings, keywords: [] } }),
      ).rejects.toMatchObject({
        code: 'configuration',
      });
    } finally {
      await mentions.close();
    }
  });
});
