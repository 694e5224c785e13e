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

  it('keeps an unknown thread of a known discussion group together, and forum topics apart from the chat', () => {
    const threads = new DiscussionThreads([['-100200:1', '-100100:1']]);
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

  it('a reply in a plain supergroup (message_thread_id, no is_topic_message) stays in the chat thread', () => {
    const threads = new DiscussionThreads();
    const root = { message_id: 10, date: 1, chat: group, from: oleg, text: 'у кого не работает?' };
    const [reply] = mapUpdate(
      {
        update_id: 1,
        message: {
          message_id: 11,
          date: 2,
          chat: group,
          from: { id: 557, is_bot: false, first_name: 'Ivan' },
          message_thread_id: 10,
          reply_to_message: root,
          text: 'у меня',
        },
      },
      threads,
    );
    expect(reply).toMatchObject({
      kind: 'message',
      threadExternalId: '-100200',
      parentExternalId: '-100200:10',
    });
  });

  it('a forum topic message "replying" to forum_topic_created has no parent; a real reply keeps it', () => {
    const forum = { ...group, is_forum: true };
    const opening = {
      message_id: 4,
      date: 1,
      chat: forum,
      from: oleg,
      message_thread_id: 4,
      is_topic_message: true,
      forum_topic_created: { name: 'Доставка', icon_color: 1 },
    };
    const threads = new DiscussionThreads();
    expect(mapUpdate({ update_id: 1, message: opening }, threads)).toEqual([]);
    const base = { date: 2, chat: forum, from: oleg, message_thread_id: 4, is_topic_message: true };
    const [first] = mapUpdate(
      { update_id: 2, message: { ...base, message_id: 5, reply_to_message: opening, text: 'где курьер?' } },
      threads,
    );
    expect(first).toMatchObject({ threadExternalId: '-100200:topic:4' });
    expect(first.parentExternalId).toBeUndefined();
    const [second] = mapUpdate(
      {
        update_id: 3,
        message: {
          ...base,
          message_id: 6,
          reply_to_message: { ...base, message_id: 5, text: 'где курьер?' },
          text: '+',
        },
      },
      threads,
    );
    expect(second).toMatchObject({ threadExternalId: '-100200:topic:4', parentExternalId: '-100200:5' });
  });

  it('Telegram Business: the bot’s own echo is dropped, the owner’s own message is the brand’s', () => {
    const threads = new DiscussionThreads();
    const chat = { id: 557, type: 'private', first_name: 'Ivan' };
    const owner = { id: 900, is_bot: false, first_name: 'Shop owner' };
    const base = { date: 1, chat, business_connection_id: 'bc1' };
    const [customer] = mapUpdate(
      {
        update_id: 1,
        business_message: {
          ...base,
          message_id: 1,
          from: { id: 557, is_bot: false, first_name: 'Ivan' },
          text: 'есть?',
        },
      },
      threads,
    );
    expect(customer.author.isBrand).toBeUndefined();
    const bot = { id: 7000001, is_bot: true, first_name: 'Otklik Care' };
    expect(
      mapUpdate(
        {
          update_id: 2,
          business_message: { ...base, message_id: 2, from: owner, sender_business_bot: bot, text: 'Да' },
        },
        threads,
      ),
    ).toEqual([]);
    expect(
      mapUpdate(
        {
          update_id: 3,
          edited_business_message: {
            ...base,
            message_id: 2,
            from: owner,
            sender_business_bot: bot,
            text: 'Да!',
          },
        },
        threads,
      ),
    ).toEqual([]);
    const [typed] = mapUpdate(
      { update_id: 4, business_message: { ...base, message_id: 3, from: owner, text: 'Сейчас уточню' } },
      threads,
    );
    expect(typed).toMatchObject({ threadExternalId: '557', author: { externalId: '900', isBrand: true } });
  });
});
