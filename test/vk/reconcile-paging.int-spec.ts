/** A wall backlog comes out of VkConnector.fetch in pages whose cursors cover only what they return. */
import { VkConnector } from '../../src/connectors/vk';
import { VK_CONTINUATION } from '../../src/connectors/vk/reconcile';
import { GROUP_ID, MemoryIngest, startVkFixture, VkFixture } from './support';

describe('VK fetch: pages', () => {
  let fx: VkFixture;
  let connector: VkConnector;

  beforeEach(async () => {
    fx = await startVkFixture({ rateLimits: false });
    connector = new VkConnector();
  });
  afterEach(async () => {
    await connector.close();
    await fx.emu.stop();
  });

  it('120 posts → a first page of 25 posts, then pages of ≤ 50; every comment once; the continuation is transient', async () => {
    const c = fx.emu.control;
    const posts = Array.from({ length: 120 }, (_, i) => c.post({ ownerId: -GROUP_ID, text: `p${i}` }).id);
    // post 0 has more than one page of comments (a full page re-queues it at the end)
    for (let k = 0; k < 130; k++)
      c.comment({ ownerId: -GROUP_ID, postId: posts[0], fromId: 1000 + k, text: `a${k}` });
    for (const id of posts.slice(1))
      c.comment({ ownerId: -GROUP_ID, postId: id, fromId: 5, text: `on ${id}` });
    const ingest = new MemoryIngest();
    const pages: number[] = [];
    let result;
    do {
      result = await connector.fetch(fx.source({ cursors: { ...ingest.cursors } }));
      await ingest.emit(result);
      pages.push(result.items.length);
      // a page's cursors name only the posts it read
      const streams = Object.keys(result.cursors).filter((k) => k.startsWith('post:'));
      expect(streams.length).toBeLessThanOrEqual(50);
    } while (result.hasMore);
    // newest posts first (the pass's first page is one execute); post 0 is the oldest
    expect(pages).toEqual([25, 50, 44 + 100, 30]);
    expect(ingest.delivered).toHaveLength(130 + 119);
    expect(ingest.items.size).toBe(130 + 119);
    expect(ingest.cursors[VK_CONTINUATION]).toBeUndefined();
    // the wall was listed once for the whole pass
    expect(c.requests({ method: 'wall.get' })).toHaveLength(2);
    // a fresh pass from the stored watermarks finds nothing new
    const idle = await connector.fetch(fx.source({ cursors: { ...ingest.cursors } }));
    expect(idle.items).toHaveLength(0);
  });
});
