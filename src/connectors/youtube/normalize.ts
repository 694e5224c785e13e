/**
 * YouTube comments → NormalizedItem. A comment's id is global and stable, so the key is the same
 * whether it came from a thread list, a thread's embedded replies or comments.list. A thread is
 * its top-level comment (one conversation per author per thread); replies point at it.
 */
import { NormalizedItem } from '../connector';

type Obj = Record<string, any>;

export const ytIds = {
  comment: (id: string) => `yt_comment:${id}`,
  thread: (topLevelId: string) => `yt_thread:${topLevelId}`,
  video: (videoId: string) => `yt_video:${videoId}`,
};

/** The top-level comment a comment belongs to: a reply's id is `<top-level id>.<suffix>`. */
export function topLevelIdOf(commentId: string): string {
  const dot = commentId.indexOf('.');
  return dot > 0 ? commentId.slice(0, dot) : commentId;
}

export function parseYouTubeKey(externalId: string): string | undefined {
  return externalId.startsWith('yt_comment:') ? externalId.slice('yt_comment:'.length) : undefined;
}

export interface YtNormalizeContext {
  channelId: string;
  includeBrand: boolean;
}

/** One comment resource (`youtube#comment`); null for the channel's own unless includeBrand. */
export function commentItem(ctx: YtNormalizeContext, c: Obj): NormalizedItem | null {
  const s = c.snippet ?? {};
  const authorId = String(s.authorChannelId?.value ?? '');
  const isBrand = authorId !== '' && authorId === ctx.channelId;
  if (isBrand && !ctx.includeBrand) return null;
  const id = String(c.id);
  const topLevel = s.parentId ? String(s.parentId) : topLevelIdOf(id);
  const publishedAt = new Date(s.publishedAt);
  const updatedAt = s.updatedAt ? new Date(s.updatedAt) : publishedAt;
  const text = typeof s.textOriginal === 'string' ? s.textOriginal : String(s.textDisplay ?? '');
  return {
    externalId: ytIds.comment(id),
    kind: 'comment',
    ...(topLevel !== id
      ? { parentExternalId: ytIds.comment(topLevel) }
      : s.videoId
        ? { parentExternalId: ytIds.video(String(s.videoId)) }
        : {}),
    threadExternalId: ytIds.thread(topLevel),
    author: {
      externalId: authorId || `yt:${String(s.authorDisplayName ?? 'unknown')}`,
      ...(s.authorDisplayName ? { name: String(s.authorDisplayName) } : {}),
      ...(isBrand ? { isBrand: true } : {}),
    },
    text,
    createdAt: publishedAt,
    // An edit moves updatedAt; the same edit read again is the same editedAt (a no-op in ingest).
    ...(updatedAt.getTime() > publishedAt.getTime() ? { editedAt: updatedAt } : {}),
    raw: c,
  };
}
