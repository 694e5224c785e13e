import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { Job } from '../../src/jobs/job-queue';
import { OnJob } from '../../src/jobs/on-job';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startJobsRuntime, waitFor } from './jobs-runtime';

/** A feature's handlers, as any provider declares them. */
@Injectable()
class Greeter {
  readonly greeted: string[] = [];
  ticks = 0;

  @OnJob({ name: 'test.greet', batchSize: 5 })
  async greet(jobs: Job<{ who: string }>[]): Promise<void> {
    for (const j of jobs) this.greeted.push(j.data.who);
  }

  @OnJob({ name: 'test.tick', every: 60, expireInSeconds: 30 })
  async tick(): Promise<void> {
    this.ticks++;
  }
}

/** @OnJob: declared on the method, registered (with its schedule) by JobHandlers on workers only. */
describe('@OnJob handlers', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('registers every decorated method and its schedule on a worker, and runs them', async () => {
    const rt = await startJobsRuntime(db.url, { ROLE: 'worker' }, [Greeter]);
    try {
      expect(rt.boss.registeredWorkers()).toEqual(expect.arrayContaining(['test.greet', 'test.tick']));
      expect(rt.module.get(SchedulerRegistry).getIntervals()).toEqual(['every:test.tick']);
      const greeter = rt.module.get(Greeter);
      await rt.queue.enqueue('test.greet', { who: 'Ирина' });
      await waitFor(async () => greeter.greeted.length === 1);
      expect(greeter.greeted).toEqual(['Ирина']);
      // the schedule ticks once at start: one run of the scheduled job
      await waitFor(async () => greeter.ticks === 1);
    } finally {
      await rt.close();
    }
  });

  it('registers nothing on an API instance', async () => {
    const rt = await startJobsRuntime(db.url, { ROLE: 'api' }, [Greeter]);
    try {
      expect(rt.boss.registeredWorkers()).toEqual([]);
    } finally {
      await rt.close();
    }
  });
});
