import { parseYouTubeKey } from './normalize';

/**
 * A YouTube comment's address: the video's page with `lc=<comment id>`, which YouTube opens with
 * that comment (a reply's id `<top-level>.<suffix>` too) highlighted at the top. The comment's
 * `snippet.videoId` is needed; without it (a channel-level comment) there is no address.
 */
export function youtubeItemUrl(externalId: string, videoId?: string | null): string | null {
  const comment = parseYouTubeKey(externalId);
  if (!comment || !/^[A-Za-z0-9._-]{1,200}$/.test(comment)) return null;
  if (!videoId || !/^[A-Za-z0-9_-]{6,20}$/.test(videoId)) return null;
  return `https://www.youtube.com/watch?v=${videoId}&lc=${comment}`;
}
