import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { PgBossJobQueue } from './pg-boss-job-queue';

interface Entry {
  name: string;
  intervalSeconds: number;
  data: object;
  expireInSeconds?: number;
  timer?: NodeJS.Timeout;
}

export interface EveryOptions {
  /**
   * A run still `active` after this long is dead (its worker was killed) and no longer holds the
   * schedule's singleton key; set it for short jobs (pg-boss's default is 15 minutes).
   */
  expireInSeconds?: number;
}

/**
 * Recurring jobs. `every('sla.sweep', 30)` makes every worker instance tick every 30 s with an
 * @nestjs/schedule interval; a tick only *enqueues* job `sla.sweep`. Two guards make N instances
 * run it once per interval, never twice and never overlapping:
 *   - the job is throttled to one per 30-second slot (pg-boss singletonSeconds, a unique index),
 *     so ticks from other instances in the same slot insert nothing;
 *   - singleton key `every:sla.sweep`: no new job while one is still queued or running.
 * The work itself is the `@OnJob({ name: 'sla.sweep', every: 30 })` method; JobHandlers
 * registers both, on worker instances only (and ScheduleModule is not loaded on API instances,
 * so stray @Interval decorators do not run there either).
 */
@Injectable()
export class JobSchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('JobSchedule');
  private readonly entries = new Map<string, Entry>();
  private running = false;

  constructor(
    private readonly queue: PgBossJobQueue,
    @Optional() private readonly registry?: SchedulerRegistry,
  ) {}

  every(name: string, intervalSeconds: number, data: object = {}, options: EveryOptions = {}): void {
    if (!(intervalSeconds >= 1))
      throw new Error(`JobSchedule.every(${name}): interval must be at least 1 second`);
    if (this.entries.has(name)) throw new Error(`JobSchedule.every(${name}): already scheduled`);
    const entry: Entry = {
      name,
      intervalSeconds: Math.round(intervalSeconds),
      data,
      expireInSeconds: options.expireInSeconds,
    };
    this.entries.set(name, entry);
    if (this.running) this.startTicking(entry);
  }

  /** Ticks start once the whole app is up (handlers registered in onModuleInit are ready). */
  onApplicationBootstrap() {
    this.running = true;
    for (const entry of this.entries.values()) this.startTicking(entry);
  }

  /** Stop ticking first on shutdown: nothing new is enqueued while workers drain. */
  onModuleDestroy() {
    this.running = false;
    for (const entry of this.entries.values()) {
      if (entry.timer) clearInterval(entry.timer);
      if (this.registry?.doesExist('interval', intervalName(entry.name)))
        this.registry.deleteInterval(intervalName(entry.name));
    }
  }

  private startTicking(entry: Entry) {
    const tick = () => {
      if (!this.running) return;
      this.queue
        .enqueue(entry.name, entry.data, {
          singletonKey: `every:${entry.name}`,
          throttleSeconds: entry.intervalSeconds,
          expireInSeconds: entry.expireInSeconds,
        })
        .catch((err) =>
          this.log.warn({ err, queue: entry.name }, `could not enqueue scheduled job ${entry.name}`),
        );
    };
    entry.timer = setInterval(tick, entry.intervalSeconds * 1000);
    this.registry?.addInterval(intervalName(entry.name), entry.timer);
    tick();
  }
}

const intervalName = (name: string) => `every:${name}`;
