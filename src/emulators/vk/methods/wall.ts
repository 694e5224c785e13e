/** wall.get, wall.getById, wall.getComments, wall.createComment, newsfeed.search. */
import { VkApiError, VkComment, VkPost } from '../state';
import { CallCtx, MethodDef, clampCount, int, sliceNewestFirst, str } from './types';

function postView(ctx: CallCtx, post: VkPost) {
  const comments = ctx.state.comments.get(`${post.owner_id}_${post.id}`) ?? [];
  return { ...post, comments: { count: comments.length, can_post: 1 } };
}

function profilesOf(ctx: CallCtx, fromIds: number[]) {
  const ids = [...new Set(fromIds.filter((id) => id > 0))];
  return ids.map((id) => ctx.state.user(id));
}

export const wallMethods: Record<string, MethodDef> = {
  'wall.get': {
    kinds: ['user', 'service'],
    handler(ctx) {
      const ownerId = int(ctx.params, 'owner_id');
      const filter = str(ctx.params, 'filter') ?? 'all';
      const all = [...ctx.state.posts.values()].filter(
        (p) =>
          p.owner_id === ownerId &&
          (filter === 'all' ||
            (filter === 'owner'
              ? p.from_id === ownerId
              : filter === 'others'
                ? p.from_id !== ownerId
                : true)),
      );
      const items = sliceNewestFirst(all, int(ctx.params, 'offset', 0), clampCount(ctx.params, 20, 100));
      return { count: all.length, items: items.map((p) => postView(ctx, p)) };
    },
  },
  'wall.getById': {
    kinds: ['user', 'service'],
    handler(ctx) {
      const keys = (str(ctx.params, 'posts', true) as string).split(',').map((s) => s.trim());
      const items = keys.map((k) => ctx.state.posts.get(k)).filter((p): p is VkPost => !!p);
      return { items: items.map((p) => postView(ctx, p)), profiles: [], groups: [] };
    },
  },
  'wall.getComments': {
    kinds: ['user', 'service'],
    handler(ctx) {
      const ownerId = int(ctx.params, 'owner_id');
      const postId = int(ctx.params, 'post_id');
      const list = ctx.state.comments.get(`${ownerId}_${postId}`);
      if (!list)
        throw new VkApiError(
          100,
          'One of the parameters specified was missing or invalid: post_id is invalid',
        );
      const commentId = int(ctx.params, 'comment_id', 0);
      // Top level, or the replies of one comment when comment_id is given (as VK does).
      const level = list.filter((c) =>
        commentId ? c.parents_stack[0] === commentId : c.parents_stack.length === 0,
      );
      const start = int(ctx.params, 'start_comment_id', 0);
      const sort = str(ctx.params, 'sort') ?? 'asc';
      const from = start ? level.filter((c) => c.id >= start) : level;
      const ordered = sort === 'desc' ? [...from].reverse() : from;
      const offset = int(ctx.params, 'offset', 0);
      const page = ordered.slice(offset, offset + clampCount(ctx.params, 10, 100));
      const threadCount = Math.min(int(ctx.params, 'thread_items_count', 0), 10);
      const items = page.map((c) => {
        const replies = commentId ? [] : list.filter((r) => r.parents_stack[0] === c.id);
        return { ...c, thread: { count: replies.length, items: replies.slice(0, threadCount) } };
      });
      const result: Record<string, unknown> = {
        count: level.length,
        current_level_count: level.length,
        can_post: true,
        show_reply_button: true,
        items,
      };
      if (str(ctx.params, 'extended') === '1') {
        result.profiles = profilesOf(
          ctx,
          items.flatMap((c) => [c.from_id, ...c.thread.items.map((r: VkComment) => r.from_id)]),
        );
        result.groups = [];
      }
      return result;
    },
  },
  'wall.createComment': {
    kinds: ['user', 'group'],
    handler(ctx) {
      const ownerId = int(ctx.params, 'owner_id');
      const postId = int(ctx.params, 'post_id');
      const fromGroup = int(ctx.params, 'from_group', 0);
      if (ctx.token.kind === 'group' && fromGroup && fromGroup !== ctx.token.groupId) {
        throw new VkApiError(15, 'Access denied: from_group is not the token community');
      }
      const message = str(ctx.params, 'message');
      if (!message)
        throw new VkApiError(
          100,
          'One of the parameters specified was missing or invalid: message is undefined',
        );
      const guid = str(ctx.params, 'guid');
      const idemKey = guid ? `${ownerId}_${postId}:${guid}` : undefined;
      if (idemKey) {
        const original = ctx.state.guidResult(idemKey);
        if (original) return original; // VK's answer to a repeated guid is undocumented: return the original
      }
      const fromId =
        ctx.token.kind === 'group'
          ? -(ctx.token.groupId as number)
          : fromGroup
            ? -fromGroup
            : (ctx.token.userId as number);
      const comment = ctx.state.addComment({
        ownerId,
        postId,
        fromId,
        text: message,
        replyToComment: int(ctx.params, 'reply_to_comment', 0) || undefined,
      });
      const result = { comment_id: comment.id, parents_stack: comment.parents_stack };
      if (idemKey) ctx.state.rememberGuid(idemKey, result);
      ctx.state.recordWrite('wall.createComment', ctx.token, ctx.params, result);
      return result;
    },
  },
  'newsfeed.search': {
    kinds: ['user', 'service'],
    handler(ctx) {
      const q = (str(ctx.params, 'q') ?? '').toLowerCase();
      const startTime = int(ctx.params, 'start_time', 0);
      const endTime = int(ctx.params, 'end_time', Number.MAX_SAFE_INTEGER);
      const matches = [...ctx.state.posts.values()]
        .filter((p) => p.date >= startTime && p.date <= endTime && (!q || p.text.toLowerCase().includes(q)))
        .sort((a, b) => b.date - a.date || b.id - a.id);
      const offset = Number((str(ctx.params, 'start_from') ?? '0').split('/')[0]) || 0;
      const count = clampCount(ctx.params, 30, 200);
      const items = matches.slice(offset, offset + count).map((p) => postView(ctx, p));
      const next = offset + items.length;
      return {
        items,
        count: items.length,
        total_count: matches.length,
        ...(next < matches.length ? { next_from: `${next}/0` } : {}),
      };
    },
  },
};
