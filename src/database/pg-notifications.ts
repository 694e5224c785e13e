import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DATABASE_URL } from './database-url';

/** What a listener hears: a NOTIFY on its channel, or that notifications may have been missed. */
export interface ChannelListener {
  notified(payload: string): void;
  /** The connection was lost and is back: anything NOTIFYed meanwhile was missed. */
  missed(): void;
}

const RECONNECT_MS = [500, 1000, 2000, 5000];

/**
 * One LISTEN connection per process for instance-to-instance signals (every role): a service
 * NOTIFYs a channel in the transaction that changes what others cache, and every instance's
 * listeners hear it on commit. A lost connection is re-opened and the listeners are told they
 * may have missed something (so a cache drops itself). The live inbox has its own connection
 * (src/realtime/), which streams event rows and exists on API instances only.
 */
@Injectable()
export class PgNotifications implements OnApplicationShutdown {
  private readonly log = new Logger('PgNotifications');
  private readonly listeners = new Map<string, Set<ChannelListener>>();
  private client?: Client;
  private connecting?: Promise<void>;
  private closed = false;
  private attempt = 0;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(@Inject(DATABASE_URL) private readonly databaseUrl: string) {}

  /** Whether the LISTEN connection is up now (a cache that relies on it serves nothing while not). */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Listens on `channel` from now on (connecting on first use); resolves once LISTEN holds. */
  async listen(channel: string, listener: ChannelListener): Promise<void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      if (this.client) await this.client.query(`LISTEN ${channel}`).catch(() => undefined);
    }
    set.add(listener);
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    if (this.closed || this.client) return Promise.resolve();
    this.connecting ??= (async () => {
      const c = new Client({ connectionString: this.databaseUrl, application_name: 'otklik-notifications' });
      const lost = (why: string) => {
        if (this.client !== c) return;
        this.client = undefined;
        void c.end().catch(() => undefined);
        if (this.closed) return;
        this.log.warn(`notifications lost (${why}); reconnecting`);
        this.scheduleReconnect();
      };
      c.on('notification', (n) => {
        for (const l of this.listeners.get(n.channel) ?? []) l.notified(n.payload ?? '');
      });
      c.on('error', (err) => lost(err.message));
      c.on('end', () => lost('connection closed'));
      try {
        await c.connect();
        for (const channel of this.listeners.keys()) await c.query(`LISTEN ${channel}`);
      } catch (err) {
        this.log.warn(`cannot listen for notifications: ${(err as Error).message}`);
        await c.end().catch(() => undefined);
        this.scheduleReconnect();
        return;
      }
      if (this.closed) {
        await c.end().catch(() => undefined);
        return;
      }
      this.client = c;
      if (this.attempt > 0) for (const set of this.listeners.values()) for (const l of set) l.missed();
      this.attempt = 0;
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
}
