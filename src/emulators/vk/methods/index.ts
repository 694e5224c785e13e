import { FaultAction } from '../../shared/faults';
import { VkApiError } from '../state';
import { boardMethods } from './board';
import { directoryMethods } from './directory';
import { mediaMethods } from './media';
import { messageMethods } from './messages';
import { CallCtx, MethodDef } from './types';
import { wallMethods } from './wall';

export const METHODS: Record<string, MethodDef> = {
  ...directoryMethods,
  ...wallMethods,
  ...boardMethods,
  ...messageMethods,
  ...mediaMethods,
};

/**
 * Checks the token kind and runs one method. `innerFault` lets an `api_error` rule fire on a call
 * inside `execute` too.
 */
export function invokeMethod(
  ctx: CallCtx,
  method: string,
  innerFault?: (m: string, p: Record<string, string>) => FaultAction | undefined,
): unknown {
  const def = METHODS[method];
  if (!def) throw new VkApiError(3, 'Unknown method passed');
  if (!def.kinds.includes(ctx.token.kind)) {
    if (ctx.token.kind === 'group')
      throw new VkApiError(27, 'Group authorization failed: method is unavailable with group auth.');
    if (ctx.token.kind === 'service')
      throw new VkApiError(28, 'Application authorization failed: method is unavailable with service token.');
    throw new VkApiError(15, 'Access denied: method is unavailable with user token');
  }
  const fault = innerFault?.(method, ctx.params);
  if (fault?.type === 'api_error') throw new VkApiError(fault.code, fault.msg ?? defaultMessage(fault.code));
  return def.handler(ctx);
}

export function defaultMessage(code: number): string {
  const messages: Record<number, string> = {
    5: 'User authorization failed: invalid access_token (4).',
    6: 'Too many requests per second',
    8: 'Invalid request: v (version) is required',
    9: 'Flood control',
    10: 'Internal server error',
    14: 'Captcha needed',
    15: 'Access denied',
    29: 'Rate limit reached',
    100: 'One of the parameters specified was missing or invalid',
    801: 'Comments for this video are closed',
    901: "Can't send messages for users without permission",
    1401: 'Comments for this market are closed',
  };
  return messages[code] ?? `Error ${code}`;
}
