import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sqlRows } from '../database/sql';

export interface LockedContact {
  id: string;
  customerId: string;
  customerCreatedAt: Date;
}

/** contacts and customers, for linking one person's contacts into one customer. */
@Injectable()
export class ContactsRepository {
  /** Locks the contacts and their customers, oldest customer first. */
  lockWithCustomers(m: EntityManager, contactIds: readonly string[]): Promise<LockedContact[]> {
    return sqlRows<LockedContact>(
      m,
      `SELECT ct.id, ct.customer_id AS "customerId", cu.created_at AS "customerCreatedAt"
         FROM contacts ct JOIN customers cu ON cu.id = ct.customer_id
        WHERE ct.id = ANY($1::uuid[]) ORDER BY cu.created_at, cu.id FOR UPDATE OF ct, cu`,
      [contactIds],
    );
  }

  /** Moves the merged customers' contacts to the survivor. */
  async moveContacts(m: EntityManager, survivor: string, merged: readonly string[]): Promise<void> {
    await m.query(
      `UPDATE contacts SET customer_id = $1, updated_at = now() WHERE customer_id = ANY($2::uuid[])`,
      [survivor, merged],
    );
  }

  /** Keeps the merged customers' notes on the survivor, then removes the emptied customers. */
  async mergeCustomers(m: EntityManager, survivor: string, merged: readonly string[]): Promise<void> {
    await m.query(
      `UPDATE customers s SET notes = NULLIF(concat_ws(E'\\n', s.notes, (SELECT string_agg(notes, E'\\n')
         FROM customers WHERE id = ANY($2::uuid[]))), ''), updated_at = now() WHERE s.id = $1`,
      [survivor, merged],
    );
    await m.query(`DELETE FROM customers WHERE id = ANY($1::uuid[])`, [merged]);
  }

  async contactIdsOf(m: EntityManager, customerId: string): Promise<string[]> {
    const rows = await sqlRows<{ id: string }>(
      m,
      `SELECT id FROM contacts WHERE customer_id = $1 ORDER BY created_at`,
      [customerId],
    );
    return rows.map((r) => r.id);
  }
}
