import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ContactsRepository } from './contacts.repository';
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
    private readonly contacts: ContactsRepository,
    private readonly conversations: ConversationsRepository,
    private readonly audit: AuditService,
  ) {}

  async link(contactIds: string[], actorId?: string): Promise<LinkResult> {
    const ids = [...new Set(contactIds)];
    if (ids.length < 2) throw new BadRequestException('link needs at least two different contacts');
    return this.ds.transaction(async (m) => {
      const rows = await this.contacts.lockWithCustomers(m, ids);
      const missing = ids.filter((id) => !rows.some((r) => r.id === id));
      if (missing.length > 0) throw new NotFoundException(`unknown contacts: ${missing.join(', ')}`);
      const survivor = rows[0].customerId;
      const merged = [...new Set(rows.map((r) => r.customerId))].filter((c) => c !== survivor);
      if (merged.length > 0) {
        await this.contacts.moveContacts(m, survivor, merged);
        await this.conversations.moveToCustomer(m, survivor, merged);
        await this.contacts.mergeCustomers(m, survivor, merged);
      }
      await this.audit.record(
        actorId ?? null,
        'contacts.link',
        'customer',
        survivor,
        { contactIds: ids, mergedCustomers: merged },
        m,
      );
      return { customerId: survivor, contactIds: await this.contacts.contactIdsOf(m, survivor) };
    });
  }

  /**
   * Takes a contact out of its customer (linked by mistake): it becomes a customer of its own
   * and its conversations go with it; the notes stay with the customer they were written on.
   */
  async unlink(contactId: string, actorId: string | null): Promise<LinkResult & { fromCustomerId: string }> {
    return this.ds.transaction(async (m) => {
      const row = await this.contacts.lockForUnlink(m, contactId);
      if (!row) throw new NotFoundException('contact not found');
      if (row.contacts < 2) throw new BadRequestException('the contact is the only one of its customer');
      const customerId = await this.contacts.splitOff(m, contactId, row.displayName);
      const moved = await this.conversations.moveContactToCustomer(m, contactId, customerId);
      await this.audit.record(
        actorId,
        'contacts.unlink',
        'customer',
        row.customerId,
        { contactId, newCustomerId: customerId, conversations: moved },
        m,
      );
      return { customerId, contactIds: [contactId], fromCustomerId: row.customerId };
    });
  }
}
