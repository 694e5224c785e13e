import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { RuntimeRole } from '../config/runtime-role';
import { Job, JobQueue } from './job-queue';
import { JobSchedule } from './job-schedule';
import { ON_JOB, type OnJobOptions } from './on-job';

/**
 * Finds every `@OnJob` method of every provider and, on worker instances only (ROLE=all or
 * worker: the one place the role is checked), registers it with the queue and its schedule.
 * Handlers are registered at module init; the queue starts and the schedules tick once the
 * whole application is up.
 */
@Injectable()
export class JobHandlers implements OnModuleInit {
  private readonly log = new Logger('Jobs');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly queue: JobQueue,
    private readonly schedule: JobSchedule,
    private readonly role: RuntimeRole,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.role.runsWorkers) return;
    const names: string[] = [];
    for (const { instance, options, method } of this.handlers()) {
      const { name, every, expireInSeconds, ...work } = options;
      await this.queue.work(name, (jobs: Job<object>[]) => method.call(instance, jobs), work);
      if (every !== undefined) this.schedule.every(name, every, {}, { expireInSeconds });
      names.push(every !== undefined ? `${name} (every ${every} s)` : name);
    }
    this.log.debug(`job handlers: ${names.join(', ')}`);
  }

  /** Every decorated method, once per provider instance (singletons only). */
  private *handlers() {
    const seen = new Set<string>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const key of this.scanner.getAllMethodNames(proto)) {
        const method = proto[key] as (jobs: Job<object>[]) => Promise<void>;
        const options = this.reflector.get<OnJobOptions | undefined>(ON_JOB, method);
        if (!options) continue;
        if (seen.has(options.name)) throw new Error(`two @OnJob handlers for ${options.name}`);
        seen.add(options.name);
        yield { instance, options, method };
      }
    }
  }
}
