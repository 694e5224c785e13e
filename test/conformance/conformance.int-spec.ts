/**
 * The emulators must answer like the platforms, or green tests hide production bugs: every answer
 * a connector reads — method results, Long Poll and getUpdates payloads, errors — is validated
 * against the platforms' public specifications, vendored in ./schemas (VK's JSON schema
 * 5.199, a machine-readable Bot API spec, Google's discovery document for YouTube). The answers
 * are taken over HTTP, as raw JSON, after a scenario that produces every kind of object the
 * connectors handle (group chats, supergroup reply threads, forum topics, business echoes, held
 * comments, …).
 */
import { startTelegramEmulator, TelegramEmulator, DEFAULT_BOT_TOKEN } from '../../src/emulators/telegram';
import { startVkEmulator, VkEmulator } from '../../src/emulators/vk';
import { seedYouTubeBasics, startYouTubeEmulator, YouTubeEmulator } from '../../src/emulators/youtube';
import { TelegramSpec, VkSchema, YouTubeDiscovery } from './validators';

const GROUP = 42;

/**
 * Fields VK's Callback API documentation gives these event objects but the schema's object
 * definitions lack (they reuse the plain comment objects); the connector reads them.
 */
const VK_DOCUMENTED_EXTRAS = [
  'callback_wall_reply_new.post_owner_id: not in the schema',
  'callback_wall_reply_edit.post_owner_id: not in the schema',
  'callback_board_post_new.topic_id: not in the schema',
  'callback_board_post_new.topic_owner_id: not in the schema',
  'callback_market_comment.item_id: not in the schema',
];

