/**
 * Every VK surface answered as the community, exactly once, with the real vk-io client: photo,
 * video, product and board comments through an administrator's user token with a `guid`; the
 * token each needs and the error naming what is missing; reconciliation of photo, video and
 * product comments (a Long Poll gap loses none).
 */
import { ConnectorError, OutgoingReply } from '../../src/connectors/connector';
import { deriveGuid, VkConnector } from '../../src/connectors/vk';
import { GROUP_ID, MemoryIngest, startVkFixture, VkFixture } from './support';

const OWNER = -GROUP_ID;

describe('VK surfaces answered as the community', () => {
  let fx: VkFixture;
  let connector: VkConnector;
  let userToken: string;

  beforeEach(async () => {
    fx = await startVkFixture();
    fx.emu.control.user({ id: 1, first_name: 'Admin', last_name: 'Acme' });
    userToken = fx.emu.control.token({ kind: 'user', userId: 1, rps: 20, adminOf: [GROUP_ID] });
    connector = new VkConnector();
  });
  afterEach(async () => {
    await connector.close();
    await fx.emu.stop();
  });

  const withUser = (token = userToken) => fx.source({ credentials: { userToken: token } });
  const replyTo = (
    externalId: string,
    kind: OutgoingReply['inReplyTo']['kind'],
    replyId: string,
  ): OutgoingReply => ({
    replyId,
    text: 'Спасибо, ответили в личных сообщениях',
    inReplyTo: { externalId, threadExternalId: 't', kind },
  });
  const failure = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      return err as ConnectorError;
    }
    throw new Error('expected a failure');
  };

  const surfaces = [
    {
      kind: 'photo_comment' as const,
      method: 'photos.createComment',
      make: () =>
        fx.emu.control.photoComment({ ownerId: OWNER, photoId: 456, fromId: 5, text: 'где купить?' }),
      key: (id: number) => `photo_comment:${OWNER}_456_${id}`,
      object: { photo_id: '456' },
    },
    {
      kind: 'video_comment' as const,
      method: 'video.createComment',
      make: () =>
        fx.emu.control.videoComment({ ownerId: OWNER, videoId: 77, fromId: 5, text: 'а со звуком?' }),
      key: (id: number) => `video_comment:${OWNER}_77_${id}`,
      object: { video_id: '77' },
    },
    {
      kind: 'market_comment' as const,
      method: 'market.createComment',
      make: () =>
        fx.emu.control.marketComment({ ownerId: OWNER, itemId: 9, fromId: 5, text: 'есть 42 размер?' }),
      key: (id: number) => `market_comment:${OWNER}_9_${id}`,
      object: { item_id: '9' },
    },
  ];

  it.each(surfaces)(
    '$method: committed but answered after apiTimeout → retried with the same guid → one comment as the community',
    async (s) => {
      const c = fx.emu.control;
      const asked = s.make();
      c.fault({ match: { method: s.method }, times: 1, action: { type: 'commit_then_delay', ms: 1500 } });
      const reply = replyTo(s.key(asked.id), s.kind, `aa000000-0000-4000-8000-00000000000${s.kind.length}`);
      const sent = await connector.send(withUser(), reply);
      expect(c.requests({ method: s.method }).length).toBeGreaterThanOrEqual(2); // vk-io retried
      const out = c.outbox({ method: s.method });
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({ tokenKind: 'user' });
      expect(out[0].params).toMatchObject({
        owner_id: String(OWNER),
        ...s.object,
        from_group: '1',
        reply_to_comment: String(asked.id),
        guid: deriveGuid(reply.replyId),
      });
      expect(sent.platformMessageId).toBe(s.key(out[0].result as number));
      // The outbox worker sending again (same reply id) gets the same comment back.
      expect(await connector.send(withUser(), reply)).toEqual(sent);
      expect(c.outbox({ method: s.method })).toHaveLength(1);
      const state = c.snapshot().media.find((m: any) => m.kind === s.kind.replace('_comment', ''));
      const ours = state!.comments.filter((x: any) => x.from_id === OWNER);
      expect(ours).toHaveLength(1);
      expect(ours[0]).toMatchObject({ reply_to_comment: asked.id });
    },
  );

  it('board.createComment as the community with a guid, once', async () => {
    const c = fx.emu.control;
    const asked = c.boardPost({ groupId: GROUP_ID, topicId: 77, fromId: 5, text: 'когда поставка?' });
    c.fault({ match: { method: 'board.createComment' }, times: 1, action: { type: 'commit_then_reset' } });
    const reply = replyTo(
      `board:${GROUP_ID}_77_${asked.id}`,
      'board_post',
      'bb000000-0000-4000-8000-000000000001',
    );
    const sent = await connector.send(withUser(), reply);
    const out = c.outbox({ method: 'board.createComment' });
    expect(out).toHaveLength(1);
    expect(out[0].params).toMatchObject({ from_group: '1', guid: deriveGuid(reply.replyId) });
    expect(sent.platformMessageId).toBe(`board:${GROUP_ID}_77_${out[0].result}`);
    expect(await connector.send(withUser(), reply)).toEqual(sent);
    expect(c.outbox({ method: 'board.createComment' })).toHaveLength(1);
  });

  it('without a user token the reply fails as unsupported, naming the token and the access right', async () => {
    const asked = surfaces[0].make();
    const err = await failure(
      connector.send(fx.source(), replyTo(surfaces[0].key(asked.id), 'photo_comment', 'r1')),
    );
    expect(err).toMatchObject({ code: 'unsupported' });
    expect(err.message).toBe(
      'Replying to photo comments needs a user token of a community administrator with the "photos" access right (VK takes photos.createComment from user tokens only)',
    );
    expect(err.cause).toBeUndefined(); // our words, shown as they are
    const board = await failure(
      connector.send(fx.source(), replyTo(`board:${GROUP_ID}_77_1`, 'board_post', 'r2')),
    );
    expect(board.message).toMatch(
      /^Replying to board topics needs a user token of a community administrator/,
    );
    expect(fx.emu.control.outbox()).toEqual([]);
  });

  it('a user token without the right, or of someone who is no administrator: VK says 15, the reply is unsupported (not the source)', async () => {
    const c = fx.emu.control;
    const video = surfaces[1].make();
    const noRight = c.token({ kind: 'user', userId: 1, scope: ['wall', 'photos'], adminOf: [GROUP_ID] });
    const err = await failure(
      connector.send(withUser(noRight), replyTo(surfaces[1].key(video.id), 'video_comment', 'r3')),
    );
    expect(err.code).toBe('unsupported');
    expect(err.message).toMatch(/^VK refused video\.createComment \(VK error 15\): .*"video" access right/);
    c.user({ id: 2, first_name: 'Not', last_name: 'Admin' });
    const stranger = c.token({ kind: 'user', userId: 2 });
    const market = surfaces[2].make();
    const err2 = await failure(
      connector.send(withUser(stranger), replyTo(surfaces[2].key(market.id), 'market_comment', 'r4')),
    );
    expect(err2.code).toBe('unsupported');
    expect(c.outbox()).toEqual([]);
  });

  it('the emulator refuses these methods to community and service tokens as VK does (27, 28)', async () => {
    const call = async (token: string) => {
      const res = await fetch(`${fx.emu.apiBaseUrl}/photos.createComment`, {
        method: 'POST',
        body: new URLSearchParams({
          access_token: token,
          v: '5.199',
          owner_id: String(OWNER),
          photo_id: '1',
          message: 'x',
        }),
      });
      return ((await res.json()) as any).error?.error_code;
    };
    expect(await call(fx.groupToken)).toBe(27);
    expect(await call(fx.serviceToken)).toBe(28);
  });

  it('comments closed on a video: the reply is rejected (VK error 801), nothing posted', async () => {
    const c = fx.emu.control;
    const asked = surfaces[1].make();
    c.media({ kind: 'video', ownerId: OWNER, id: 77, commentsClosed: true });
    const err = await failure(
      connector.send(withUser(), replyTo(surfaces[1].key(asked.id), 'video_comment', 'r5')),
    );
    expect(err.code).toBe('rejected');
    expect((err.cause as { code: number }).code).toBe(801);
    expect(c.outbox()).toEqual([]);
  });

  it('reconciliation reads photo, video and product comments from their watermarks', async () => {
    const c = fx.emu.control;
    c.photoComment({ ownerId: OWNER, photoId: 456, fromId: 5, text: 'фото 1' });
    const v = c.videoComment({ ownerId: OWNER, videoId: 77, fromId: 6, text: 'видео 1' });
    c.videoComment({ ownerId: OWNER, videoId: 77, fromId: 7, text: 'ответ в ветке', replyToComment: v.id });
    c.marketComment({ ownerId: OWNER, itemId: 9, fromId: 8, text: 'товар 1' });
    c.media({ kind: 'market', ownerId: OWNER, id: 10 }); // a product nobody commented on
    const ingest = new MemoryIngest();
    await ingest.emit(await connector.fetch(withUser()));
    expect(ingest.texts()).toEqual(['видео 1', 'ответ в ветке', 'товар 1', 'фото 1']);
    const reply = [...ingest.items.values()].find((i) => i.text === 'ответ в ветке')!;
    expect(reply).toMatchObject({
      kind: 'video_comment',
      threadExternalId: `video:${OWNER}_77`,
      parentExternalId: `video_comment:${OWNER}_77_${v.id}`,
    });
    expect(ingest.cursors).toMatchObject({
      [`photo:${OWNER}_456`]: expect.any(Number),
      [`video:${OWNER}_77`]: expect.any(Number),
      [`market:${OWNER}_9`]: expect.any(Number),
    });
    // A Long Poll gap: these never came as events to anyone; the next pass reads only them.
    const later = [
      c.photoComment({ ownerId: OWNER, photoId: 456, fromId: 5, text: 'фото 2' }),
      c.videoComment({ ownerId: OWNER, videoId: 77, fromId: 6, text: 'видео 2' }),
      c.marketComment({ ownerId: OWNER, itemId: 9, fromId: 8, text: 'товар 2' }),
    ];
    const again = await connector.fetch(fx.source({ credentials: { userToken }, cursors: ingest.cursors }));
    expect(again.items.map((i) => i.text).sort()).toEqual(['видео 2', 'товар 2', 'фото 2']);
    expect(later).toHaveLength(3);
    await ingest.emit(again);
    const idle = await connector.fetch(fx.source({ credentials: { userToken }, cursors: ingest.cursors }));
    expect(idle.items).toEqual([]);
  });

  it('without a user token reconciliation skips these surfaces (VK serves them to user tokens only)', async () => {
    fx.emu.control.photoComment({ ownerId: OWNER, photoId: 456, fromId: 5, text: 'фото' });
    fx.emu.control.clearRequests();
    const result = await connector.fetch(fx.source());
    expect(result.items).toEqual([]);
    expect(fx.emu.control.requests().filter((r) => r.errorCode === 27 || r.errorCode === 28)).toEqual([]);
  });
});
