import type { EntityManager } from 'typeorm';

/**
 * The one small interface every feature uses for background work (implemented on pg-boss in
 * this folder). Schedules only enqueue; workers do the work. Singleton keys make a job run once
 * across any number of instances.
 */
export interface EnqueueOptions {
  /** Only one queued-or-active job with this key exists at a time (e.g. `sync:<sourceId>`). */
  singletonKey?: string;
  /** Run no earlier than this (Date) or this many seconds from now. */
  startAfter?: Date | number;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Expire an active job after this many seconds (it is then retried). */
  expireInSeconds?: number;
  /**
   * Enqueue inside this TypeORM transaction (from `dataSource.transaction(m => ...)`): the job
   * exists only if the transaction commits, e.g. a reply row and its delivery job together.
   */
  transaction?: EntityManager;
}

export interface WorkOptions {
  /** Jobs fetched per poll and handed to the handler together. */
  batchSize?: number;
  /** How often an idle worker polls, in seconds (pg-boss minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /**
   * Independent pollers in this instance (default 1). A batch is finished before its poller
   * fetches again, so with one poller a single slow job holds up every job behind it.
   */
  concurrency?: number;
}

export interface Job<T> {
  id: string;
  name: string;
  data: T;
}

export abstract class JobQueue {
  abstract enqueue<T extends object>(name: string, data: T, options?: EnqueueOptions): Promise<string | null>;
  /** Registers a handler; a throw retries the job with backoff, then dead-letters it. */
  abstract work<T extends object>(
    name: string,
    handler: (jobs: Job<T>[]) => Promise<void>,
    options?: WorkOptions,
  ): Promise<void>;
}
