import { FaultBook } from '../shared/faults';
import { TelegramState } from './state';
import { BotState, TgApiError, TgUpdate } from './types';

export interface HubOptions {
  maxHoldMs: number;
  webhookTimeoutMs: number;
  redeliveryMs: number;
}

/** Runs a Bot API call on behalf of a webhook response body `{"method": ...}`. */
export type MethodRunner = (
  bot: BotState,
  method: string,
  params: Record<string, unknown>,
) => Promise<unknown>;

interface Waiter {
  wake: () => void;
  conflict: () => void;
}

/**
 * Hands updates to bots: getUpdates with long-poll holds and the one-poller rule, or webhook
 * delivery with redelivery until the receiver answers 2xx.
 */
export class UpdateHub {
  private waiters = new Map<string, Waiter>();
  private delivering = new Set<string>();
  private inflight = new Set<AbortController>();
  private stopped = false;
  runMethod: MethodRunner = async () => undefined;

  constructor(
    private readonly state: TelegramState,
    private readonly faults: FaultBook,
    private readonly opts: HubOptions,
  ) {}

  /** Called by the state for every new update. */
  notify(bot: BotState): void {
    this.waiters.get(bot.token)?.wake();
    this.kickWebhook(bot);
  }

  async getUpdates(bot: BotState, params: Record<string, unknown>, onClose: (cb: () => void) => void) {
    if (bot.webhook) {
      throw new TgApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    // A second poller terminates the first one, as on Telegram.
    this.waiters.get(bot.token)?.conflict();

    const allowed = parseList(params.allowed_updates);
    if (allowed) bot.allowedUpdates = allowed;
    const offset = params.offset === undefined ? 0 : Number(params.offset);
    if (offset !== 0) {
      const wouldConfirm = offset < 0 || bot.queue.some((q) => q.update.update_id < offset);
      // ignore_ack / duplicate: the server "forgets" the confirmation once, so the batch comes back.
      const keep = wouldConfirm && this.faults.take('getUpdates', params, ['ignore_ack', 'duplicate']);
      if (!keep) this.state.confirm(bot, offset);
    }
    this.state.expire(bot);
    const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100) || 100));
    const take = (): TgUpdate[] => bot.queue.slice(0, limit).map((q) => q.update);
    if (bot.queue.length) return take();

    const holdMs = Math.min(Math.max(0, Number(params.timeout ?? 0)) * 1000, this.opts.maxHoldMs);
    if (holdMs <= 0 || this.stopped) return [];
    return new Promise<TgUpdate[]>((resolve, reject) => {
      const finish = (fn: () => void) => {
        clearTimeout(timer);
        if (this.waiters.get(bot.token) === waiter) this.waiters.delete(bot.token);
        fn();
      };
      const waiter: Waiter = {
        wake: () => finish(() => resolve(take())),
        conflict: () =>
          finish(() =>
            reject(
              new TgApiError(
                409,
                'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
              ),
            ),
          ),
      };
      const timer = setTimeout(() => waiter.wake(), holdMs);
      this.waiters.set(bot.token, waiter);
      onClose(() => finish(() => resolve([])));
    });
  }

  kickWebhook(bot: BotState): void {
    if (!bot.webhook || this.delivering.has(bot.token) || this.stopped || !bot.queue.length) return;
    this.delivering.add(bot.token);
    const done = () => {
      this.delivering.delete(bot.token);
      // Updates may have arrived while the loop was ending.
      if (bot.webhook && bot.queue.length && this.state.bots.get(bot.token) === bot) this.kickWebhook(bot);
    };
    // In demo mode the emulator shares the app's process: a failed loop must not be a stray rejection.
    this.deliver(bot).then(done, done);
  }

  /** One update at a time, oldest first; non-2xx or timeout → the same update again later. */
  private async deliver(bot: BotState): Promise<void> {
    while (!this.stopped && bot.webhook && bot.queue.length && this.state.bots.get(bot.token) === bot) {
      this.state.expire(bot);
      const head = bot.queue[0];
      if (!head) break;
      const ok = await this.post(bot, head.update);
      if (ok) {
        if (this.faults.take('webhook', {}, ['duplicate'])) await this.post(bot, head.update);
        bot.queue = bot.queue.filter((q) => q !== head);
      } else {
        await sleep(this.opts.redeliveryMs);
      }
    }
  }

  private async post(bot: BotState, update: TgUpdate): Promise<boolean> {
    const hook = bot.webhook;
    if (!hook) return false;
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), this.opts.webhookTimeoutMs);
    this.inflight.add(ac);
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (hook.secretToken) headers['x-telegram-bot-api-secret-token'] = hook.secretToken;
      const res = await fetch(hook.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(update),
        signal: ac.signal,
      });
      const text = await res.text();
      if (res.status < 200 || res.status >= 300) {
        bot.lastError = {
          date: this.state.unix(),
          message: `Wrong response from the webhook: ${res.status}`,
        };
        return false;
      }
      await this.runReplyMethod(bot, text);
      return true;
    } catch (err) {
      bot.lastError = { date: this.state.unix(), message: `Connection failed: ${(err as Error).message}` };
      return false;
    } finally {
      clearTimeout(timer);
      this.inflight.delete(ac);
    }
  }

  /** A webhook answer `{"method": "...", ...}` is executed as an API call (errors are ignored, as on Telegram). */
  private async runReplyMethod(bot: BotState, text: string): Promise<void> {
    if (!text) return;
    try {
      const body = JSON.parse(text);
      if (body && typeof body.method === 'string') {
        const { method, ...params } = body;
        await this.runMethod(bot, method, params);
      }
    } catch {
      /* not a method call */
    }
  }

  /** Releases every held poll (used by reset and stop). */
  releaseAll(): void {
    for (const w of [...this.waiters.values()]) w.wake();
  }

  stop(): void {
    this.stopped = true;
    this.releaseAll();
    for (const ac of this.inflight) ac.abort();
  }
}

export function parseList(v: unknown): string[] | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') {
    try {
      const parsed = JSON.parse(v);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      return v.split(',').filter(Boolean);
    }
  }
  return undefined;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