describe('emulator conformance with the platforms’ specifications', () => {
  describe('VK (VKCOM/vk-api-schema 5.199)', () => {
    const schema = new VkSchema();
    let emu: VkEmulator;
    let group: string;
    let service: string;
    let user: string;

    beforeAll(async () => {
      emu = await startVkEmulator({ seed: 4, maxHoldMs: 200, rateLimits: false });
      const c = emu.control;
      c.community({ id: GROUP, name: 'Acme', screen_name: 'acme' });
      group = c.token({ kind: 'group', groupId: GROUP });
      service = c.token({ kind: 'service' });
      c.user({ id: 1, first_name: 'Admin', last_name: 'Acme' });
      user = c.token({ kind: 'user', userId: 1, adminOf: [GROUP] });
      for (const id of [5, 6]) c.user({ id, first_name: `Имя${id}`, last_name: 'Фамилия' });
    });
    afterAll(() => emu.stop());

    async function call(method: string, params: Record<string, string | number>, token: string) {
      const res = await fetch(`${emu.apiBaseUrl}/${method}`, {
        method: 'POST',
        body: new URLSearchParams({
          access_token: token,
          v: '5.199',
          ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
        }),
      });
      return (await res.json()) as { response?: unknown; error?: Record<string, unknown> };
    }
    const problems: string[] = [];
    async function expectValid(
      ref: string,
      method: string,
      params: Record<string, string | number>,
      token: string,
    ) {
      const body = await call(method, params, token);
      expect({ method, error: body.error }).toEqual({ method, error: undefined });
      problems.push(...schema.validate(ref, body).map((p) => `${method}: ${p}`));
      return body.response as any;
    }

    it('every method the connector calls, and every Long Poll event it reads', async () => {
      const c = emu.control;
      const lp = await expectValid(
        'groups/responses.json#groups_getLongPollServer_response',
        'groups.getLongPollServer',
        { group_id: GROUP },
        group,
      );
      // The scenario: every kind of object the connector handles.
      const post = c.post({ ownerId: -GROUP, text: 'Новый тариф' });
      c.post({ ownerId: -GROUP, fromId: 5, text: 'пост посетителя' });
      const top = c.comment({ ownerId: -GROUP, postId: post.id, fromId: 5, text: 'вопрос' });
      c.comment({ ownerId: -GROUP, postId: post.id, fromId: 6, text: 'ответ', replyToComment: top.id });
      c.editComment({ ownerId: -GROUP, commentId: top.id, text: 'вопрос (изм.)' });
      c.boardPost({ groupId: GROUP, topicId: 7, fromId: 5, text: 'на доске' });
      const dm = c.message({ groupId: GROUP, fromId: 5, text: 'в личку' });
      const chat = c.chatMessage({ groupId: GROUP, chatId: 1, fromId: 6, text: 'в беседе' });
      c.photoComment({ ownerId: -GROUP, photoId: 3, fromId: 5, text: 'фото' });
      c.videoComment({ ownerId: -GROUP, videoId: 4, fromId: 5, text: 'видео' });
      c.marketComment({ ownerId: -GROUP, itemId: 8, fromId: 5, text: 'товар' });

      const poll = (await (
        await fetch(`${lp.server}?act=a_check&key=${lp.key}&ts=${lp.ts}&wait=1`)
      ).json()) as { ts: string; updates: Array<Record<string, any>> };
      const objectRef: Record<string, string> = {
        message_new: 'callback_message_new',
        wall_reply_new: 'callback_wall_reply_new',
        wall_reply_edit: 'callback_wall_reply_edit',
        wall_post_new: 'callback_wall_post_new',
        board_post_new: 'callback_board_post_new',
        photo_comment_new: 'callback_photo_comment',
        video_comment_new: 'callback_video_comment',
        market_comment_new: 'callback_market_comment',
      };
      expect(new Set(poll.updates.map((u) => u.type))).toEqual(new Set(Object.keys(objectRef)));
      for (const u of poll.updates) {
        const { object, ...envelope } = u;
        for (const p of schema.validate('callback/objects.json#callback_base', envelope))
          problems.push(`${u.type}: ${p}`);
        for (const p of schema.validate(`callback/objects.json#${objectRef[u.type]}`, object))
          if (!VK_DOCUMENTED_EXTRAS.includes(p)) problems.push(`${u.type}: ${p}`);
      }

      await expectValid('groups/responses.json#groups_getById_object_response', 'groups.getById', {}, group);
      await expectValid(
        'users/responses.json#users_get_response',
        'users.get',
        { user_ids: '5,6', fields: 'screen_name' },
        service,
      );
      await expectValid(
        'wall/responses.json#wall_get_response',
        'wall.get',
        { owner_id: -GROUP, count: 100 },
        service,
      );
      await expectValid(
        'wall/responses.json#wall_getComments_response',
        'wall.getComments',
        { owner_id: -GROUP, post_id: post.id, count: 100, thread_items_count: 10 },
        service,
      );
      await expectValid(
        'wall/responses.json#wall_getComments_extended_response',
        'wall.getComments',
        { owner_id: -GROUP, post_id: post.id, count: 100, extended: 1, thread_items_count: 10 },
        service,
      );
      await expectValid(
        'newsfeed/responses.json#newsfeed_search_response',
        'newsfeed.search',
        { q: 'тариф', count: 30 },
        service,
      );
      await expectValid(
        'board/responses.json#board_getTopics_response',
        'board.getTopics',
        { group_id: GROUP, order: 1 },
        service,
      );
      await expectValid(
        'board/responses.json#board_getComments_response',
        'board.getComments',
        { group_id: GROUP, topic_id: 7, sort: 'asc' },
        service,
      );
      await expectValid(
        'messages/responses.json#messages_getConversations_response',
        'messages.getConversations',
        { filter: 'all', count: 200 },
        group,
      );
      await expectValid(
        'messages/responses.json#messages_getHistory_response',
        'messages.getHistory',
        { peer_id: 5, count: 200 },
        group,
      );
      await expectValid(
        'messages/responses.json#messages_getHistory_response',
        'messages.getHistory',
        { peer_id: chat.peer_id, count: 200 },
        group,
      );
      await expectValid(
        'photos/responses.json#photos_getAll_response',
        'photos.getAll',
        { owner_id: -GROUP, extended: 1, count: 100 },
        user,
      );
      await expectValid(
        'photos/responses.json#photos_getComments_response',
        'photos.getComments',
        { owner_id: -GROUP, photo_id: 3, sort: 'asc' },
        user,
      );
      await expectValid(
        'photos/responses.json#photos_getComments_extended_response',
        'photos.getComments',
        { owner_id: -GROUP, photo_id: 3, extended: 1 },
        user,
      );
      await expectValid(
        'video/responses.json#video_get_response',
        'video.get',
        { owner_id: -GROUP, count: 100 },
        user,
      );
      await expectValid(
        'video/responses.json#video_getComments_response',
        'video.getComments',
        { owner_id: -GROUP, video_id: 4, thread_items_count: 10 },
        user,
      );
      await expectValid(
        'video/responses.json#video_getComments_extended_response',
        'video.getComments',
        { owner_id: -GROUP, video_id: 4, extended: 1, thread_items_count: 10 },
        user,
      );
      await expectValid(
        'market/responses.json#market_get_response',
        'market.get',
        { owner_id: -GROUP, count: 100 },
        user,
      );
      await expectValid(
        'market/responses.json#market_getComments_response',
        'market.getComments',
        { owner_id: -GROUP, item_id: 8, extended: 1 },
        user,
      );

      // The writes the connector makes, each as the community.
      await expectValid(
        'wall/responses.json#wall_createComment_response',
        'wall.createComment',
        {
          owner_id: -GROUP,
          post_id: post.id,
          from_group: GROUP,
          message: 'ответ',
          reply_to_comment: top.id,
          guid: 'g1',
        },
        group,
      );
      await expectValid(
        'messages/responses.json#messages_send_deprecated_response',
        'messages.send',
        { peer_id: 5, random_id: 11, message: 'ответ' },
        group,
      );
      await expectValid(
        'messages/responses.json#messages_send_user_ids_response',
        'messages.send',
        {
          peer_ids: chat.peer_id,
          random_id: 12,
          message: 'ответ',
          forward: JSON.stringify({
            peer_id: chat.peer_id,
            conversation_message_ids: [chat.conversation_message_id],
            is_reply: true,
          }),
        },
        group,
      );
      await expectValid(
        'board/responses.json#board_createComment_response',
        'board.createComment',
        { group_id: GROUP, topic_id: 7, from_group: 1, message: 'ответ', guid: 'g2' },
        user,
      );
      await expectValid(
        'photos/responses.json#photos_createComment_response',
        'photos.createComment',
        { owner_id: -GROUP, photo_id: 3, from_group: 1, message: 'ответ', guid: 'g3' },
        user,
      );
      await expectValid(
        'video/responses.json#video_createComment_response',
        'video.createComment',
        { owner_id: -GROUP, video_id: 4, from_group: 1, message: 'ответ', guid: 'g4' },
        user,
      );
      await expectValid(
        'market/responses.json#market_createComment_response',
        'market.createComment',
        { owner_id: -GROUP, item_id: 8, from_group: 1, message: 'ответ', guid: 'g5' },
        user,
      );
      expect(dm.id).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    });

    it('errors have VK’s error object (the schema’s inner_type is a generated SDKs’ discriminator, not on the wire)', async () => {
      for (const [method, params, token] of [
        ['wall.get', { owner_id: -GROUP }, group], // 27: wrong token kind
        ['photos.createComment', { owner_id: -GROUP, photo_id: 3, message: 'x' }, service], // 28
        ['messages.send', { peer_id: 99, random_id: 1, message: 'x' }, group], // 901
        ['users.get', {}, 'nope'], // 5
      ] as const) {
        const body = await call(method, params, token);
        expect(body.error).toBeDefined();
        expect(
          schema.validate('base/objects.json#base_error', { inner_type: 'base_error', ...body.error }),
        ).toEqual([]);
      }
    });
  });

  describe('Telegram (telegram-bot-api-spec)', () => {
    const spec = new TelegramSpec();
    let emu: TelegramEmulator;
    const api = async (method: string, params: Record<string, unknown> = {}) => {
      const res = await fetch(`${emu.apiRoot}bot${DEFAULT_BOT_TOKEN}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
      });
      return (await res.json()) as {
        ok: boolean;
        result?: unknown;
        error_code?: number;
        description?: string;
      };
    };

    beforeAll(async () => {
      emu = await startTelegramEmulator({ maxHoldMs: 200 });
    });
    afterAll(() => emu.stop());

    it('getMe, getUpdates with every kind of update the connector maps, sendMessage, webhooks', async () => {
      const c = emu.control;
      const anna = { id: 555, first_name: 'Anna', username: 'anna' };
      const oleg = { id: 556, first_name: 'Oleg' };
      c.upsertChat({ id: -1002, type: 'supergroup', title: 'Acme Chat', bot_status: 'administrator' });
      c.upsertChat({
        id: -1001,
        type: 'channel',
        title: 'Acme News',
        username: 'acme',
        linked_chat_id: -1002,
      });
      c.upsertChat({ id: -1003, type: 'supergroup', title: 'Fans', bot_status: 'administrator' });
      c.upsertChat({
        id: -1004,
        type: 'supergroup',
        title: 'Support',
        is_forum: true,
        bot_status: 'administrator',
      });
      const dm = c.send({ from: anna, text: 'в личку' }).message;
      c.edit({ chat_id: anna.id, message_id: dm.message_id, text: 'в личку (изм.)' });
      const { post } = c.channelPost({ chat_id: -1001, text: 'Релиз' });
      const comment = c.comment({
        channel_id: -1001,
        post_id: post.message_id,
        from: oleg,
        text: 'комментарий',
      });
      c.comment({
        channel_id: -1001,
        post_id: post.message_id,
        from: anna,
        text: '+1',
        reply_to_message_id: comment.message.message_id,
      });
      const root = c.send({ chat_id: -1003, from: oleg, text: 'корень' }).message;
      c.send({ chat_id: -1003, from: anna, text: 'ответ в цепочке', reply_to_message_id: root.message_id });
      const topic = c.createTopic({ chat_id: -1004, name: 'Доставка', from: oleg }).message;
      c.send({ chat_id: -1004, from: anna, text: 'в теме', message_thread_id: topic.message_id });
      c.connectBusiness({ id: 'bc1', user: { id: 900, first_name: 'Owner' } });
      c.businessMessage({
        business_connection_id: 'bc1',
        from: { id: 557, first_name: 'Ivan' },
        text: 'бизнес',
      });
      c.businessOwnerMessage({ business_connection_id: 'bc1', chat_id: 557, text: 'владелец' });

      for (const [method, params] of [
        ['getMe', {}],
        ['deleteWebhook', {}],
        ['sendMessage', { chat_id: anna.id, text: 'ответ', reply_parameters: { message_id: dm.message_id } }],
        [
          'sendMessage',
          {
            chat_id: -1002,
            text: 'в ветку',
            message_thread_id: comment.message.message_thread_id,
            reply_parameters: { message_id: comment.message.message_id },
          },
        ],
        ['sendMessage', { chat_id: -1004, text: 'в тему', message_thread_id: topic.message_id }],
        ['sendMessage', { chat_id: 557, text: 'через бизнес', business_connection_id: 'bc1' }],
      ] as const) {
        const body = await api(method, params);
        expect({ method, ok: body.ok }).toEqual({ method, ok: true });
        expect({ method, problems: spec.validateResult(method, body.result) }).toEqual({
          method,
          problems: [],
        });
      }
      const updates = await api('getUpdates', { offset: 0, timeout: 0 });
      expect(spec.validateResult('getUpdates', updates.result)).toEqual([]);
      const kinds = new Set(
        (updates.result as Array<Record<string, unknown>>).flatMap((u) =>
          Object.keys(u).filter((k) => k !== 'update_id'),
        ),
      );
      expect(kinds).toEqual(new Set(['message', 'edited_message', 'channel_post', 'business_message']));
      expect(
        spec.validateResult(
          'setWebhook',
          (await api('setWebhook', { url: 'https://example.com/hook', secret_token: 'abc' })).result,
        ),
      ).toEqual([]);
    });
  });

  describe('YouTube (Google discovery document, youtube:v3)', () => {
    const discovery = new YouTubeDiscovery();
    let emu: YouTubeEmulator;
    let token: string;
    let demo: ReturnType<typeof seedYouTubeBasics>;

    beforeAll(async () => {
      emu = await startYouTubeEmulator({ seed: 2 });
      demo = seedYouTubeBasics(emu.control);
      const res = await fetch(emu.tokenUrl, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: demo.clientId,
          client_secret: demo.clientSecret,
          refresh_token: demo.refreshToken,
        }),
      });
      token = ((await res.json()) as { access_token: string }).access_token;
    });
    afterAll(() => emu.stop());

    const api = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
      const res = await fetch(`${emu.apiBaseUrl}/${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as any };
    };

    it('channels.list, commentThreads.list (published and held), comments.list, comments.insert', async () => {
      const c = emu.control;
      const video = c.video({ channelId: demo.channelId, title: 'Обзор' }).id;
      const top = c.comment({
        channelId: demo.channelId,
        videoId: video,
        author: { name: 'anna' },
        text: 'вопрос <b>?</b>',
      });
      for (let i = 0; i < 7; i++)
        c.comment({
          channelId: demo.channelId,
          parentId: top.id,
          author: { name: `r${i}` },
          text: `ответ ${i}`,
        });
      c.comment({
        channelId: demo.channelId,
        videoId: video,
        author: { name: 'spam' },
        text: 'ссылка',
        held: true,
      });
      c.comment({
        channelId: demo.channelId,
        videoId: video,
        author: { name: 'john' },
        text: 'second thread',
      });
      c.edit({ id: top.id, text: 'вопрос (изм.)' });
      const q = (o: Record<string, string | number>) =>
        new URLSearchParams(Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)])));
      const threads = `commentThreads?${q({ part: 'snippet,replies', allThreadsRelatedToChannelId: demo.channelId, order: 'time', maxResults: 1, textFormat: 'plainText' })}`;
      const answers: Array<[string, { status: number; body: unknown }]> = [
        ['channels.list', await api('GET', `channels?${q({ part: 'snippet', mine: 'true' })}`)],
        ['commentThreads.list', await api('GET', threads)],
        ['commentThreads.list', await api('GET', `${threads}&moderationStatus=heldForReview`)],
        [
          'comments.list',
          await api(
            'GET',
            `comments?${q({ part: 'snippet', parentId: top.id, maxResults: 100, textFormat: 'plainText' })}`,
          ),
        ],
        [
          'comments.insert',
          await api('POST', 'comments?part=snippet', {
            snippet: { parentId: top.id, textOriginal: 'Спасибо!' },
          }),
        ],
      ];
      for (const [method, answer] of answers) {
        expect({ method, status: answer.status }).toEqual({ method, status: 200 });
        expect({ method, problems: discovery.validateResponse(method, answer.body) }).toEqual({
          method,
          problems: [],
        });
      }
      expect((answers[1][1].body as any).nextPageToken).toBeDefined(); // paging exercised
    });
  });
});

