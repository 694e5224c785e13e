import { youtubeItemUrl } from './item-url';

describe('youtubeItemUrl', () => {
  it('links a comment and a reply to the video with the comment highlighted', () => {
    expect(youtubeItemUrl('yt_comment:UgzAbC123_-xyzAaABAg', 'dQw4w9WgXcQ')).toBe(
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgzAbC123_-xyzAaABAg',
    );
    expect(youtubeItemUrl('yt_comment:UgzAbC.8xYz_1', 'dQw4w9WgXcQ')).toBe(
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgzAbC.8xYz_1',
    );
  });

  it('has no address without the video, for threads and videos, or for ids that would bend the URL', () => {
    expect(youtubeItemUrl('yt_comment:UgzAbC', null)).toBeNull();
    expect(youtubeItemUrl('yt_thread:UgzAbC', 'dQw4w9WgXcQ')).toBeNull();
    expect(youtubeItemUrl('yt_comment:a&b=c', 'dQw4w9WgXcQ')).toBeNull();
    expect(youtubeItemUrl('yt_comment:UgzAbC', 'x?y#z/../..')).toBeNull();
  });
});
