import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { RuntimeRole } from '../config/runtime-role';
import { DATABASE_URL } from '../database/database.module';
import { INBOX_CHANNEL, type InboxEvent, parseInboxNotification } from '../inbox/inbox-events';
import { SESSION_ENDED_CHANNEL } from '../auth/sessions.repository';
import { InboxEventsRepository } from './inbox-events.repository';
import { RecentIds } from './recent-ids';
import { AssignmentService } from '../assignment/assignment.service';
import { parsePresence, PRESENCE_CHANNEL, type Presence } from '../presence/presence';

/** A connected browser, as the hub sees it. */
export interface Subscriber {
  sessionId: string;
  /** Whose browser it is: its heartbeat keeps the agent "seen" (auto-assignment's liveness). */
  userId?: string;
  send(event: InboxEvent): void;
  /** Someone's presence changed (viewing, typing, left): not history, never replayed. */
  presence?(p: Presence): void;
  /** The session ended (sign-out, expiry, disabled user) or the instance is stopping. */
  close(): void;
}

const RECONNECT_MS = [500, 1000, 2000, 5000];
/** How often every stream gets a heartbeat and its session is checked again. */
export const HEARTBEAT_MS = 15_000;

/**
 * One LISTEN connection per API instance (ROLE=all|api) on channels `inbox` and `session_ended`.
 * A notification carries the events (or, when they do not fit, their ids: the hub reads those
 * rows on the same connection, a burst in one query) and the hub hands each event to every
 * connected browser on this instance, in commit order.
 * Workers and other API instances publish through PostgreSQL, so every browser on every
 * instance sees every event. A lost connection is re-opened and the gap filled from the table.
 */
