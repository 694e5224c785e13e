import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConversationsRepository } from './conversations.repository';

export interface LinkResult {
  customerId: string;
  contactIds: string[];
}

/**
 * Links contacts of one person (e.g. their VK and Telegram accounts) into one customer, so the
 * inbox shows the whole story. The oldest customer survives; the others' contacts and
 * conversations move to it, notes are kept, and the emptied customers are removed.
 */
@Injectable()
export class ContactsService {
  constructor(
    private readonly ds: DataSource,
    private readonly conversations: ConversationsRepository,
  ) {}

  async link(contactIds: string[], actorId?: string): Promise<LinkResult> {
    const ids = [...new Set(contactIds)];
    if (ids.length < 2) throw new BadRequestException('link needs at least two different contacts');
    return this.ds.transaction(async (m) => {
      const rows: { id: string; customer_id: string; created_at: Date }[] = await m.query(
        `SELECT ct.id, ct.customer_id, cu.created_at FROM contacts ct JOIN customers cu ON cu.id = ct.customer_id
         WHERE ct.id = ANY($1::uuid[]) ORDER BY cu.created_at, cu.id FOR UPDATE OF ct, cu`,
        [ids],
      );
      const missing = ids.filter((id) => !rows.some((r) => r.id === id));
      if (missing.length > 0) throw new NotFoundException(`unknown contacts: ${missing.join(', ')}`);
      const survivor = rows[0].customer_id;
      const merged = [...new Set(rows.map((r) => r.customer_id))].filter((c) => c !== survivor);
      if (merged.length > 0) {
        await m.query(
          `UPDATE contacts SET customer_id = $1, updated_at = now() WHERE customer_id = ANY($2::uuid[])`,
          [survivor, merged],
        );
        await this.conversations.moveToCustomer(m, survivor, merged);
        await m.query(
          `UPDATE customers s SET notes = NULLIF(concat_ws(E'\\n', s.notes, (SELECT string_agg(notes, E'\\n')
             FROM customers WHERE id = ANY($2::uuid[]))), ''), updated_at = now() WHERE s.id = $1`,
          [survivor, merged],
        );
        await m.query(`DELETE FROM customers WHERE id = ANY($1::uuid[])`, [merged]);
      }
      await m.query(
        `INSERT INTO audit_log (actor_id, action, entity_type, entity_id, data) VALUES ($1, 'contacts.link', 'customer', $2, $3)`,
        [actorId ?? null, survivor, { contactIds: ids, mergedCustomers: merged }],
      );
      const all: { id: string }[] = await m.query(
        `SELECT id FROM contacts WHERE customer_id = $1 ORDER BY created_at`,
        [survivor],
      );
      return { customerId: survivor, contactIds: all.map((r) => r.id) };
    });
  }
}
