import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { RuntimeRole } from '../config/runtime-role';
import { DATABASE_URL } from '../database/database.module';
import { Metrics } from '../observability/metrics.service';
import { EnqueueOptions, Job, JobQueue, WorkOptions } from './job-queue';
import { pgBossDatabase, PgBossDatabase } from './pg-boss-db';
import { PGBOSS_SCHEMA, pgBossSchemaVersion } from './pgboss-schema';

/** Where a queue's jobs go after their last retry. */
export const deadLetterQueueName = (queue: string) => `${queue}__dead`;

type Handler<T> = (jobs: Job<T>[]) => Promise<void>;

/** Enqueue options the schedule helper adds: one job per time slot of this many seconds. */
export interface InternalEnqueueOptions extends EnqueueOptions {
  throttleSeconds?: number;
}

/**
 * JobQueue on pg-boss 10, in the app's own database (schema `pgboss`, created by a migration).
 *
 * - Every queue is created on first use with retries (JOB_RETRY_LIMIT, JOB_RETRY_DELAY_SECONDS,
 *   exponential backoff) and a dead-letter queue `<name>__dead` that receives the job after its
 *   last retry; the final failure is logged (queue, job id, no payload) and counted.
 * - singletonKey: at most one queued-or-active job per (queue, key), across instances. pg-boss 10
 *   only enforces keys through queue policies, which would also throttle jobs *without* a key,
 *   so the check is ours: an advisory lock on (queue, key) plus a look at pgboss.job, in one
 *   transaction with the insert.
 * - ROLE=api enqueues but `work()` registers nothing; workers start only after the whole app is
 *   bootstrapped, and stop gracefully (in-flight jobs finish) before the database pools close.
 */
