import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { RuntimeRole } from '../config/runtime-role';
import { JobQueue } from '../jobs/job-queue';
import { JobSchedule } from '../jobs/job-schedule';
import { InboxEventsRepository, RETENTION_HOURS } from './inbox-events.repository';

export const PRUNE_INBOX_EVENTS_JOB = 'inbox-events.prune';

/** Workers drop streamed inbox events after RETENTION_HOURS (once per 10 minutes across instances). */
@Injectable()
export class InboxEventsPruneService implements OnModuleInit {
  private readonly log = new Logger('InboxEvents');

  constructor(
    private readonly events: InboxEventsRepository,
    private readonly jobs: JobQueue,
    private readonly schedule: JobSchedule,
    private readonly role: RuntimeRole,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.role.runsWorkers) return;
    await this.jobs.work(PRUNE_INBOX_EVENTS_JOB, async () => {
      const n = await this.events.prune();
      if (n > 0) this.log.log(`pruned ${n} inbox events older than ${RETENTION_HOURS} h`);
    });
    this.schedule.every(PRUNE_INBOX_EVENTS_JOB, 600);
  }
}
