import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every ingested item pays one trigger per foreign key; on a catch-up of 50,000 comments the
 * seven checks on items and conversations cost more than the inserts themselves (measured: 2.2 s
 * with them, 0.85 s without). Four of them guard rows that are never deleted anyway, so they are
 * replaced by a refusal to delete those rows:
 * - items.source_id, conversations.sla_policy_id: sources and SLA policies are disabled, never
 *   deleted;
 * - items.contact_id, conversations.contact_id: a contact is a customer's identity on a platform.
 * Kept: items.conversation_id (an item's thread) and conversations.source_id / customer_id
 * (customers are merged by linking contacts, which deletes the merged rows).
 */
export class HotPathForeignKeys1732600080000 implements MigrationInterface {
  name = 'HotPathForeignKeys1732600080000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE items DROP CONSTRAINT items_source_id_fkey, DROP CONSTRAINT items_contact_id_fkey`,
    );
    await q.query(
      `ALTER TABLE conversations DROP CONSTRAINT conversations_contact_id_fkey,
         DROP CONSTRAINT conversations_sla_policy_id_fkey`,
    );
    for (const table of ['sources', 'contacts', 'sla_policies']) {
      await q.query(`CREATE TRIGGER ${table}_never_deleted BEFORE DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION otklik_refuse_delete()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ['sources', 'contacts', 'sla_policies']) {
      await q.query(`DROP TRIGGER ${table}_never_deleted ON ${table}`);
    }
    await q.query(`ALTER TABLE conversations
      ADD CONSTRAINT conversations_sla_policy_id_fkey FOREIGN KEY (sla_policy_id) REFERENCES sla_policies(id) ON DELETE SET NULL,
      ADD CONSTRAINT conversations_contact_id_fkey FOREIGN KEY (contact_id) REFERENCES contacts(id) ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE items
      ADD CONSTRAINT items_contact_id_fkey FOREIGN KEY (contact_id) REFERENCES contacts(id) ON DELETE RESTRICT,
      ADD CONSTRAINT items_source_id_fkey FOREIGN KEY (source_id) REFERENCES sources(id) ON DELETE RESTRICT`);
  }
}
