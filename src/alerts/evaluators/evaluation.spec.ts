import { toSample } from './evaluation';

describe("an alert's sample item", () => {
  const base = {
    id: '7',
    sourceId: 's',
    conversationId: null,
    text: 'Почему не работает оплата?',
    author: 'Анна',
    authorKey: 'a',
    at: new Date('2024-11-01T10:00:00Z'),
    chatUsername: null,
    videoId: null,
  };

  it('links a YouTube comment to its original (the video, the comment highlighted)', () => {
    const s = toSample({
      ...base,
      platform: 'youtube',
      externalId: 'yt_comment:UgzAbc',
      videoId: 'vid_1234567',
    });
    expect(s.url).toBe('https://www.youtube.com/watch?v=vid_1234567&lc=UgzAbc');
  });

  it('links VK and public Telegram items, and none for a private chat', () => {
    expect(toSample({ ...base, platform: 'vk', externalId: 'wall_comment:-1_2_3' }).url).toMatch(
      /^https:\/\/vk\.com\//,
    );
    expect(
      toSample({ ...base, platform: 'telegram', externalId: '-1001234:55', chatUsername: 'acme_chat' }).url,
    ).toBe('https://t.me/acme_chat/55');
    expect(toSample({ ...base, platform: 'telegram', externalId: '42:55' }).url).toBeNull();
  });
});
