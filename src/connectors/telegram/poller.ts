import type { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import { ConnectorError, Emit, ReceiveHooks } from '../connector';
import { toConnectorError } from './errors';
import { DiscussionThreads, mapUpdate } from './mapping';

/**
 * getUpdates long polling, driven here rather than by `bot.launch()`.
 *
 * Why not telegraf's Polling (node_modules/telegraf/lib/core/network/polling.js, 4.16.3):
 * - it advances its in-memory offset as soon as a batch is *fetched*; if a handler throws, the
 *   error ends `loop()`, whose `finally` sends `getUpdates {offset: last+1, limit: 1}` and so
 *   confirms the batch that failed (gotcha 4) — the update is lost;
 * - its offset lives in memory only and starts at 0, so a restart cannot resume from our stored
 *   cursor, and `launch()` resolves only when polling ends.
 * Here the offset is the stored cursor: the next getUpdates carries `last+1` only after `emit()`
 * (the durable ingest) resolved, and a failing emit is retried with backoff while the update stays
 * unconfirmed on the server. The wire client is still telegraf's `Telegram` (`callApi`).
 */
export interface PollerOptions {
  offset: number;
  timeoutSec: number;
  allowedUpdates: string[];
  retryBaseMs: number;
  retryMaxMs: number;
}

export class TelegramPoller {
  private stopped = false;
  private readonly stopController = new AbortController();
  private loopDone: Promise<void> = Promise.resolve();
  offset: number;

  constructor(
    private readonly telegram: Telegram,
    private readonly emit: Emit,
    private readonly threads: DiscussionThreads,
    private readonly opts: PollerOptions,
    private readonly hooks: ReceiveHooks = {},
  ) {
    this.offset = opts.offset;
  }

  start(): void {
    // The loop settles platform and ingest failures itself. Anything else (a bug, an update shaped
    // in a way mapping does not expect) stops this receiver and is reported, never left as a
    // rejection nobody handles until stop(): that would end the whole process.
    this.loopDone = this.loop().catch((err: unknown) => {
      this.stopped = true;
      this.hooks.onStopped?.(
        new ConnectorError(
          'temporary',
          `Telegram receiver stopped: ${(err as Error)?.message ?? String(err)}`,
          undefined,
          err,
        ),
      );
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopController.abort();
    await this.loopDone;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const startedAt = Date.now();
      let updates: Update[];
      try {
        updates = await this.getUpdates();
        if (failures) this.hooks.onHealthy?.();
        failures = 0;
      } catch (err) {
        if (this.stopped) break;
        const error = toConnectorError(err, 'read');
        // 401: the token is gone; 409: another poller or a webhook took over. Both need a person.
        if (error.code === 'auth_revoked' || error.code === 'configuration') {
          this.hooks.onStopped?.(error);
          this.stopped = true;
          break;
        }
        this.hooks.onError?.(error);
        await this.sleep(error.retryAfterMs ?? this.backoff(failures++));
        continue;
      }
      if (!updates.length) {
        // A server that ignores `timeout` must not turn this into a busy loop.
        if (Date.now() - startedAt < 100) await this.sleep(1000);
        continue;
      }
      const next = updates[updates.length - 1].update_id + 1;
      if (!(await this.store(updates, next))) break; // stopped: the batch stays unconfirmed
      this.offset = next;
    }
  }

  /** Emits the batch with the offset that confirms it; retries until stored or stopped. */
  private async store(updates: Update[], next: number): Promise<boolean> {
    const items = updates.flatMap((u) => mapUpdate(u as Record<string, any>, this.threads));
    const threads = this.threads.takeCursor();
    const cursors: Record<string, unknown> = { updates: { offset: next } };
    if (threads) cursors.discussionThreads = threads;
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.emit({ items, cursors });
        return true;
      } catch (err) {
        const error =
          err instanceof ConnectorError
            ? err
            : new ConnectorError('temporary', `ingest failed: ${String(err)}`, undefined, err);
        this.hooks.onError?.(error);
        await this.sleep(this.backoff(attempt));
      }
    }
    return false;
  }

  private async getUpdates(): Promise<Update[]> {
    // Our own deadline on top of the server's hold, in case the connection silently dies.
    const ac = new AbortController();
    const onStop = () => ac.abort();
    this.stopController.signal.addEventListener('abort', onStop);
    const timer = setTimeout(() => ac.abort(), (this.opts.timeoutSec + 15) * 1000);
    try {
      return await this.telegram.callApi(
        'getUpdates',
        {
          offset: this.offset,
          timeout: this.opts.timeoutSec,
          allowed_updates: this.opts.allowedUpdates as any,
        },
        { signal: ac.signal as any },
      );
    } finally {
      clearTimeout(timer);
      this.stopController.signal.removeEventListener('abort', onStop);
    }
  }

  private backoff(attempt: number): number {
    return Math.min(this.opts.retryMaxMs, this.opts.retryBaseMs * 2 ** attempt);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped) return resolve();
      const done = () => {
        clearTimeout(timer);
        this.stopController.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.stopController.signal.addEventListener('abort', done);
    });
  }
}
