/**
 * `execute` for the chain subset vk-io emits: `return [API.a.b({json}),API.c.d({json})];`
 * (also a single `return API.a.b({json});`). Anything else is error 12, as VK's compiler would say.
 * Inner failures become `false` slots plus `execute_errors`, in order.
 */
import { VkApiError } from '../state';
import { CallCtx } from './types';

export interface ChainCall {
  method: string;
  params: Record<string, string>;
}

const MAX_CALLS = 25;

export function parseExecuteChain(code: string): ChainCall[] {
  const src = code.trim().replace(/;\s*$/, '');
  if (!src.startsWith('return')) throw new VkApiError(12, 'Unable to compile code: expected return');
  let body = src.slice('return'.length).trim();
  const isList = body.startsWith('[');
  if (isList) {
    if (!body.endsWith(']')) throw new VkApiError(12, 'Unable to compile code: unterminated list');
    body = body.slice(1, -1).trim();
  }
  const calls: ChainCall[] = [];
  let i = 0;
  while (i < body.length) {
    const head = /^API\.([a-zA-Z]+\.[a-zA-Z]+)\(/.exec(body.slice(i));
    if (!head) throw new VkApiError(12, `Unable to compile code: unexpected token at ${i}`);
    i += head[0].length;
    let params: Record<string, string> = {};
    if (body[i] === '{') {
      const end = matchBrace(body, i);
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(body.slice(i, end + 1)) as Record<string, unknown>;
      } catch {
        throw new VkApiError(12, 'Unable to compile code: bad object literal');
      }
      params = Object.fromEntries(
        Object.entries(parsed).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]),
      );
      i = end + 1;
    }
    if (body[i] !== ')') throw new VkApiError(12, 'Unable to compile code: expected )');
    i += 1;
    calls.push({ method: head[1], params });
    while (body[i] === ' ') i += 1;
    if (body[i] === ',') i += 1;
    else if (i < body.length) throw new VkApiError(12, `Unable to compile code: expected , at ${i}`);
    while (body[i] === ' ') i += 1;
  }
  if (!isList && calls.length !== 1) throw new VkApiError(12, 'Unable to compile code');
  if (calls.length > MAX_CALLS)
    throw new VkApiError(13, 'Runtime error occurred during code invocation: too many API calls');
  return calls;
}

/** Index of the `}` closing the `{` at `start`, skipping JSON strings. */
function matchBrace(s: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < s.length; i++) {
    const ch = s[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  throw new VkApiError(12, 'Unable to compile code: unbalanced braces');
}

export type Invoke = (ctx: CallCtx, method: string) => unknown;

/** Runs a parsed chain; the result is the whole body (`response` + `execute_errors`), not just `response`. */
export function runExecute(ctx: CallCtx, invoke: Invoke): { response: unknown; execute_errors?: unknown[] } {
  const calls = parseExecuteChain(ctx.params.code ?? '');
  const errors: Array<{ method: string; error_code: number; error_msg: string }> = [];
  const results = calls.map((call) => {
    try {
      return invoke({ ...ctx, params: { ...call.params, v: ctx.params.v } }, call.method);
    } catch (err) {
      if (!(err instanceof VkApiError)) throw err;
      errors.push({ method: call.method, error_code: err.code, error_msg: err.msg });
      return false;
    }
  });
  const single = !/^\s*return\s*\[/.test(ctx.params.code ?? '');
  return { response: single ? results[0] : results, ...(errors.length ? { execute_errors: errors } : {}) };
}
