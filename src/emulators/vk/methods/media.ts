/**
 * Photos, videos and products and their comments: photos.getAll / getComments / createComment,
 * video.get / getComments / createComment, market.get / getComments / createComment. All of them
 * take a user token only (VKCOM/vk-api-schema: access_token_type ["user"]); commenting as the
 * community (`from_group`) needs a user who administers it, and the token's access right.
 */
import { MediaKind, VkApiError, VkMediaComment, VkMediaObject, VkState } from '../state';
import { CallCtx, MethodDef, clampCount, int, str } from './types';

const SCOPE: Record<MediaKind, string> = { photo: 'photos', video: 'video', market: 'market' };
const OBJECT_PARAM: Record<MediaKind, string> = { photo: 'photo_id', video: 'video_id', market: 'item_id' };

/** A missing access right answers 15 like VK: "Access denied: no access to call this method". */
export function requireScope(ctx: CallCtx, scope: string): void {
  if (ctx.token.scope && !ctx.token.scope.includes(scope))
    throw new VkApiError(15, 'Access denied: no access to call this method');
}

function objectOf(ctx: CallCtx, kind: MediaKind): VkMediaObject {
  const ownerId = int(ctx.params, 'owner_id');
  const id = int(ctx.params, OBJECT_PARAM[kind]);
  const object = ctx.state.findMedia(kind, ownerId, id);
  if (!object) {
    if (kind === 'video') throw new VkApiError(204, 'Access denied');
    if (kind === 'market') throw new VkApiError(1403, 'Item not found');
    throw new VkApiError(100, `One of the parameters specified was missing or invalid: photo_id is invalid`);
  }
  if (object.commentsClosed) {
    if (kind === 'video') throw new VkApiError(801, 'Comments for this video are closed');
    if (kind === 'market') throw new VkApiError(1401, 'Comments for this market are closed');
    throw new VkApiError(15, 'Access denied: comments are closed');
  }
  return object;
}

function listObjects(ctx: CallCtx, kind: MediaKind, max: number) {
  const ownerId = int(ctx.params, 'owner_id');
  const all = [...ctx.state.media.values()]
    .filter((m) => m.kind === kind && m.owner_id === ownerId)
    .sort((a, b) => b.id - a.id);
  const offset = int(ctx.params, 'offset', 0);
  return { all, page: all.slice(offset, offset + clampCount(ctx.params, 20, max)) };
}

function profilesOf(state: VkState, comments: VkMediaComment[]) {
  return [...new Set(comments.map((c) => c.from_id).filter((id) => id > 0))].map((id) => state.user(id));
}

/** getComments of one object. Photos and products are flat lists; videos thread like the wall. */
function getComments(ctx: CallCtx, kind: MediaKind) {
  requireScope(ctx, SCOPE[kind]);
  const object = objectOf(ctx, kind);
  const list = ctx.state.commentsOf(object);
  const threaded = kind === 'video';
  const commentId = threaded ? int(ctx.params, 'comment_id', 0) : 0;
  const level = threaded
    ? list.filter((c) => (commentId ? c.parents_stack[0] === commentId : c.parents_stack.length === 0))
    : list;
  const start = int(ctx.params, 'start_comment_id', 0);
  const from = start ? level.filter((c) => c.id >= start) : level;
  const ordered = str(ctx.params, 'sort') === 'desc' ? [...from].reverse() : from;
  const offset = int(ctx.params, 'offset', 0);
  const page = ordered.slice(offset, offset + clampCount(ctx.params, 20, 100));
  const threadCount = Math.min(int(ctx.params, 'thread_items_count', 0), 10);
  const items = page.map((c) => {
    const base = { ...c, ...(kind === 'photo' ? { pid: object.id } : {}) };
    if (!threaded || commentId) return base;
    const replies = list.filter((r) => r.parents_stack[0] === c.id);
    return { ...base, thread: { count: replies.length, items: replies.slice(0, threadCount) } };
  });
  const result: Record<string, unknown> = {
    count: level.length,
    ...(kind === 'photo' ? { real_offset: level.length - from.length + offset } : {}),
    ...(threaded
      ? { current_level_count: level.length, can_post: true, show_reply_button: true, groups_can_post: true }
      : {}),
    items,
  };
  if (str(ctx.params, 'extended') === '1') {
    result.profiles = profilesOf(ctx.state, [
      ...page,
      ...items.flatMap((c) => (c as { thread?: { items: VkMediaComment[] } }).thread?.items ?? []),
    ]);
    result.groups = [];
  }
  return result;
}

