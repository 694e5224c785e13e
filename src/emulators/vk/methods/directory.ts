/** groups.getById, groups.getLongPollServer, users.get. */
import { VkApiError } from '../state';
import { CallCtx, MethodDef, int, str } from './types';

function idList(raw: string | undefined): string[] {
  return raw
    ? raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

export const directoryMethods: Record<string, MethodDef> = {
  'groups.getById': {
    kinds: ['user', 'group', 'service'],
    handler(ctx: CallCtx) {
      const ids = [...idList(str(ctx.params, 'group_ids')), ...idList(str(ctx.params, 'group_id'))];
      if (ids.length === 0) {
        if (ctx.token.kind !== 'group')
          throw new VkApiError(
            100,
            'One of the parameters specified was missing or invalid: group_ids is undefined',
          );
        ids.push(String(ctx.token.groupId));
      }
      const groups = ids.map((raw) => {
        const byId = ctx.state.communities.get(Number(raw));
        const found = byId ?? [...ctx.state.communities.values()].find((c) => c.screen_name === raw);
        if (!found)
          throw new VkApiError(
            100,
            'One of the parameters specified was missing or invalid: group_ids is invalid',
          );
        return found;
      });
      return { groups, profiles: [] };
    },
  },
  'groups.getLongPollServer': {
    kinds: ['user', 'group'],
    handler(ctx: CallCtx) {
      const groupId = int(ctx.params, 'group_id');
      if (ctx.token.kind === 'group' && ctx.token.groupId !== groupId)
        throw new VkApiError(15, 'Access denied: no access to this group');
      if (!ctx.state.communities.has(groupId))
        throw new VkApiError(100, 'One of the parameters specified was missing or invalid: group_id');
      return {
        key: ctx.state.issueLpKey(groupId),
        server: `${ctx.baseUrl}/lp/${groupId}`,
        ts: String(ctx.state.head(groupId)),
      };
    },
  },
  'users.get': {
    kinds: ['user', 'group', 'service'],
    handler(ctx: CallCtx) {
      const ids = idList(str(ctx.params, 'user_ids') ?? str(ctx.params, 'user_id'));
      if (ids.length === 0) {
        if (ctx.token.kind !== 'user') return [];
        ids.push(String(ctx.token.userId));
      }
      const fields = idList(str(ctx.params, 'fields'));
      return ids
        .map(Number)
        .filter((id) => Number.isFinite(id) && id > 0)
        .map((id) => {
          const { screen_name, ...user } = ctx.state.user(id);
          return {
            ...user,
            ...(fields.includes('screen_name') ? { screen_name: screen_name ?? `id${id}` } : {}),
            can_access_closed: true,
            is_closed: false,
          };
        });
    },
  },
};
