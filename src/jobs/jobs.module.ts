import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { RuntimeRole } from '../config/runtime-role';
import { JobHandlers } from './job-handlers';
import { JobQueue } from './job-queue';
import { JobSchedule } from './job-schedule';
import { PgBossJobQueue } from './pg-boss-job-queue';

/**
 * Background work for every feature: inject `JobQueue` to enqueue; mark a provider method
 * `@OnJob({ name, every? })` to handle a job (JobHandlers registers it on workers, with its
 * schedule). ScheduleModule is loaded only where workers run.
 */
@Module({})
export class JobsModule {
  static forRoot(role: RuntimeRole): DynamicModule {
    return {
      module: JobsModule,
      global: true,
      imports: [DiscoveryModule, ...(role.runsWorkers ? [ScheduleModule.forRoot()] : [])],
      providers: [
        PgBossJobQueue,
        { provide: JobQueue, useExisting: PgBossJobQueue },
        JobSchedule,
        JobHandlers,
      ],
      exports: [JobQueue, PgBossJobQueue, JobSchedule],
    };
  }
}