@Injectable()
export class InboxEventsHub implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('InboxEventsHub');
  private readonly subscribers = new Set<Subscriber>();
  private readonly seen = new RecentIds(50_000);
  private client?: Client;
  private connecting?: Promise<void>;
  private closed = false;
  private attempt = 0;
  /** Notifications in arrival (commit) order: events to deliver, or ids to read first. */
  private pending: ({ events: InboxEvent[] } | { ids: string[] })[] = [];
  /** True while flush() runs (set and cleared synchronously, so no notification is stranded). */
  private draining = false;
  /** Insert time of the newest event delivered: where a catch-up after a lost connection starts. */
  private lastAt?: Date;
  private heartbeat?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    private readonly role: RuntimeRole,
    private readonly events: InboxEventsRepository,
    private readonly assignment: AssignmentService,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.role.servesHttp) return;
    await this.connect();
    this.heartbeat = setInterval(() => void this.checkSessions().catch(() => undefined), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Whether the LISTEN connection is up (for tests and health). */
  get listening(): boolean {
    return this.client !== undefined;
  }

  get connected(): number {
    return this.subscribers.size;
  }

  subscribe(s: Subscriber): () => void {
    this.subscribers.add(s);
    return () => this.subscribers.delete(s);
  }

  /** Ends every stream (shutdown: they would hold the HTTP server open). */
  closeAll(): void {
    for (const s of [...this.subscribers]) s.close();
    this.subscribers.clear();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.reconnectTimer);
    this.closeAll();
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }

  /** Every stream gets a heartbeat; streams whose session has ended are closed. */
  async checkSessions(): Promise<void> {
    const subs = [...this.subscribers];
    if (subs.length === 0) return;
    const live = await this.events.liveSessions([...new Set(subs.map((s) => s.sessionId))]);
    for (const s of subs) if (!live.has(s.sessionId)) s.close();
    // the browsers still here keep their agents seen (a gone browser lets its agent time out)
    const seen = new Set(subs.filter((s) => live.has(s.sessionId) && s.userId).map((s) => s.userId!));
    await this.assignment.touchSeen([...seen]);
  }

  private connect(): Promise<void> {
    if (this.closed || this.client) return Promise.resolve();
    this.connecting ??= (async () => {
      const c = new Client({ connectionString: this.databaseUrl, application_name: 'otklik-inbox-listen' });
      const lost = (why: string) => {
        if (this.client !== c) return;
        this.client = undefined;
        void c.end().catch(() => undefined);
        if (this.closed) return;
        this.log.warn(`inbox notifications lost (${why}); reconnecting`);
        this.scheduleReconnect();
      };
      c.on('notification', (n) => {
        if (n.channel === INBOX_CHANNEL) this.enqueue(parseInboxNotification(n.payload), c);
        else if (n.channel === SESSION_ENDED_CHANNEL) void this.checkSessions().catch(() => undefined);
        else if (n.channel === PRESENCE_CHANNEL) this.deliverPresence(parsePresence(n.payload));
      });
      c.on('error', (err) => lost(err.message));
      c.on('end', () => lost('connection closed'));
      try {
        await c.connect();
        await c.query(`LISTEN ${INBOX_CHANNEL}`);
        await c.query(`LISTEN ${SESSION_ENDED_CHANNEL}`);
        await c.query(`LISTEN ${PRESENCE_CHANNEL}`);
      } catch (err) {
        this.log.warn(`cannot listen for inbox events: ${(err as Error).message}`);
        await c.end().catch(() => undefined);
        this.scheduleReconnect();
        return;
      }
      if (this.closed) {
        await c.end().catch(() => undefined);
        return;
      }
      this.client = c;
      const reconnected = this.attempt > 0;
      this.attempt = 0;
      if (reconnected && this.lastAt) await this.catchUp(this.lastAt);
    })().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const wait = RECONNECT_MS[Math.min(this.attempt, RECONNECT_MS.length - 1)];
    this.attempt++;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), wait);
    this.reconnectTimer.unref();
  }

  /** What was published while we were not listening (seen ids are skipped). */
  private async catchUp(since: Date): Promise<void> {
    try {
      const missed = await this.events.after(new Date(since.getTime() - 60_000));
      this.deliver(missed);
    } catch (err) {
      this.log.warn(`inbox catch-up failed: ${(err as Error).message}`);
    }
  }

  private enqueue(n: { events: InboxEvent[]; ids: string[] }, c: Client): void {
    const ids = n.ids.filter((id) => !this.seen.has(id));
    if (ids.length > 0) this.pending.push({ ids });
    else if (n.events.length > 0) this.pending.push({ events: n.events });
    else return;
    if (!this.draining) void this.flush(c);
  }

  /**
   * Delivers in arrival order: inline events at once, announced ids after reading their rows
   * (consecutive ones in one query, on the LISTEN connection: no wait for a pool connection).
   */
  private async flush(c: Client): Promise<void> {
    // no await between here and the loop's end when everything is inline: `draining` is
    // cleared synchronously, so a notification that arrives next starts a new flush
    this.draining = true;
    try {
      while (this.pending.length > 0) {
        const head = this.pending[0]!;
        if ('events' in head) {
          this.pending.shift();
          this.deliver(head.events);
          continue;
        }
        const ids: string[] = [];
        while (this.pending.length > 0 && 'ids' in this.pending[0]! && ids.length < 1000)
          ids.push(...(this.pending.shift() as { ids: string[] }).ids);
        try {
          this.deliver(this.client === c ? await this.events.byIdsOn(c, ids) : await this.events.byIds(ids));
        } catch (err) {
          this.log.warn(`could not read inbox events: ${(err as Error).message}`);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private deliverPresence(p: Presence | null): void {
    if (!p) return;
    for (const s of this.subscribers) s.presence?.(p);
  }

  private deliver(events: InboxEvent[]): void {
    for (const e of events) {
      if (this.seen.has(e.id)) continue;
      this.seen.add(e.id);
      const at = new Date(e.at);
      if (!this.lastAt || at > this.lastAt) this.lastAt = at;
      for (const s of this.subscribers) s.send(e);
    }
  }
}
