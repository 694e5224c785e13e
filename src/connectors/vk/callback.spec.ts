import { handleVkCallback } from './callback';
import { deriveRandomId, parseVkId } from './ids';
import { normalizeEvent } from './normalize';

describe('handleVkCallback', () => {
  const config = { secret: 's3cret', confirmation: 'abc123', groupId: 42 };

  it('answers the confirmation string', () => {
    expect(handleVkCallback({ type: 'confirmation', group_id: 42, secret: 's3cret' }, config)).toEqual({
      status: 200,
      body: 'abc123',
      items: [],
    });
  });

  it('refuses a wrong secret or another community with 403, and junk with 400', () => {
    expect(
      handleVkCallback({ type: 'message_new', group_id: 42, secret: 'nope', object: {} }, config).status,
    ).toBe(403);
    expect(
      handleVkCallback({ type: 'message_new', group_id: 43, secret: 's3cret', object: {} }, config).status,
    ).toBe(403);
    expect(handleVkCallback('junk', config).status).toBe(400);
  });

  it('a source with no callback secret takes no events at all (the route is public)', () => {
    const open = { confirmation: 'abc123', groupId: 42 };
    const event = {
      type: 'message_new',
      group_id: 42,
      object: { message: { id: 1, from_id: 5, text: 'x' } },
    };
    expect(handleVkCallback(event, open)).toEqual({ status: 403, body: 'forbidden', items: [] });
    expect(handleVkCallback({ type: 'confirmation', group_id: 42 }, open).status).toBe(403);
    expect(handleVkCallback({ ...event, secret: '' }, { ...open, secret: '' }).status).toBe(403);
    expect(handleVkCallback({ ...event, secret: 's3cre' }, config).status).toBe(403);
    expect(handleVkCallback({ ...event, secret: ['s3cret'] }, config).status).toBe(403);
  });

  it('answers ok with the normalised item and its event id', () => {
    const result = handleVkCallback(
      {
        type: 'wall_reply_new',
        group_id: 42,
        event_id: 'e1',
        secret: 's3cret',
        object: {
          id: 7,
          from_id: 5,
          date: 1700000100,
          text: 'оплата не проходит',
          post_id: 3,
          owner_id: -42,
          parents_stack: [],
        },
      },
      config,
    );
    expect(result).toMatchObject({ status: 200, body: 'ok', eventId: 'e1' });
    expect(result.items).toEqual([
      expect.objectContaining({
        externalId: 'wall_comment:-42_3_7',
        kind: 'comment',
        threadExternalId: 'wall:-42_3',
        parentExternalId: 'wall_post:-42_3',
        createdAt: new Date(1700000100 * 1000),
      }),
    ]);
  });

  it('ok without items for unsupported events and the community’s own posts', () => {
    expect(
      handleVkCallback({ type: 'group_join', group_id: 42, secret: 's3cret', object: {} }, config).items,
    ).toEqual([]);
    const own = {
      type: 'wall_post_new',
      group_id: 42,
      secret: 's3cret',
      object: { id: 3, owner_id: -42, from_id: -42, text: 'x', date: 1 },
    };
    expect(handleVkCallback(own, config)).toMatchObject({ status: 200, body: 'ok', items: [] });
  });
});

describe('VK natural keys', () => {
  it('normalise every event type to a stable key that parses back', () => {
    const ctx = { groupId: 42 };
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        'message_new',
        { message: { id: 55, peer_id: 5, from_id: 5, date: 1, text: 'x', out: 0 } },
        'message:5_55',
      ],
      [
        'board_post_new',
        { id: 9, from_id: 5, date: 1, text: 'x', topic_id: 77, topic_owner_id: -42 },
        'board:42_77_9',
      ],
      [
        'video_comment_new',
        { id: 4, from_id: 5, date: 1, text: 'x', video_id: 8, video_owner_id: -42 },
        'video_comment:-42_8_4',
      ],
      [
        'market_comment_new',
        { id: 4, from_id: 5, date: 1, text: 'x', item_id: 8, market_owner_id: -42 },
        'market_comment:-42_8_4',
      ],
      ['wall_post_new', { id: 3, owner_id: -42, from_id: 9, date: 1, text: 'x' }, 'wall_post:-42_3'],
    ];
    for (const [type, object, key] of cases) expect(normalizeEvent(ctx, type, object)?.externalId).toBe(key);
    expect(parseVkId('message:5_55')).toEqual({ type: 'message', peerId: 5, messageId: 55 });
    expect(parseVkId('wall_comment:-42_3_7')).toEqual({
      type: 'wall_comment',
      ownerId: -42,
      postId: 3,
      commentId: 7,
    });
    expect(
      normalizeEvent(ctx, 'message_new', { message: { id: 1, peer_id: 5, from_id: -42, out: 1, date: 1 } }),
    ).toBeNull();
    expect(deriveRandomId('r')).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
  });
});
