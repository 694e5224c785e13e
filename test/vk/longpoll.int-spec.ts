/** VK Long Poll fast path + reconciliation, with the real vk-io client: T1, T2, T3, T15. */
import { VkConnector } from '../../src/connectors/vk';
import { GROUP_ID, MemoryIngest, sleep, startVkFixture, VkFixture, waitFor } from './support';

describe('VK Bots Long Poll with reconciliation', () => {
  let fx: VkFixture;
  let connector: VkConnector;
  let stop: (() => Promise<void>) | undefined;

  beforeEach(async () => {
    fx = await startVkFixture();
    connector = new VkConnector();
  });
  afterEach(async () => {
    await stop?.();
    stop = undefined;
    await connector.close();
    await fx.emu.stop();
  });

  async function startReceiving(ingest: MemoryIngest, reasons: string[] = []) {
    stop = await connector.receive(fx.source(), ingest.emit, {
      onReconciled: (_r, why) => reasons.push(why),
    });
    await waitFor(() => reasons.includes('start'), 3000, 'the start-up reconciliation');
  }

  it('normalises every event type and skips the community’s own posts and comments', async () => {
    const c = fx.emu.control;
    const post = c.post({ ownerId: -GROUP_ID, text: 'Новый тариф' });
    const ingest = new MemoryIngest();
    await startReceiving(ingest);
    c.comment({ ownerId: -GROUP_ID, postId: post.id, fromId: 5, text: 'оплата не проходит' });
    c.comment({ ownerId: -GROUP_ID, postId: post.id, fromId: -GROUP_ID, text: 'brand reply' });
    c.message({ groupId: GROUP_ID, fromId: 5, text: 'Здравствуйте' });
    c.post({ ownerId: -GROUP_ID, fromId: 9, text: 'visitor post' });
    c.post({ ownerId: -GROUP_ID, text: 'own post' });
    c.boardPost({ groupId: GROUP_ID, topicId: 77, fromId: 5, text: 'вопрос' });
    c.photoComment({ ownerId: -GROUP_ID, photoId: 456, fromId: 5, text: 'где купить?' });
    await waitFor(() => ingest.items.size >= 5, 3000, 'five items');
    const ids = [...ingest.items.keys()].sort();
    expect(ids).toEqual(
      [
        `wall_comment:-42_${post.id}_2`,
        'message:5_1',
        `wall_post:-42_${post.id + 3}`, // ids are shared by posts and comments of one wall
        'board:42_77_1',
        'photo_comment:-42_456_1', // photo comment ids are their own sequence
      ].sort(),
    );
    const comment = ingest.items.get(`wall_comment:-42_${post.id}_2`)!;
    expect(comment).toMatchObject({
      kind: 'comment',
      threadExternalId: `wall:-42_${post.id}`,
      parentExternalId: `wall_post:-42_${post.id}`,
    });
    expect(comment.author.externalId).toBe('5');
    expect(ingest.items.get('message:5_1')).toMatchObject({
      kind: 'message',
      threadExternalId: 'dm:5',
      text: 'Здравствуйте',
    });
  });

  it('T1: a redelivered event (same event_id) yields one item; an edit updates the same key', async () => {
    const c = fx.emu.control;
    const post = c.post({ ownerId: -GROUP_ID, text: 'p' });
    const ingest = new MemoryIngest();
    await startReceiving(ingest);
    c.fault({ match: { method: 'a_check' }, times: 2, action: { type: 'duplicate' } });
    const comment = c.comment({ ownerId: -GROUP_ID, postId: post.id, fromId: 5, text: 'first' });
    await waitFor(() => c.faults()[0].fired === 2, 3000, 'both redeliveries');
    await sleep(300);
    const key = `wall_comment:-42_${post.id}_${comment.id}`;
    expect(ingest.delivered.filter((i) => i.externalId === key)).toHaveLength(1);
    c.editComment({ ownerId: -GROUP_ID, commentId: comment.id, text: 'edited' });
    await waitFor(() => ingest.items.get(key)?.text === 'edited', 3000, 'the edit');
    expect(ingest.items.get(key)?.editedAt).toBeInstanceOf(Date);
    expect(ingest.items.size).toBe(1);
  });

  it('T2: the same comment via Long Poll and via reconciliation has one natural key', async () => {
    const c = fx.emu.control;
    const post = c.post({ ownerId: -GROUP_ID, text: 'p' });
    const ingest = new MemoryIngest();
    await startReceiving(ingest);
    c.comment({ ownerId: -GROUP_ID, postId: post.id, fromId: 5, text: 'both ways' });
    await waitFor(() => ingest.items.size === 1, 3000, 'the LP item');
    const viaFetch = await connector.fetch(fx.source());
    expect(viaFetch.items.map((i) => i.externalId)).toEqual([...ingest.items.keys()]);
    await ingest.emit(viaFetch);
    expect(ingest.delivered).toHaveLength(2);
    expect(ingest.items.size).toBe(1);
  });

  it.each([1, 2, 3] as const)(
    'T3: failed %i mid-stream → the gap is reconciled, every comment once',
    async (code) => {
      const c = fx.emu.control;
      const post = c.post({ ownerId: -GROUP_ID, text: 'p' });
      const ingest = new MemoryIngest();
      const reasons: string[] = [];
      await startReceiving(ingest, reasons);
      c.comment({ ownerId: -GROUP_ID, postId: post.id, fromId: 5, text: 'before' });
      await waitFor(() => ingest.items.size === 1, 3000, 'the first comment');
      c.fault({ match: { method: 'a_check' }, times: 1, action: { type: 'lp_failed', code } });
      const n = 12;
      for (let i = 0; i < n; i++)
        c.comment({ ownerId: -GROUP_ID, postId: post.id, fromId: 100 + i, text: `gap ${i}` });
      await waitFor(() => ingest.items.size === n + 1, 5000, 'all gap comments');
      expect(c.faults()[0].fired).toBe(1);
      expect(reasons.some((r) => r.startsWith('long poll'))).toBe(true);
      // Long Poll skipped the gap: these came from reconciliation, each exactly once.
      const gapKeys = [...ingest.items.values()]
        .filter((i) => i.text.startsWith('gap'))
        .map((i) => i.externalId);
      expect(new Set(gapKeys).size).toBe(n);
      for (const key of gapKeys) expect(ingest.delivered.filter((i) => i.externalId === key)).toHaveLength(1);
      // And Long Poll goes on afterwards.
      c.comment({ ownerId: -GROUP_ID, postId: post.id, fromId: 5, text: 'after' });
      await waitFor(() => ingest.items.size === n + 2, 3000, 'the comment after the gap');
    },
  );

  it('T15: an idle Long Poll makes fewer than 5 requests per second', async () => {
    const ingest = new MemoryIngest();
    await startReceiving(ingest);
    fx.emu.control.clearRequests();
    await sleep(2000);
    const requests = fx.emu.control.requests();
    expect(requests.length / 2).toBeLessThan(5);
    expect(requests.every((r) => r.method === 'lp.a_check')).toBe(true);
  });

  it('reconciles on start from stored cursors, and stop ends polling', async () => {
    const c = fx.emu.control;
    const post = c.post({ ownerId: -GROUP_ID, text: 'p' });
    c.comment({ ownerId: -GROUP_ID, postId: post.id, fromId: 5, text: 'while away' });
    const ingest = new MemoryIngest();
    await startReceiving(ingest);
    expect(ingest.texts()).toEqual(['while away']);
    await stop!();
    stop = undefined;
    const before = c.requests({ method: 'lp.a_check' }).length;
    await sleep(500);
    expect(c.requests({ method: 'lp.a_check' }).length - before).toBeLessThanOrEqual(1);
  });
});
