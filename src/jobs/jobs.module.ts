import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { RuntimeRole } from '../config/runtime-role';
import { JobQueue } from './job-queue';
import { JobSchedule } from './job-schedule';
import { PgBossJobQueue } from './pg-boss-job-queue';

/**
 * Background work for every feature: inject `JobQueue` to enqueue and to register handlers,
 * `JobSchedule` for recurring jobs. ScheduleModule is loaded only where workers run.
 */
@Module({})
export class JobsModule {
  static forRoot(role: RuntimeRole): DynamicModule {
    return {
      module: JobsModule,
      global: true,
      imports: role.runsWorkers ? [ScheduleModule.forRoot()] : [],
      providers: [PgBossJobQueue, { provide: JobQueue, useExisting: PgBossJobQueue }, JobSchedule],
      exports: [JobQueue, PgBossJobQueue, JobSchedule],
    };
  }
}