describe('the conformance checks bite', () => {
  it('a wrong type, a missing required field and an invented field are each reported', () => {
    const vk = new VkSchema();
    const message = {
      id: '1',
      date: 1,
      peer_id: 5,
      from_id: 5,
      out: 0,
      text: 'x',
      conversation_message_id: 1,
      version: 1,
      invented: true,
    };
    expect(
      vk.validate('messages/responses.json#messages_getHistory_response', {
        response: { count: 1, items: [message] },
      }),
    ).toEqual([
      'messages_getHistory_response.response.items[0].id: string where the schema says integer',
      'messages_getHistory_response.response.items[0].invented: not in the schema',
    ]);
    const tg = new TelegramSpec();
    expect(tg.validate('Message', { message_id: 1, date: 1, text: 'x', is_topic: true })).toEqual([
      'Message.chat: required, missing',
      'Message.is_topic: not a field of Message',
    ]);
    const yt = new YouTubeDiscovery();
    expect(
      yt.validate('Comment', {
        kind: 'youtube#comment',
        snippet: { likeCount: '3', authorChannelId: 'UC1' },
      }),
    ).toEqual([
      'Comment.snippet.likeCount: string where the document says integer',
      'Comment.snippet.authorChannelId: string where the document says object',
    ]);
  });
});
