import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: the open, pending and snoozed tabs are walked in queue order whatever the filters
 * (InboxRepository: their plain filters are kept off the other indexes). This index holds those
 * tabs in that order with every column a filter or a saved view's count tests, so a filtered
 * walk or a count reads index pages only (visibility permitting), not a heap page per
 * conversation: in a million conversations the open ones are spread over the whole table.
 */
export class WalkedTabsIndex1732601430000 implements MigrationInterface {
  name = 'WalkedTabsIndex1732601430000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX conversations_walked_idx ON conversations
      (status, due_at ASC NULLS LAST, priority DESC, id)
      INCLUDE (platform, source_id, sentiment_label, intent, language, team_id, assignee_id, tag_ids,
               sla_breached_at, sla_warned_80_at, last_message_at, first_message_at)
      WHERE status IN ('open', 'pending', 'snoozed')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX conversations_walked_idx`);
  }
}
