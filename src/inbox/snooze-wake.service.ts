import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { OnJob } from '../jobs/on-job';
import { wake } from '../conversations/conversation-lifecycle';
import { ConversationsRepository } from '../conversations/conversations.repository';
import { SlaPolicyService } from '../sla/sla-policy.service';
import { conversationUpdated, publishInboxEvents } from './inbox-events';

export const WAKE_SNOOZED_JOB = 'inbox.wake-snoozed';
const WAKE_INTERVAL_SECONDS = 30;
const WAKE_BATCH = 200;

/**
 * Snoozed conversations come back to the queue when their time is up: a 30 s JobSchedule job on
 * workers (one run per slot across instances) sets them open again, audits each (no actor: the
 * system did it) and tells the live inbox (a `conversation.updated` event) in the same transaction.
 * A snooze paused the SLA clock; the wake-up resumes it from the snooze's end (see wake()).
 */
@Injectable()
export class SnoozeWakeService {
  private readonly log = new Logger('SnoozeWake');

  constructor(
    private readonly db: DataSource,
    private readonly conversations: ConversationsRepository,
    private readonly policies: SlaPolicyService,
    private readonly audit: AuditService,
  ) {}

  @OnJob({ name: WAKE_SNOOZED_JOB, every: WAKE_INTERVAL_SECONDS })
  async wakeJob(): Promise<void> {
    await this.wakeDue();
  }

  /**
   * Wakes every due conversation, a batch per transaction (status, audit rows and the event commit
   * together), and returns their ids.
   */
  async wakeDue(batchSize = WAKE_BATCH): Promise<string[]> {
    const woken: string[] = [];
    const rules = await this.policies.clockRules();
    for (;;) {
      const batch = await this.db.transaction(async (tx) => {
        const rows = await this.conversations.lockDueSnoozed(tx, batchSize);
        const now = new Date();
        await this.conversations.save(
          tx,
          rows.map((r) => wake(r, now, rules)),
        );
        for (const r of rows) {
          await this.audit.record(
            null,
            'conversation.woke',
            'conversation',
            r.id,
            { from: 'snoozed', to: 'open', snoozedUntil: r.snoozedUntil },
            tx,
          );
        }
        await publishInboxEvents(tx, [
          conversationUpdated(
            rows.map((r) => r.id),
            { status: 'open', snoozedUntil: null },
          ),
        ]);
        return rows;
      });
      woken.push(...batch.map((r) => r.id));
      if (batch.length < batchSize) break;
    }
    if (woken.length > 0) this.log.log(`woke ${woken.length} snoozed conversation(s)`);
    return woken;
  }
}
