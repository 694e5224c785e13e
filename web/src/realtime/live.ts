import type { QueryClient } from '@tanstack/react-query';
import type { InboxEvent } from '../api/client';
import { keys } from '../api/queries';
import { applyInboxEvent } from './cache';
import { get } from '../api/client';
import { presenceStore, type Presence } from '../share/presence';

export type LiveState = 'connecting' | 'live' | 'down';

/** Remembers the last `capacity` ids (a resume replays some events twice). */
class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity: number) {}
  has(id: string) {
    return this.ids.has(id);
  }
  add(id: string) {
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
  }
}

export interface LiveCallbacks {
  /** Customer items arrived (tab title, sound). */
  onNewItems?: (n: number) => void;
  /** The stream was refused: maybe the session ended (the app asks the server). */
  onRefused?: () => void;
}

export interface LiveOptions extends LiveCallbacks {
  qc: QueryClient;
  /** Test seam: a factory for the EventSource. */
  createSource?: (url: string) => EventSource;
  queueDebounceMs?: number;
  /** Whose browser this is: their notifications refresh on `notification.created`. */
  userId?: string;
}

/**
 * The browser's end of GET /api/events: one EventSource, events applied to the query cache, and
 * the state the UI shows ('live', or 'down' while queries poll). The browser reconnects by itself
 * (sending Last-Event-ID); when it gives up (an HTTP error), we reopen after a pause with
 * `?lastEventId=`, so nothing in between is missed.
 */
export class LiveInbox {
  private source?: EventSource;
  private lastId?: string;
  private readonly seen = new RecentIds(5000);
  private state: LiveState = 'connecting';
  private readonly listeners = new Set<() => void>();
  private reopenTimer?: ReturnType<typeof setTimeout>;
  private queueTimer?: ReturnType<typeof setTimeout>;
  private stopped = false;
  private failures = 0;

  constructor(private readonly opts: LiveOptions) {}

  /** The app's reactions (they change with its state; the stream does not). */
  setCallbacks(cb: LiveCallbacks): void {
    Object.assign(this.opts, cb);
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.reopenTimer);
    clearTimeout(this.queueTimer);
    this.source?.close();
    this.source = undefined;
    this.setState('down');
  }

  getState = (): LiveState => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** Applies one event (also the unit tests' entry point). */
  handle(e: InboxEvent): void {
    if (this.seen.has(e.id)) return;
    this.seen.add(e.id);
    if (!this.lastId || BigInt(e.id) > BigInt(this.lastId)) this.lastId = e.id;
    if (e.type === 'notification.created') {
      const to = (e.data.userIds as string[] | undefined) ?? [];
      if (!this.opts.userId || to.includes(this.opts.userId))
        void this.opts.qc.invalidateQueries({ queryKey: ['notifications'] });
    }
    const fx = applyInboxEvent(this.opts.qc, e, () => this.invalidateQueuesSoon());
    if (fx.newInbound > 0) this.opts.onNewItems?.(fx.newInbound);
  }

  private open(): void {
    if (this.stopped) return;
    const url = `/api/events${this.lastId ? `?lastEventId=${encodeURIComponent(this.lastId)}` : ''}`;
    const src = (this.opts.createSource ?? ((u) => new EventSource(u)))(url);
    this.source = src;
    src.onopen = () => {
      this.failures = 0;
      // whatever changed while we were away is refetched once (the replay covers events, this
      // covers a reset or a first connection after polling)
      if (this.state === 'down') void this.opts.qc.invalidateQueries();
      this.setState('live');
      // who is looking where right now (the stream carries only changes)
      void get<Presence[]>('/api/presence')
        .then((list) => presenceStore.load(list))
        .catch(() => undefined);
    };
    src.onmessage = (m: MessageEvent<string>) => {
      try {
        this.handle(JSON.parse(m.data) as InboxEvent);
      } catch {
        /* a malformed frame is dropped */
      }
    };
    src.addEventListener('reset', () => void this.opts.qc.invalidateQueries());
    src.addEventListener('presence', (m: MessageEvent<string>) => {
      try {
        presenceStore.apply(JSON.parse(m.data) as Presence);
      } catch {
        /* a malformed frame is dropped */
      }
    });
    src.onerror = () => {
      if (this.source !== src) return;
      this.setState('down');
      if (src.readyState === 2 /* CLOSED: the server refused, e.g. 401 */) {
        src.close();
        this.failures++;
        this.opts.onRefused?.();
        const wait = Math.min(30_000, 1000 * 2 ** Math.min(this.failures, 5));
        this.reopenTimer = setTimeout(() => this.open(), wait);
      }
      // otherwise the browser is already reconnecting with Last-Event-ID
    };
  }

  private invalidateQueuesSoon(): void {
    if (this.queueTimer) return;
    this.queueTimer = setTimeout(() => {
      this.queueTimer = undefined;
      void this.opts.qc.invalidateQueries({ queryKey: keys.queues });
    }, this.opts.queueDebounceMs ?? 150);
  }

  private setState(s: LiveState): void {
    if (s === this.state) return;
    this.state = s;
    for (const fn of this.listeners) fn();
  }
}
