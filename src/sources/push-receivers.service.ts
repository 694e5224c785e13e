import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import { Client } from 'pg';
import { RuntimeRole } from '../config/runtime-role';
import { ConnectorError, type FetchResult } from '../connectors/connector';
import { ConnectorRegistry } from '../connectors/registry';
import { DATABASE_URL } from '../database/database.module';
import { IngestService } from '../ingest/ingest.service';
import { isRunnable } from './source-health';
import { SOURCES_CHANNEL } from './sources.repository';
import { SourcesService } from './sources.service';

export const PUSH_RECEIVERS_OPTIONS = Symbol('PUSH_RECEIVERS_OPTIONS');
export interface PushReceiversOptions {
  /** How often to look for sources to start or stop (and retry locks held elsewhere). */
  rescanMs?: number;
  /** After NOTIFY sources, wait this long for more changes before one rescan. */
  notifyDebounceMs?: number;
}

/** Namespace of the advisory locks (first key), so they cannot collide with other features. */
const LOCK_NAMESPACE = 0x6f746b; // "otk"

interface Running {
  stop?: () => Promise<void>;
  stopping?: Promise<void>;
}

/**
 * Push sources (connector.receive: VK long poll, Telegram getUpdates) on worker instances. At
 * most one instance runs a source's receiver: it must hold `pg_try_advisory_lock(ns, hashtext(id))`
 * on a dedicated connection; others retry on the next scan. Losing that connection loses the
 * locks, so every receiver is stopped and the scan starts over. `emit` resolves only after ingest
 * committed, so the connector confirms only stored batches.
 *
 * A source created, changed or verified (SourcesService sends NOTIFY sources) is picked up at once:
 * every worker LISTENs on its own connection and rescans, debounced. The periodic scan stays as
 * the fallback for lost notifications and for locks released elsewhere.
 */
