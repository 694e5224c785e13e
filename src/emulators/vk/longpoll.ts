/**
 * Bots Long Poll: `GET /lp/:groupId?act=a_check&key&ts&wait`.
 * `ts` is the next sequence number; events with seq ≥ ts are returned and ts becomes last + 1.
 * With nothing new the request is held for min(wait, maxHoldMs). failed 1/2/3 as VK documents.
 */
import type { ServerResponse } from 'node:http';
import { FaultBook } from '../shared/faults';
import { VkState } from './state';

const MAX_BATCH = 1000;

export class LongPoll {
  private waiters = new Map<number, Set<() => void>>();
  private unsubscribe: () => void;
  private closed = false;

  constructor(
    private readonly state: VkState,
    private readonly faults: FaultBook,
    private readonly maxHoldMs: number,
  ) {
    this.unsubscribe = state.onEvent((groupId) => this.wake(groupId));
  }

  /** Wakes held polls of one community (or all), on the next turn so a burst lands in one batch. */
  wake(groupId?: number): void {
    setImmediate(() => {
      const sets = groupId === undefined ? [...this.waiters.values()] : [this.waiters.get(groupId)];
      for (const set of sets) for (const fn of [...(set ?? [])]) fn();
    });
  }

  /** Control: every live key of the group(s) expires → failed 2; reset → failed 3; truncate → failed 1. */
  expireKeys(groupId?: number, state: 'expired' | 'reset' = 'expired'): void {
    for (const key of this.state.lpKeys.values())
      if (groupId === undefined || key.groupId === groupId) key.state = state;
    this.wake(groupId);
  }

  truncate(groupId?: number): void {
    for (const [id, list] of this.state.events)
      if (groupId === undefined || id === groupId) list.splice(0, list.length);
    this.wake(groupId);
  }

  async handle(groupId: number, query: URLSearchParams, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const send = (body: unknown) => {
      if (res.destroyed || res.writableEnded) return;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const waitMs = Math.min(Math.max(Number(query.get('wait') ?? 25), 0) * 1000, this.maxHoldMs);
    const ts = Number(query.get('ts'));
    for (;;) {
      const key = this.state.lpKeys.get(query.get('key') ?? '');
      if (query.get('act') !== 'a_check' || !key || key.groupId !== groupId || key.state === 'expired')
        return send({ failed: 2 });
      if (key.state === 'reset') return send({ failed: 3 });
      if (!Number.isFinite(ts) || ts < this.state.oldest(groupId))
        return send({ failed: 1, ts: String(this.state.oldest(groupId)) });
      const events = (this.state.events.get(groupId) ?? []).filter((e) => e.seq >= ts).slice(0, MAX_BATCH);
      const remaining = waitMs - (Date.now() - started);
      if (events.length > 0 || remaining <= 0 || res.destroyed || this.closed) {
        const failed = this.faults.take('a_check', { group_id: groupId }, ['lp_failed']);
        if (failed?.type === 'lp_failed') {
          // An injected failure skips whatever is pending: exactly the gap reconciliation must close.
          if (failed.code === 1) return send({ failed: 1, ts: String(this.state.head(groupId)) });
          key.state = failed.code === 2 ? 'expired' : 'reset';
          return send({ failed: failed.code });
        }
        if (events.length === 0) return send({ ts: String(ts), updates: [] });
        const dup = this.faults.take('a_check', { group_id: groupId }, ['duplicate']);
        const nextTs = dup ? ts : events[events.length - 1].seq + 1; // duplicate: the next poll gets the same batch
        return send({ ts: String(nextTs), updates: events.map(({ seq: _s, ...e }) => e) });
      }
      await this.hold(groupId, remaining, res);
    }
  }

  private hold(groupId: number, ms: number, res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      let set = this.waiters.get(groupId);
      if (!set) this.waiters.set(groupId, (set = new Set()));
      const done = () => {
        clearTimeout(timer);
        set!.delete(done);
        res.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
      res.on('close', done);
    });
  }

  /** Answers every held poll (on stop). */
  releaseAll(): void {
    this.closed = true;
    this.unsubscribe();
    for (const set of this.waiters.values()) for (const fn of [...set]) fn();
  }
}
