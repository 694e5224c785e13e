import { SetMetadata } from '@nestjs/common';
import type { WorkOptions } from './job-queue';

export const ON_JOB = Symbol('otklik:on-job');

export interface OnJobOptions extends WorkOptions {
  /** The pg-boss queue name (e.g. `sla.sweep`). */
  name: string;
  /**
   * Run on a schedule: every instance ticks every this many seconds and a tick only enqueues a
   * singleton job (JobSchedule), so N workers run it once per interval. Leave it out for jobs
   * that code enqueues (a reply's delivery).
   */
  every?: number;
  /**
   * For scheduled jobs: a run still active after this long is dead (its worker was killed) and
   * no longer holds the schedule's key (pg-boss's default is 15 minutes).
   */
  expireInSeconds?: number;
}

/**
 * Marks a provider method as the handler of a background job, like immich's `@OnJob` and
 * Twenty's `@Processor`: `@OnJob({ name: 'sla.sweep', every: 30 }) sweepJob() {...}`. The
 * method receives the fetched jobs (`Job<T>[]`); a throw retries them with backoff, then
 * dead-letters them. JobHandlers (this folder) registers every such method on worker instances
 * and nowhere else, the one place the role is checked.
 */
export const OnJob = (options: OnJobOptions): MethodDecorator => SetMetadata(ON_JOB, options);
