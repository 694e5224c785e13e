/**
 * VK author-name lookups under a stream of Long Poll answers: lookups never overlap and are spaced,
 * so names cost a few requests a second instead of one per answer (which would use up the
 * community token's 20 requests/s and hold every batch in vk-io's queue).
 */
import { VkConnector } from '../../src/connectors/vk';
import { VkNames } from '../../src/connectors/vk/names';
import { readVkSettings } from '../../src/connectors/vk/settings';
import { startVkFixture, VkFixture } from './support';

describe('VK author names: coalesced lookups', () => {
  let fx: VkFixture;
  let connector: VkConnector;

  beforeEach(async () => {
    fx = await startVkFixture();
    connector = new VkConnector();
    for (let id = 1; id <= 30; id++) fx.emu.control.user({ id, first_name: `U${id}`, last_name: 'T' });
  });
  afterEach(async () => {
    await connector.close();
    await fx.emu.stop();
  });

  const item = (id: number) => ({
    externalId: `message:${id}_1`,
    kind: 'message' as const,
    threadExternalId: `dm:${id}`,
    author: { externalId: String(id) },
    text: 't',
    createdAt: new Date(),
  });

  it('30 batches with new authors at once → one lookup, then one shared lookup for the rest', async () => {
    const client = connector.client(readVkSettings(fx.source()), fx.groupToken, 'group');
    const names = new VkNames(client, { minIntervalMs: 100 });
    const started = Date.now();
    const batches = await Promise.all(Array.from({ length: 30 }, (_, i) => names.enrich([item(i + 1)])));
    // every batch got its name...
    expect(batches.map(([b]) => b.author.name)).toEqual(Array.from({ length: 30 }, (_, i) => `U${i + 1} T`));
    // ...from two requests: the first author alone, then the other 29 together
    const lookups = fx.emu.control.requests({ method: 'users.get' });
    expect(lookups.map((r) => r.params.user_ids.split(',').length)).toEqual([1, 29]);
    // spaced by minIntervalMs: the second lookup cannot start before `started` + 100 ms. (Measured
    // against our own start, not the first request's arrival, whose transit time varies under load.)
    expect(lookups[1].at - started).toBeGreaterThanOrEqual(100);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
