import { DiscussionThreads, mapUpdate } from './mapping';

const group = { id: -100200, type: 'supergroup', title: 'Acme Chat' };
const channel = { id: -100100, type: 'channel', title: 'Acme News', username: 'acme' };
const oleg = { id: 556, is_bot: false, first_name: 'Oleg', last_name: 'K.' };
const forward = {
  message_id: 801,
  date: 1700000101,
  chat: group,
  from: { id: 777000, is_bot: false, first_name: 'Telegram' },
  sender_chat: channel,
  is_automatic_forward: true,
  forward_origin: { type: 'channel', chat: channel, message_id: 701, date: 1700000100 },
  text: 'Релиз 2.0',
};

describe('Telegram update mapping', () => {
  it('threads a reply-to-comment to the channel post learnt from the forward, and saves what it learnt', () => {
    const threads = new DiscussionThreads();
    expect(mapUpdate({ update_id: 1, message: forward }, threads)).toEqual([]);
    const [reply] = mapUpdate(
      {
        update_id: 2,
        message: {
          message_id: 803,
          date: 1700000300,
          chat: group,
          from: oleg,
          message_thread_id: 801,
          reply_to_message: { message_id: 802, date: 1700000200, chat: group, from: oleg, text: 'a' },
          text: 'b',
        },
      },
      threads,
    );
    expect(reply).toMatchObject({
      externalId: '-100200:803',
      kind: 'comment',
      threadExternalId: '-100100:701',
      parentExternalId: '-100200:802',
      author: { externalId: '556', name: 'Oleg K.' },
    });
    const cursor = threads.takeCursor();
    expect(cursor).toEqual([['-100200:801', '-100100:701']]);
    expect(threads.takeCursor()).toBeUndefined();
    // A restart seeded from the cursor still knows the thread.
    expect(new DiscussionThreads(cursor).get('-100200:801')).toBe('-100100:701');
  });

  it('keeps an unknown discussion thread together, and forum topics apart from the chat', () => {
    const threads = new DiscussionThreads();
    const base = { date: 1, chat: group, from: oleg, text: 'x' };
    const [unknown] = mapUpdate(
      { update_id: 1, message: { ...base, message_id: 5, message_thread_id: 3 } },
      threads,
    );
    expect(unknown).toMatchObject({ kind: 'comment', threadExternalId: '-100200:thread:3' });
    const [topic] = mapUpdate(
      { update_id: 2, message: { ...base, message_id: 6, message_thread_id: 4, is_topic_message: true } },
      threads,
    );
    expect(topic).toMatchObject({ kind: 'message', threadExternalId: '-100200:topic:4' });
  });

  it('edited channel posts carry editedAt; captions, media and anonymous admins are mapped; service messages are not', () => {
    const threads = new DiscussionThreads();
    const [post] = mapUpdate(
      {
        update_id: 1,
        edited_channel_post: { message_id: 701, date: 100, edit_date: 160, chat: channel, text: 'v2' },
      },
      threads,
    );
    expect(post).toMatchObject({
      kind: 'channel_post',
      threadExternalId: '-100100:701',
      author: { isBrand: true },
    });
    expect(post.editedAt).toEqual(new Date(160_000));
    const msg = { message_id: 9, date: 1, chat: group, from: oleg };
    expect(
      mapUpdate({ update_id: 2, message: { ...msg, photo: [{}], caption: 'смотрите' } }, threads)[0].text,
    ).toBe('смотрите');
    expect(mapUpdate({ update_id: 3, message: { ...msg, voice: {} } }, threads)[0].text).toBe('[voice]');
    expect(mapUpdate({ update_id: 4, message: { ...msg, new_chat_members: [oleg] } }, threads)).toEqual([]);
    const [anon] = mapUpdate(
      { update_id: 5, message: { ...msg, sender_chat: group, text: 'от админа' } },
      threads,
    );
    expect(anon.author).toMatchObject({ externalId: '-100200', isBrand: true });
    expect(mapUpdate({ update_id: 6, message_reaction: { chat: group } }, threads)).toEqual([]);
  });
});
