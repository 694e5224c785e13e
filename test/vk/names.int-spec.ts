/** VK author names (users.get / groups.getById) added before items reach ingest, with the real vk-io client. */
import { VkConnector } from '../../src/connectors/vk';
import { VkNames } from '../../src/connectors/vk/names';
import { readVkSettings } from '../../src/connectors/vk/settings';
import { GROUP_ID, MemoryIngest, sleep, startVkFixture, VkFixture, waitFor } from './support';

describe('VK author names', () => {
  let fx: VkFixture;
  let connector: VkConnector;
  let stop: (() => Promise<void>) | undefined;

  beforeEach(async () => {
    fx = await startVkFixture();
    connector = new VkConnector();
    fx.emu.control.user({ id: 5, first_name: 'Ирина', last_name: 'Соколова' });
    fx.emu.control.user({ id: 6, first_name: 'John', last_name: 'Carter', screen_name: 'jcarter' });
  });
  afterEach(async () => {
    await stop?.();
    stop = undefined;
    await connector.close();
    await fx.emu.stop();
  });

  async function startReceiving(ingest: MemoryIngest) {
    const reasons: string[] = [];
    stop = await connector.receive(fx.source(), ingest.emit, {
      onReconciled: (_r, why) => reasons.push(why),
    });
    await waitFor(() => reasons.includes('start'), 3000, 'the start-up reconciliation');
  }

  const usersGets = () => fx.emu.control.requests({ method: 'users.get' });

  it('names a Long Poll author once, then answers the same author from the cache', async () => {
    const c = fx.emu.control;
    const post = c.post({ ownerId: -GROUP_ID, text: 'Новый тариф' });
    const ingest = new MemoryIngest();
    await startReceiving(ingest);
    const first = c.comment({ ownerId: -GROUP_ID, postId: post.id, fromId: 5, text: 'нет интернета' });
    await waitFor(() => ingest.items.size === 1, 3000, 'the first comment');
    const item = ingest.items.get(`wall_comment:-42_${post.id}_${first.id}`)!;
    expect(item.author).toEqual({ externalId: '5', name: 'Ирина Соколова', username: 'id5' });
    expect(usersGets()).toHaveLength(1);
    expect(usersGets()[0].params).toMatchObject({ user_ids: '5', fields: 'screen_name' });

    c.comment({ ownerId: -GROUP_ID, postId: post.id, fromId: 5, text: 'всё ещё нет' });
    c.message({ groupId: GROUP_ID, fromId: 6, text: 'Hello' });
    await waitFor(() => ingest.items.size === 3, 3000, 'the next batch');
    const names = [...ingest.items.values()].map((i) => `${i.author.externalId}:${i.author.name}`).sort();
    expect(names).toEqual(['5:Ирина Соколова', '5:Ирина Соколова', '6:John Carter']);
    expect(ingest.items.get('message:6_1')?.author.username).toBe('jcarter');
    // Only the new author (6) was looked up.
    expect(usersGets().map((r) => r.params.user_ids)).toEqual(['5', '6']);
  });

  it('still delivers items, without names, when users.get fails', async () => {
    const c = fx.emu.control;
    c.fault({ match: { method: 'users.get' }, action: { type: 'api_error', code: 10 } });
    const post = c.post({ ownerId: -GROUP_ID, text: 'p' });
    const ingest = new MemoryIngest();
    await startReceiving(ingest);
    c.comment({ ownerId: -GROUP_ID, postId: post.id, fromId: 5, text: 'нет интернета' });
    await waitFor(() => ingest.items.size === 1, 5000, 'the comment');
    expect([...ingest.items.values()][0].author).toEqual({ externalId: '5' });
    expect(usersGets().length).toBeGreaterThanOrEqual(1);
    expect(usersGets().every((r) => r.errorCode === 10)).toBe(true);
  });

  it('names people and communities of a reconciliation batch in one execute', async () => {
    const c = fx.emu.control;
    c.community({ id: 77, name: 'Соседи по Лесной', screen_name: 'lesnaya' });
    const post = c.post({ ownerId: -GROUP_ID, text: 'p' });
    c.comment({ ownerId: -GROUP_ID, postId: post.id, fromId: -77, text: 'у нас тоже' });
    c.message({ groupId: GROUP_ID, fromId: 6, text: 'Hello' });
    c.clearRequests();
    const result = await connector.fetch(fx.source());
    const byAuthor = Object.fromEntries(result.items.map((i) => [i.author.externalId, i.author]));
    expect(byAuthor['-77']).toEqual({ externalId: '-77', name: 'Соседи по Лесной', username: 'lesnaya' });
    expect(byAuthor['6']).toEqual({ externalId: '6', name: 'John Carter', username: 'jcarter' });
    const lookups = c
      .requests()
      .filter((r) => r.method === 'groups.getById' || String(r.params.code ?? '').includes('groups.getById'));
    expect(lookups).toHaveLength(1);
    expect(lookups[0].method).toBe('execute');
    expect(lookups[0].params.code).toContain('users.get');

    // A second reconciliation with nothing new and a known author costs no lookup.
    c.message({ groupId: GROUP_ID, fromId: 6, text: 'Hello again' });
    c.clearRequests();
    const again = await connector.fetch(fx.source({ cursors: result.cursors }));
    expect(again.items.map((i) => i.author.name)).toEqual(['John Carter']);
    expect(
      c.requests().filter((r) => /users\.get|groups\.getById/.test(r.method + (r.params.code ?? ''))),
    ).toHaveLength(0);
  });

  it('forgets names after the TTL and keeps at most `capacity` ids', async () => {
    let now = 1_000_000;
    const source = fx.source();
    const client = connector.client(readVkSettings(source), fx.groupToken, 'group');
    const names = new VkNames(client, { capacity: 2, ttlMs: 60_000, now: () => now });
    const item = (id: number) => ({
      externalId: `message:${id}_1`,
      kind: 'message' as const,
      threadExternalId: `dm:${id}`,
      author: { externalId: String(id) },
      text: 't',
      createdAt: new Date(),
    });
    const [a] = await names.enrich([item(5)]);
    expect(a.author.name).toBe('Ирина Соколова');
    await names.enrich([item(5)]);
    expect(usersGets()).toHaveLength(1);
    now += 61_000;
    await names.enrich([item(5)]);
    expect(usersGets()).toHaveLength(2);
    await names.enrich([item(6), item(7)]);
    expect(names.size).toBe(2);
    await names.enrich([item(5)]); // evicted by 6 and 7
    expect(usersGets()).toHaveLength(4);
    await sleep(0);
  });
});