@Injectable()
export class PushReceivers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PushReceivers.name);
  private readonly running = new Map<string, Running>();
  private lockClient?: Client;
  private listenClient?: Client;
  private listening?: Promise<void>;
  private debounce?: NodeJS.Timeout;
  private timer?: NodeJS.Timeout;
  private scanning?: Promise<void>;
  private closed = false;
  private lastSuccessAt = new Map<string, number>();

  constructor(
    private readonly sources: SourcesService,
    private readonly registry: ConnectorRegistry,
    private readonly ingest: IngestService,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    @Optional() private readonly role?: RuntimeRole,
    @Optional() @Inject(PUSH_RECEIVERS_OPTIONS) private readonly options: PushReceiversOptions = {},
  ) {}

  onApplicationBootstrap() {
    if (this.role && !this.role.runsWorkers) return;
    this.start();
  }

  async onModuleDestroy() {
    await this.stopAll();
  }

  start() {
    this.closed = false;
    // listen() and scan() settle their own failures (logged; the next tick retries).
    void this.listen();
    void this.scan();
    this.timer = setInterval(() => {
      void this.listen(); // reconnects a lost listener
      void this.scan();
    }, this.options.rescanMs ?? 10_000);
    this.timer.unref();
  }

  /** Source ids whose receiver runs in this instance. */
  runningSources(): string[] {
    return [...this.running.keys()];
  }

  async stopAll(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = undefined;
    await this.listening;
    const listener = this.listenClient;
    this.listenClient = undefined;
    await listener?.end().catch(() => undefined);
    await this.scanning;
    await Promise.all([...this.running.keys()].map((id) => this.stopReceiver(id)));
    const c = this.lockClient;
    this.lockClient = undefined;
    await c?.end().catch(() => undefined);
  }

  /** One pass: stop receivers that should not run, start the ones whose lock we can take. */
  scan(): Promise<void> {
    this.scanning ??= this.doScan()
      .catch((err) => this.logger.warn(`receiver scan failed: ${(err as Error).message}`))
      .finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  /**
   * A rescan soon, after any scan already running (it may have read the sources before the
   * change); a burst of notifications makes one scan.
   */
  private rescanSoon() {
    if (this.closed || this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      // Neither can reject: scan() catches (and scanning is scan()'s promise).
      void (async () => {
        await this.scanning;
        await this.scan();
      })();
    }, this.options.notifyDebounceMs ?? 50);
    this.debounce.unref();
  }

  /** LISTEN sources on a dedicated connection; a lost connection is re-opened by the periodic scan. */
  private listen(): Promise<void> {
    if (this.closed || this.listenClient) return Promise.resolve();
    this.listening ??= (async () => {
      const c = new Client({
        connectionString: this.databaseUrl,
        application_name: 'otklik-receivers-listen',
      });
      const lost = (why: string) => {
        if (this.listenClient !== c) return;
        this.listenClient = undefined;
        if (!this.closed) this.logger.warn(`source notifications lost (${why}); rescanning periodically`);
        void c.end().catch(() => undefined);
      };
      c.on('notification', (n) => {
        if (n.channel === SOURCES_CHANNEL) this.rescanSoon();
      });
      c.on('error', (err) => lost(err.message));
      c.on('end', () => lost('connection closed'));
      try {
        await c.connect();
        await c.query(`LISTEN ${SOURCES_CHANNEL}`);
      } catch (err) {
        this.logger.warn(`cannot listen for source changes: ${(err as Error).message}`);
        await c.end().catch(() => undefined);
        return;
      }
      if (this.closed) {
        await c.end().catch(() => undefined);
        return;
      }
      this.listenClient = c;
      this.rescanSoon(); // changes made while we were not listening
    })().finally(() => (this.listening = undefined));
    return this.listening;
  }

  private async doScan() {
    if (this.closed) return;
    const now = new Date();
    const wanted = new Set(
      (await this.sources.listEnabled())
        .filter((s) => !!this.registry.find(s.platform)?.receive && isRunnable(s, now))
        .map((s) => s.id),
    );
    for (const id of this.running.keys()) if (!wanted.has(id)) await this.stopReceiver(id);
    for (const id of wanted) {
      if (this.closed) return;
      if (this.running.has(id)) continue;
      if (!(await this.tryLock(id))) continue;
      await this.startReceiver(id);
    }
  }

  private async startReceiver(id: string) {
    const entry: Running = {};
    this.running.set(id, entry);
    try {
      const ctx = await this.sources.context(id);
      const connector = this.registry.get(ctx.platform);
      entry.stop = await connector.receive!(ctx, (batch) => this.emit(id, batch), {
        onError: (err) => void this.sources.recordError(id, err).catch(() => undefined),
        onHealthy: () => void this.sources.recordSuccess(id, false).catch(() => undefined),
        onStopped: (err) => {
          void this.sources.recordError(id, err).catch(() => undefined);
          void this.stopReceiver(id); // stopReceiver logs a failing stop and always unlocks
        },
      });
      this.logger.log(`receiving source ${id} (${ctx.platform})`);
    } catch (err) {
      const error =
        err instanceof ConnectorError
          ? err
          : new ConnectorError('temporary', String((err as Error)?.message), undefined, err);
      await this.sources.recordError(id, error).catch(() => undefined);
      await this.stopReceiver(id);
    }
  }

  /** Durable first: the promise resolves only after the batch and its cursors committed. */
  private async emit(id: string, batch: FetchResult): Promise<void> {
    await this.ingest.ingest(id, batch);
    const last = this.lastSuccessAt.get(id) ?? 0;
    if (Date.now() - last > 5_000) {
      this.lastSuccessAt.set(id, Date.now());
      await this.sources.recordSuccess(id).catch(() => undefined);
    }
  }

  private stopReceiver(id: string): Promise<void> {
    const entry = this.running.get(id);
    if (!entry) return Promise.resolve();
    entry.stopping ??= (async () => {
      try {
        await entry.stop?.();
      } catch (err) {
        this.logger.warn(`stopping receiver of source ${id}: ${(err as Error).message}`);
      } finally {
        this.running.delete(id);
        await this.unlock(id);
      }
    })();
    return entry.stopping;
  }

  private async tryLock(id: string): Promise<boolean> {
    const c = await this.lockConnection();
    const r = await c.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok`, [
      LOCK_NAMESPACE,
      id,
    ]);
    return r.rows[0].ok;
  }

  private async unlock(id: string) {
    await this.lockClient
      ?.query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [LOCK_NAMESPACE, id])
      .catch(() => undefined);
  }

  private async lockConnection(): Promise<Client> {
    if (this.lockClient) return this.lockClient;
    const c = new Client({ connectionString: this.databaseUrl, application_name: 'otklik-receivers' });
    c.on('error', (err) => {
      // the session and its locks are gone: another instance may take over, so stop ours now
      this.logger.warn(`receiver lock connection lost: ${err.message}`);
      if (this.lockClient === c) this.lockClient = undefined;
      for (const id of [...this.running.keys()]) void this.stopReceiver(id); // cannot reject
    });
    await c.connect();
    this.lockClient = c;
    return c;
  }
}