/** createComment: from the community with `from_group=1` (its administrators only), `guid` dedupes. */
function createComment(ctx: CallCtx, kind: MediaKind, method: string) {
  requireScope(ctx, SCOPE[kind]);
  const ownerId = int(ctx.params, 'owner_id');
  const objectId = int(ctx.params, OBJECT_PARAM[kind]);
  const message = str(ctx.params, 'message');
  if (!message)
    throw new VkApiError(100, 'One of the parameters specified was missing or invalid: message is undefined');
  const guid = str(ctx.params, 'guid');
  const idemKey = guid ? `${method}:${ownerId}_${objectId}:${guid}` : undefined;
  const original = idemKey ? ctx.state.guidResult(idemKey) : undefined;
  if (original !== undefined) return original; // a repeated guid: the original comment's id
  objectOf(ctx, kind);
  const fromGroup = int(ctx.params, 'from_group', 0) === 1 && ownerId < 0;
  if (fromGroup && !ctx.state.mayActFor(ctx.token.userId, -ownerId))
    throw new VkApiError(15, 'Access denied: you are not an administrator of this community');
  const comment = ctx.state.addMediaComment({
    kind,
    ownerId,
    objectId,
    fromId: fromGroup ? ownerId : (ctx.token.userId as number),
    text: message,
    replyToComment: int(ctx.params, 'reply_to_comment', 0) || undefined,
  });
  if (idemKey) ctx.state.rememberGuid(idemKey, comment.id);
  ctx.state.recordWrite(method, ctx.token, ctx.params, comment.id);
  return comment.id;
}

export const mediaMethods: Record<string, MethodDef> = {
  'photos.getAll': {
    kinds: ['user'],
    handler(ctx) {
      requireScope(ctx, 'photos');
      const { all, page } = listObjects(ctx, 'photo', 200);
      const extended = str(ctx.params, 'extended') === '1';
      const items = page.map((p) => ({
        id: p.id,
        album_id: -7,
        owner_id: p.owner_id,
        date: p.date,
        text: p.title,
        sizes: [],
        has_tags: false,
        ...(extended
          ? {
              likes: { count: 0, user_likes: 0 },
              comments: { count: ctx.state.commentsOf(p).length },
              reposts: { count: 0 },
              can_comment: p.commentsClosed ? 0 : 1,
            }
          : {}),
      }));
      return {
        count: all.length,
        items,
        more: all.length > int(ctx.params, 'offset', 0) + items.length ? 1 : 0,
      };
    },
  },
  'photos.getComments': { kinds: ['user'], handler: (ctx) => getComments(ctx, 'photo') },
  'photos.createComment': {
    kinds: ['user'],
    handler: (ctx) => createComment(ctx, 'photo', 'photos.createComment'),
  },
  'video.get': {
    kinds: ['user'],
    handler(ctx) {
      requireScope(ctx, 'video');
      const { all, page } = listObjects(ctx, 'video', 200);
      const items = page.map((v) => ({
        id: v.id,
        owner_id: v.owner_id,
        title: v.title,
        description: '',
        duration: 60,
        date: v.date,
        comments: ctx.state.commentsOf(v).length,
        views: 0,
        can_comment: v.commentsClosed ? 0 : 1,
        image: [],
        type: 'video',
      }));
      return { count: all.length, items };
    },
  },
  'video.getComments': { kinds: ['user'], handler: (ctx) => getComments(ctx, 'video') },
  'video.createComment': {
    kinds: ['user'],
    handler: (ctx) => createComment(ctx, 'video', 'video.createComment'),
  },
  'market.get': {
    kinds: ['user'],
    handler(ctx) {
      requireScope(ctx, 'market');
      const { all, page } = listObjects(ctx, 'market', 200);
      const items = page.map((m) => ({
        id: m.id,
        owner_id: m.owner_id,
        title: m.title,
        description: '',
        price: {
          amount: '100000',
          currency: { id: 643, name: 'RUB', title: 'Российский рубль' },
          text: '1 000 ₽',
        },
        category: { id: 1, name: 'Разное' },
        date: m.date,
        availability: 0,
        thumb_photo: 'https://sun9-1.userapi.com/impg/thumb.jpg',
      }));
      return { count: all.length, items };
    },
  },
  'market.getComments': { kinds: ['user'], handler: (ctx) => getComments(ctx, 'market') },
  'market.createComment': {
    kinds: ['user'],
    handler: (ctx) => createComment(ctx, 'market', 'market.createComment'),
  },
};
