/** VK mentions get author names from the shared name cache (users.get / groups.getById), like the vk source. */
import { VkMentionsConnector } from '../../src/connectors/vk';
import { startVkFixture, VkFixture } from './support';

describe('VK mentions: author names', () => {
  let fx: VkFixture;
  let mentions: VkMentionsConnector;

  beforeEach(async () => {
    fx = await startVkFixture();
    mentions = new VkMentionsConnector();
  });
  afterEach(async () => {
    await mentions.close();
    await fx.emu.stop();
  });

  it('names people and communities in newsfeed.search results, and asks once per author', async () => {
    const c = fx.emu.control;
    c.user({ id: 777, first_name: 'Ирина', last_name: 'Соколова' });
    c.community({ id: 900, name: 'Отзывы о провайдерах', screen_name: 'isp_reviews' });
    c.post({ ownerId: 777, fromId: 777, text: 'Купил в Acme, доволен' });
    c.post({ ownerId: -900, fromId: -900, text: 'acme опять опоздали' });
    const source = { ...fx.source({ settings: { keywords: ['acme'] } }), platform: 'vk_mentions' };

    const first = await mentions.fetch(source);
    const authors = Object.fromEntries(first.items.map((i) => [i.author.externalId, i.author]));
    expect(authors['777']).toEqual({ externalId: '777', name: 'Ирина Соколова', username: 'id777' });
    expect(authors['-900']).toEqual({
      externalId: '-900',
      name: 'Отзывы о провайдерах',
      username: 'isp_reviews',
    });
    // Lookups go out alone or combined in one `execute`: count the calls inside it too.
    const lookups = () =>
      c
        .requests()
        .map((r) => (r.method === 'execute' ? String(r.params.code) : r.method))
        .filter((m) => /users\.get|groups\.getById/.test(m)).length;
    const afterFirst = lookups();
    expect(afterFirst).toBeGreaterThan(0);

    // A later mention by a known author is named from the cache: no new lookup.
    c.post({ ownerId: 777, fromId: 777, text: 'Acme, спасибо за быструю установку' });
    const again = await mentions.fetch({ ...source, cursors: first.cursors });
    const latest = again.items.find((i) => i.text.includes('быструю'));
    expect(latest?.author.name).toBe('Ирина Соколова');
    expect(lookups()).toBe(afterFirst);
  });
});
