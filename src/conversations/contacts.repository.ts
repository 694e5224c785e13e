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
    await m.query(`UPDATE customer_notes SET customer_id = $1 WHERE customer_id = ANY($2::uuid[])`, [
      survivor,
      merged,
    ]);
    await m.query(
      `UPDATE customers s SET notes = NULLIF(concat_ws(E'\\n', s.notes, (SELECT string_agg(notes, E'\\n')
         FROM customers WHERE id = ANY($2::uuid[]))), ''), updated_at = now() WHERE s.id = $1`,
      [survivor, merged],
    );
    await m.query(`DELETE FROM customers WHERE id = ANY($1::uuid[])`, [merged]);
  }

  /** Locks one contact with its customer and counts the customer's contacts. */
  lockForUnlink(m: EntityManager, contactId: string) {
    return sqlRows<{ id: string; customerId: string; displayName: string; contacts: number }>(
      m,
      `SELECT ct.id, ct.customer_id AS "customerId", ct.display_name AS "displayName",
              (SELECT count(*)::int FROM contacts o WHERE o.customer_id = ct.customer_id) AS contacts
         FROM contacts ct JOIN customers cu ON cu.id = ct.customer_id
        WHERE ct.id = $1 FOR UPDATE OF ct, cu`,
      [contactId],
    ).then((r) => r[0]);
  }

  /** A customer of its own for a contact taken out of a customer (unlinking). */
  async splitOff(m: EntityManager, contactId: string, displayName: string): Promise<string> {
    const [row] = await sqlRows<{ id: string }>(
      m,
      `INSERT INTO customers (display_name) VALUES ($1) RETURNING id`,
      [displayName],
    );
    await m.query(`UPDATE contacts SET customer_id = $1, updated_at = now() WHERE id = $2`, [
      row.id,
      contactId,
    ]);
    return row.id;
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
