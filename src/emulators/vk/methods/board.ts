/** board.getTopics, board.getComments, board.createComment. */
import { VkApiError } from '../state';
import { MethodDef, clampCount, int, str } from './types';

export const boardMethods: Record<string, MethodDef> = {
  'board.getTopics': {
    kinds: ['user', 'service'],
    handler(ctx) {
      const groupId = int(ctx.params, 'group_id');
      const topics = [...ctx.state.topics.values()]
        .filter((t) => t.group_id === groupId)
        .sort((a, b) => b.updated - a.updated);
      const offset = int(ctx.params, 'offset', 0);
      const items = topics.slice(offset, offset + clampCount(ctx.params, 40, 100)).map((t) => {
        const comments = ctx.state.boardComments.get(`${groupId}_${t.id}`) ?? [];
        return {
          id: t.id,
          title: t.title,
          created: t.created,
          created_by: comments[0]?.from_id ?? -groupId,
          updated: t.updated,
          updated_by: comments[comments.length - 1]?.from_id ?? -groupId,
          is_closed: 0,
          is_fixed: 0,
          comments: comments.length,
        };
      });
      return { count: topics.length, items, default_order: 1, can_add_topics: 0 };
    },
  },
  'board.getComments': {
    kinds: ['user', 'service'],
    handler(ctx) {
      const groupId = int(ctx.params, 'group_id');
      const topicId = int(ctx.params, 'topic_id');
      const list = ctx.state.boardComments.get(`${groupId}_${topicId}`);
      if (!list)
        throw new VkApiError(
          100,
          'One of the parameters specified was missing or invalid: topic_id is invalid',
        );
      const start = int(ctx.params, 'start_comment_id', 0);
      const from = start ? list.filter((c) => c.id >= start) : list;
      const ordered = str(ctx.params, 'sort') === 'desc' ? [...from].reverse() : from;
      const offset = int(ctx.params, 'offset', 0);
      const items = ordered
        .slice(offset, offset + clampCount(ctx.params, 20, 100))
        .map(({ group_id: _g, topic_id: _t, ...c }) => c);
      return { count: list.length, real_offset: list.length - from.length + offset, items };
    },
  },
  'board.createComment': {
    kinds: ['user'],
    handler(ctx) {
      const groupId = int(ctx.params, 'group_id');
      const topicId = int(ctx.params, 'topic_id');
      const message = str(ctx.params, 'message', true) as string;
      const guid = str(ctx.params, 'guid');
      const idemKey = guid ? `board${groupId}_${topicId}:${guid}` : undefined;
      const original = idemKey ? ctx.state.guidResult(idemKey) : undefined;
      if (original !== undefined) return original;
      if (!ctx.state.topics.has(`${groupId}_${topicId}`)) throw new VkApiError(100, 'topic_id is invalid');
      const fromGroup = int(ctx.params, 'from_group', 0) === 1;
      if (fromGroup && !ctx.state.mayActFor(ctx.token.userId, groupId))
        throw new VkApiError(15, 'Access denied: you are not an administrator of this community');
      const fromId = fromGroup ? -groupId : (ctx.token.userId as number);
      const comment = ctx.state.addBoardComment({ groupId, topicId, fromId, text: message });
      if (idemKey) ctx.state.rememberGuid(idemKey, comment.id);
      ctx.state.recordWrite('board.createComment', ctx.token, ctx.params, comment.id);
      return comment.id;
    },
  },
};
