import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last two foreign-key checks every ingested item or conversation paid for rows that are
 * never deleted, the same trade as HotPathForeignKeys:
 * - items.conversation_id: each check also locks the conversation row (FOR KEY SHARE), which
 *   writes WAL of its own — 11 MB of the 52 MB that 50,000 items wrote in a test;
 * - conversations.source_id: sources are disabled, never deleted (sources_never_deleted).
 * Conversations hold what customers wrote in order, so from now on they refuse DELETE like items.
 * Kept: conversations.customer_id and contacts.customer_id (linking contacts merges customers,
 * which deletes the merged rows).
 */
export class ConversationForeignKeys1732600090000 implements MigrationInterface {
  name = 'ConversationForeignKeys1732600090000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE items DROP CONSTRAINT items_conversation_id_fkey`);
    await q.query(`ALTER TABLE conversations DROP CONSTRAINT conversations_source_id_fkey`);
    await q.query(`CREATE TRIGGER conversations_never_deleted BEFORE DELETE ON conversations
      FOR EACH ROW EXECUTE FUNCTION otklik_refuse_delete()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER conversations_never_deleted ON conversations`);
    await q.query(`ALTER TABLE conversations ADD CONSTRAINT conversations_source_id_fkey
      FOREIGN KEY (source_id) REFERENCES sources(id) ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE items ADD CONSTRAINT items_conversation_id_fkey
      FOREIGN KEY (conversation_id) REFERENCES conversations(id) ON DELETE RESTRICT`);
  }
}
