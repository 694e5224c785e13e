import { Injectable, Logger } from '@nestjs/common';
import { OnJob } from '../jobs/on-job';
import { InboxEventsRepository, RETENTION_HOURS } from './inbox-events.repository';

export const PRUNE_INBOX_EVENTS_JOB = 'inbox-events.prune';

/** Workers drop streamed inbox events after RETENTION_HOURS (once per 10 minutes across instances). */
@Injectable()
export class InboxEventsPruneService {
  private readonly log = new Logger('InboxEvents');

  constructor(private readonly events: InboxEventsRepository) {}

  @OnJob({ name: PRUNE_INBOX_EVENTS_JOB, every: 600 })
  async prune(): Promise<void> {
    const n = await this.events.prune();
    if (n > 0) this.log.log(`pruned ${n} inbox events older than ${RETENTION_HOURS} h`);
  }
}
