import { TgApiError, TgChat } from './types';

export interface LimitOptions {
  enabled: boolean;
  /** retry_after the 429 carries, in seconds (1 s in CI). */
  retryAfterSec: number;
}

/**
 * Telegram's documented sending limits (Bots FAQ): about 1 message/s per chat with short bursts
 * (bucket of 3), 20 messages/min per group, about 30 messages/s in total, per bot.
 */
export class SendLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  private groupWindows = new Map<string, number[]>();
  private totalWindows = new Map<number, number[]>();

  constructor(readonly opts: LimitOptions) {}

  reset(): void {
    this.buckets.clear();
    this.groupWindows.clear();
    this.totalWindows.clear();
  }

  /** Throws 429 when this send would exceed a limit; otherwise counts it. */
  take(botId: number, chat: TgChat, now: number): void {
    if (!this.opts.enabled) return;
    const key = `${botId}:${chat.id}`;
    const bucket = this.buckets.get(key) ?? { tokens: 3, at: now };
    bucket.tokens = Math.min(3, bucket.tokens + (now - bucket.at) / 1000);
    bucket.at = now;
    const group = chat.type === 'group' || chat.type === 'supergroup';
    const gWin = prune(this.groupWindows.get(key) ?? [], now - 60_000);
    const tWin = prune(this.totalWindows.get(botId) ?? [], now - 1000);
    if (bucket.tokens < 1 || (group && gWin.length >= 20) || tWin.length >= 30) {
      this.buckets.set(key, bucket);
      const s = this.opts.retryAfterSec;
      throw new TgApiError(429, `Too Many Requests: retry after ${s}`, { retry_after: s });
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (group) gWin.push(now);
    tWin.push(now);
    this.groupWindows.set(key, gWin);
    this.totalWindows.set(botId, tWin);
  }
}

function prune(win: number[], horizon: number): number[] {
  let i = 0;
  while (i < win.length && win[i] <= horizon) i++;
  return i ? win.slice(i) : win;
}
