import { Writable } from 'node:stream';
import type { Provider } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { loadConfig } from '../../src/config/config';
import { ConfigModule } from '../../src/config/config.module';
import { RuntimeRole } from '../../src/config/runtime-role';
import { DatabaseModule } from '../../src/database/database.module';
import { JobQueue } from '../../src/jobs/job-queue';
import { JobSchedule } from '../../src/jobs/job-schedule';
import { JobsModule } from '../../src/jobs/jobs.module';
import { PgBossJobQueue } from '../../src/jobs/pg-boss-job-queue';
import { Metrics } from '../../src/observability/metrics.service';
import { ObservabilityModule } from '../../src/observability/observability.module';

export interface JobsRuntime {
  module: TestingModule;
  queue: JobQueue;
  boss: PgBossJobQueue;
  schedule: JobSchedule;
  metrics: Metrics;
  /** JSON log lines written so far. */
  logs: string[];
  close(): Promise<void>;
}

/** Just the jobs wiring (config, TypeORM, logs/metrics, JobsModule) on a given database. */
export async function startJobsRuntime(
  databaseUrl: string,
  env: Record<string, string> = {},
  /** Extra providers (e.g. ones with @OnJob handlers). */
  providers: Provider[] = [],
): Promise<JobsRuntime> {
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      JOB_RETRY_LIMIT: '2',
      JOB_RETRY_DELAY_SECONDS: '1',
      ...env,
      DATABASE_URL: databaseUrl,
    },
    '/nonexistent',
  );
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  const module = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      DatabaseModule.forRoot(databaseUrl, 4),
      ObservabilityModule.forRoot(config, sink),
      JobsModule.forRoot(new RuntimeRole(config.ROLE)),
    ],
    providers,
  }).compile();
  module.useLogger(module.get(PinoNestLogger));
  await module.init();
  return {
    module,
    queue: module.get(JobQueue),
    boss: module.get(PgBossJobQueue),
    schedule: module.get(JobSchedule),
    metrics: module.get(Metrics),
    logs,
    close: () => module.close(),
  };
}

export async function waitFor<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 20000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