@Injectable()
export class PgBossJobQueue
  extends JobQueue
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly log = new Logger('Jobs');
  private readonly boss: PgBoss;
  private readonly database: PgBossDatabase;
  private starting?: Promise<void>;
  private bootstrapped = false;
  private stopping = false;
  private readonly queues = new Map<string, Promise<void>>();
  private readonly pending: (() => Promise<void>)[] = [];
  private readonly workers = new Set<string>();
  private readonly completed;
  private readonly failed;
  private readonly deadLettered;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_URL) databaseUrl: string,
    private readonly role: RuntimeRole,
    private readonly dataSource: DataSource, // injected so TypeORM (and its migrations) is up first
    metrics: Metrics,
  ) {
    super();
    // Our own pool for pg-boss: its unawaited job completions must not crash us (pg-boss-db.ts).
    this.database = pgBossDatabase(databaseUrl, PGBOSS_SCHEMA, this.log);
    this.boss = new PgBoss({
      db: this.database.db,
      schema: PGBOSS_SCHEMA,
      migrate: false, // the schema is ours: migrations/…-PgBoss.ts
      schedule: false, // schedules are @nestjs/schedule ticks that enqueue (job-schedule.ts)
      supervise: role.runsWorkers, // expiry/archiving maintenance, once per interval across workers
      retryLimit: config.JOB_RETRY_LIMIT,
      retryDelay: config.JOB_RETRY_DELAY_SECONDS,
      retryBackoff: true,
    });
    this.boss.on('error', (err) => this.log.error({ err }, 'pg-boss error'));

    this.completed = metrics.counter({
      name: 'otklik_jobs_completed_total',
      help: 'Jobs whose handler succeeded',
      labelNames: ['queue'],
    });
    this.failed = metrics.counter({
      name: 'otklik_jobs_failed_total',
      help: 'Job attempts whose handler threw (each retry counts)',
      labelNames: ['queue'],
    });
    this.deadLettered = metrics.counter({
      name: 'otklik_jobs_dead_lettered_total',
      help: 'Jobs moved to the dead-letter queue after their last retry',
      labelNames: ['queue'],
    });
    const depths = () => this.depths();
    metrics.gauge({
      name: 'otklik_jobs_queue_depth',
      help: 'Jobs waiting or running per queue and state (dead letters are in <queue>__dead)',
      labelNames: ['queue', 'state'],
      // Read from pgboss.job on each scrape, so every instance reports the shared queue.
      async collect() {
        const rows = await depths();
        this.reset();
        for (const { name, state, n } of rows) this.set({ queue: name, state }, n);
      },
    });
  }

  async onModuleInit() {
    await this.start();
  }

  async onApplicationBootstrap() {
    this.bootstrapped = true;
    for (const register of this.pending.splice(0)) await register();
  }

  /** Stops fetching, waits for in-flight jobs (bounded), then closes pg-boss's pool. */
  async beforeApplicationShutdown() {
    this.stopping = true;
    const timeout = Math.max(1000, Math.floor((this.config.SHUTDOWN_TIMEOUT_MS * 2) / 3));
    await this.boss.stop({ graceful: true, wait: true, timeout });
    await this.database.close();
  }

  override async enqueue<T extends object>(
    name: string,
    data: T,
    options: InternalEnqueueOptions = {},
  ): Promise<string | null> {
    await this.ensureQueue(name);
    // pg-boss validates keys that are present, even when undefined: pass only what is set.
    const send = defined<PgBoss.SendOptions>({
      retryLimit: options.retryLimit,
      retryDelay: options.retryDelaySeconds,
      startAfter: options.startAfter,
      expireInSeconds: options.expireInSeconds,
      singletonKey: options.singletonKey,
      singletonSeconds: options.throttleSeconds,
    });
    if (!options.singletonKey && !options.transaction) return this.boss.send(name, data, send);
    if (options.transaction) return this.sendIn(options.transaction, name, data, send);
    return this.dataSource.transaction((m) => this.sendIn(m, name, data, send));
  }

  override async work<T extends object>(
    name: string,
    handler: Handler<T>,
    options: WorkOptions = {},
  ): Promise<void> {
    if (!this.role.runsWorkers) {
      this.log.debug(`ROLE=${this.role.role}: not running a worker for ${name}`);
      return;
    }
    const register = async () => {
      await this.ensureQueue(name);
      for (let i = 0; i < Math.max(1, options.concurrency ?? 1); i++) {
        await this.boss.work<T>(
          name,
          {
            includeMetadata: true,
            batchSize: options.batchSize ?? 1,
            pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
          },
          (jobs) => this.run(name, handler, jobs),
        );
      }
      this.workers.add(name);
    };
    if (this.bootstrapped) await register();
    else this.pending.push(register);
  }

  /** Queues this instance runs a worker for (empty on ROLE=api). */
  registeredWorkers(): string[] {
    return [...this.workers];
  }

  /** Ready check: pg-boss is running and its schema answers at the expected version. */
  async isHealthy(): Promise<boolean> {
    if (this.stopping || !this.starting) return false;
    try {
      await this.starting;
      const { rows } = await this.boss.getDb().executeSql(`SELECT version FROM ${PGBOSS_SCHEMA}.version`, []);
      return Number(rows[0]?.version) === pgBossSchemaVersion();
    } catch {
      return false;
    }
  }

  /** Unfinished jobs per queue and state, for the queue-depth gauge. */
  async depths(): Promise<{ name: string; state: string; n: number }[]> {
    if (this.stopping || !this.starting) return [];
    await this.starting;
    const { rows } = await this.boss
      .getDb()
      .executeSql(
        `SELECT name, state::text AS state, count(*)::int AS n FROM ${PGBOSS_SCHEMA}.job WHERE state < 'completed' GROUP BY 1, 2`,
        [],
      );
    return rows;
  }

  private start(): Promise<void> {
    this.starting ??= this.boss.start().then(() => undefined);
    return this.starting;
  }

  private ensureQueue(name: string): Promise<void> {
    let ready = this.queues.get(name);
    if (!ready) {
      ready = (async () => {
        await this.start();
        const dead = deadLetterQueueName(name);
        if ((await this.boss.getQueue(name)) && (await this.boss.getQueue(dead))) return;
        // Creating a queue adds a partition and foreign keys; two instances doing it at once
        // deadlock, so creation is serialised by an advisory lock held in a TypeORM transaction.
        await this.dataSource.transaction(async (m) => {
          await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('otklik:pgboss:create-queue', 0))`);
          await this.boss.createQueue(dead, { name: dead });
          await this.boss.createQueue(name, {
            name,
            policy: 'standard',
            retryLimit: this.config.JOB_RETRY_LIMIT,
            retryDelay: this.config.JOB_RETRY_DELAY_SECONDS,
            retryBackoff: true,
            deadLetter: dead,
          });
        });
      })();
      ready.catch(() => this.queues.delete(name));
      this.queues.set(name, ready);
    }
    return ready;
  }

  /** Insert through the caller's transaction; with a singleton key, only if none is unfinished. */
  private async sendIn(m: EntityManager, name: string, data: object, send: PgBoss.SendOptions) {
    const runner = m.queryRunner;
    if (!runner) throw new Error('JobQueue.enqueue: `transaction` must be a transactional EntityManager');
    if (send.singletonKey) {
      await runner.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `${name}\u001f${send.singletonKey}`,
      ]);
      // An `active` job past its expiry belongs to a dead worker (pg-boss fails it at the next
      // maintenance, minutes later): it no longer holds the key.
      const busy = await runner.query(
        `SELECT 1 FROM ${PGBOSS_SCHEMA}.job WHERE name = $1 AND singleton_key = $2 AND state < 'completed'
           AND NOT (state = 'active' AND started_on + expire_in < now()) LIMIT 1`,
        [name, send.singletonKey],
      );
      if (busy.length) return null;
    }
    const db: PgBoss.Db = {
      executeSql: async (text, values) => ({ rows: (await runner.query(text, values, true)).records }),
    };
    return this.boss.send(name, data, { ...send, db });
  }

  private async run<T>(name: string, handler: Handler<T>, jobs: PgBoss.JobWithMetadata<T>[]) {
    try {
      await handler(jobs.map(({ id, name: queue, data }) => ({ id, name: queue, data })));
      // Completed before the handler returns to pg-boss (whose own completion is fire-and-forget),
      // so a graceful stop never closes the pool under an unrecorded completion.
      // (ids, data, options): the typings lack this overload, pg-boss has it.
      await (this.boss.complete as (...a: unknown[]) => Promise<void>)(
        name,
        jobs.map((j) => j.id),
        null,
        { db: this.database.strict },
      );
      this.completed.inc({ queue: name }, jobs.length);
    } catch (err) {
      this.failed.inc({ queue: name }, jobs.length);
      const reason = err instanceof Error ? err.message : String(err);
      for (const job of jobs) {
        // pg-boss moves the job to the dead-letter queue when retry_count has reached the limit.
        if (job.retryCount >= job.retryLimit) {
          this.deadLettered.inc({ queue: name });
          this.log.warn(
            {
              queue: name,
              jobId: job.id,
              deadLetterQueue: deadLetterQueueName(name),
              attempts: job.retryCount + 1,
              reason,
            },
            `job ${name}/${job.id} failed ${job.retryCount + 1} times; moved to ${deadLetterQueueName(name)}`,
          );
        } else {
          this.log.warn(
            { queue: name, jobId: job.id, attempt: job.retryCount + 1, reason },
            `job ${name}/${job.id} failed; will retry`,
          );
        }
      }
      throw err;
    }
  }
}

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
