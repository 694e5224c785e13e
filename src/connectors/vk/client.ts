/**
 * One vk-io client per token, with what vk-io lacks for a service: an http(s) agent chosen by the
 * base URL (vk-io defaults to https.globalAgent, which fails on http://), a deadline over vk-io's
 * endless error-6 retry (a cancelled request is dropped from vk-io's queue), error mapping, and
 * `execute` batching of up to 25 calls per request.
 */
import http from 'node:http';
import https from 'node:https';
import { APIRequest, VK } from 'vk-io';
import { ConnectorError } from '../connector';
import { mapVkError } from './errors';

export interface VkClientOptions {
  token: string;
  apiBaseUrl: string;
  /** Requests per second vk-io spaces calls to (VK: 20 for a community, 3 for a user token). */
  apiLimit: number;
  apiTimeoutMs: number;
  /** Pause between vk-io's retries of network errors / non-JSON answers. */
  apiWaitMs: number;
  apiRetryLimit: number;
  /** Service-level deadline per call, on top of vk-io's own retries. */
  deadlineMs: number;
  pollingGroupId?: number;
  pollingWaitMs?: number;
}

export interface ChainCall {
  method: string;
  params: Record<string, unknown>;
}

export type ChainResult<T = any> = { ok: true; value: T } | { ok: false; error: ConnectorError };

const EXECUTE_LIMIT = 25;

export class VkClient {
  readonly vk: VK;
  private readonly agent: http.Agent;
  private last6At = 0;
  /** Number of HTTP API calls issued (execute counts once), for the catch-up benchmark. */
  calls = 0;

  constructor(private readonly options: VkClientOptions) {
    const isHttp = options.apiBaseUrl.startsWith('http://');
    this.agent = isHttp ? new http.Agent({ keepAlive: true }) : new https.Agent({ keepAlive: true });
    this.vk = new VK({
      token: options.token,
      apiBaseUrl: options.apiBaseUrl,
      agent: this.agent as https.Agent,
      apiLimit: options.apiLimit,
      apiMode: 'sequential',
      apiTimeout: options.apiTimeoutMs,
      apiWait: options.apiWaitMs,
      apiRetryLimit: options.apiRetryLimit,
      ...(options.pollingGroupId !== undefined ? { pollingGroupId: options.pollingGroupId } : {}),
      pollingWait: options.pollingWaitMs ?? 3000,
    });
    // vk-io retries error 6 silently; remember when we saw one, to tell a deadline caused by
    // throttling (rate_limited) from one caused by a dead server (temporary).
    const worker = (
      this.vk.api as unknown as { worker: { handleError(req: unknown, err: { code?: unknown }): unknown } }
    ).worker;
    const original = worker.handleError.bind(worker);
    worker.handleError = (req, err) => {
      if (err?.code === 6) this.last6At = Date.now();
      return original(req, err);
    };
  }

  get api() {
    return this.vk.api;
  }

  /** One API call through vk-io's queue, under the deadline; failures come out as ConnectorError. */
  async call<T = any>(
    method: string,
    params: Record<string, unknown> = {},
    deadlineMs = this.options.deadlineMs,
  ): Promise<T> {
    const request = new APIRequest({ api: this.vk.api, method, params });
    const pending = this.vk.api.callWithRequest<T>(request);
    this.calls += 1;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(DEADLINE), deadlineMs);
    });
    try {
      return await Promise.race([pending, deadline]);
    } catch (err) {
      if (err !== DEADLINE) throw mapVkError(err, method);
      this.cancel(request, pending);
      const throttled = Date.now() - this.last6At < deadlineMs;
      throw new ConnectorError(
        throttled ? 'rate_limited' : 'temporary',
        `${method}: no answer within the ${deadlineMs} ms deadline${throttled ? ' (VK keeps answering error 6)' : ''}`,
        throttled ? 1133 : undefined,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Runs calls in `execute` batches of ≤ 25 (one request each, so one rate-limit slot).
   * Results keep the order of `calls`; a failed inner call is `{ok:false}` and the rest still count.
   */
  async chain<T = any>(calls: ChainCall[]): Promise<ChainResult<T>[]> {
    const batches: ChainCall[][] = [];
    for (let i = 0; i < calls.length; i += EXECUTE_LIMIT) batches.push(calls.slice(i, i + EXECUTE_LIMIT));
    const results = await Promise.all(batches.map((batch) => this.runBatch<T>(batch)));
    return results.flat();
  }

  private async runBatch<T>(batch: ChainCall[]): Promise<ChainResult<T>[]> {
    const code = `return [${batch.map((c) => `API.${c.method}(${JSON.stringify(flatParams(c.params))})`).join(',')}];`;
    const out = await this.call<{ response: unknown[]; errors: unknown[] }>('execute', { code });
    let failures = 0;
    return batch.map((call, i) => {
      const value = out.response?.[i];
      if (value !== false && value !== undefined) return { ok: true, value: value as T };
      const error = out.errors[failures++];
      return { ok: false, error: mapVkError(error ?? new Error('execute returned no result'), call.method) };
    });
  }

  private cancel(request: APIRequest, pending: Promise<unknown>): void {
    pending.catch(() => undefined);
    const worker = (this.vk.api as unknown as { worker: { queue: APIRequest[] } }).worker;
    const at = worker.queue.indexOf(request);
    if (at >= 0) worker.queue.splice(at, 1);
    // If vk-io still holds it (waiting out an error 6), the next attempt ends locally.
    (request as unknown as { make: () => Promise<unknown> }).make = async () => ({ response: null });
  }

  async close(): Promise<void> {
    await this.vk.updates.stop().catch(() => undefined);
    this.agent.destroy();
  }
}

const DEADLINE = Symbol('deadline');

/** execute takes JSON literals; arrays go as comma lists, like vk-io's own encoding. */
function flatParams(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params))
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(',') : v;
  return out;
}
