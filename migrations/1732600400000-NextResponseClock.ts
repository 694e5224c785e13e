import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SLA clock becomes a next-response clock (issue 10, src/conversations/conversation-lifecycle.ts):
 * our answer, resolving and snoozing stop or pause it; a customer message after our answer starts
 * a new one, so a running clock may now follow a first response. The sweep's partial index no
 * longer excludes answered conversations and looks at status: it holds counting, unbreached clocks
 * on open and pending conversations (the predicate of runningClock()).
 *
 * Existing rows are brought under the same rules: a resolved conversation's countdown stops, and
 * a snoozed one's pauses now (it resumes at its wake-up).
 */
export class NextResponseClock1732600400000 implements MigrationInterface {
  name = 'NextResponseClock1732600400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE conversations SET due_at = NULL, sla_paused_at = NULL
      WHERE status = 'resolved' AND (due_at IS NOT NULL OR sla_paused_at IS NOT NULL)`);
    await q.query(`UPDATE conversations SET sla_paused_at = now()
      WHERE status = 'snoozed' AND due_at IS NOT NULL AND sla_paused_at IS NULL`);
    await q.query(`DROP INDEX conversations_sla_sweep_idx`);
    await q.query(`CREATE INDEX conversations_sla_sweep_idx ON conversations (due_at)
      WHERE due_at IS NOT NULL AND sla_paused_at IS NULL AND status IN ('open', 'pending')
        AND sla_breached_at IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX conversations_sla_sweep_idx`);
    await q.query(`CREATE INDEX conversations_sla_sweep_idx ON conversations (due_at)
      WHERE due_at IS NOT NULL AND first_response_at IS NULL AND sla_breached_at IS NULL`);
  }
}
