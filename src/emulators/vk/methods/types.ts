import { TokenKind, VkApiError, VkState, VkToken } from '../state';

export interface CallCtx {
  state: VkState;
  token: VkToken;
  params: Record<string, string>;
  /** e.g. http://127.0.0.1:7001 — used for the Long Poll server address. */
  baseUrl: string;
}

export interface MethodDef {
  /** Token kinds VK accepts for this method (per VKCOM/vk-api-schema methods.json). */
  kinds: TokenKind[];
  handler(ctx: CallCtx): unknown;
}

export function int(params: Record<string, string>, name: string, fallback?: number): number {
  const raw = params[name];
  if (raw === undefined || raw === '') {
    if (fallback === undefined)
      throw new VkApiError(
        100,
        `One of the parameters specified was missing or invalid: ${name} is undefined`,
      );
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isFinite(value))
    throw new VkApiError(100, `One of the parameters specified was missing or invalid: ${name} not integer`);
  return Math.trunc(value);
}

export function str(params: Record<string, string>, name: string, required = false): string | undefined {
  const raw = params[name];
  if ((raw === undefined || raw === '') && required) {
    throw new VkApiError(100, `One of the parameters specified was missing or invalid: ${name} is undefined`);
  }
  return raw === '' ? undefined : raw;
}

export function clampCount(params: Record<string, string>, fallback: number, max: number): number {
  return Math.max(0, Math.min(int(params, 'count', fallback), max));
}

/** The community a group token acts for; errors like VK when a group_id names another one. */
export function tokenGroup(ctx: CallCtx): number {
  if (ctx.token.kind !== 'group' || ctx.token.groupId === undefined)
    throw new VkApiError(15, 'Access denied: group token required');
  return ctx.token.groupId;
}

export function sliceNewestFirst<T>(list: T[], offset: number, count: number): T[] {
  const rev = [...list].reverse();
  return rev.slice(offset, offset + count);
}
