import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { SessionUser } from '../users/user.types';
import { CustomersRepository } from './customers.repository';
import { cluesToIdentifiers, nameKey, suggestSamePerson } from './identity';

const ITEMS = 200;

/**
 * The customer 360°: every contact on every platform, every conversation and item, their
 * sentiment over time and the team's notes; and the contacts that are likely the same person,
 * for someone to confirm (linking is ContactsService's, in src/conversations/).
 */
@Injectable()
export class CustomersService {
  constructor(
    private readonly db: DataSource,
    private readonly customers: CustomersRepository,
    private readonly audit: AuditService,
  ) {}

  async get(id: string) {
    const customer = await this.customers.customer(id);
    if (!customer) throw new NotFoundException('customer not found');
    const [contacts, conversations, items, sentiment, notes] = await Promise.all([
      this.customers.contacts(id),
      this.customers.conversations(id),
      this.customers.items(id, ITEMS),
      this.customers.sentiment(id),
      this.customers.notes(id),
    ]);
    return { customer, contacts, conversations, items, sentiment, notes };
  }

  /**
   * Contacts of other customers who are likely this person: the same phone number or e-mail
   * written in messages, or the same full name on another platform. Never merged here.
   */
  async suggestions(id: string) {
    const customer = await this.customers.customer(id);
    if (!customer) throw new NotFoundException('customer not found');
    // the clues ingest stored (contact_clues): no message is read or parsed here
    const [clues, sameName, dismissed] = await Promise.all([
      this.customers.clues(id),
      this.customers.sameNameContacts(id),
      this.customers.dismissed(id),
    ]);
    const mine = cluesToIdentifiers(clues);
    const others = await this.customers.contactsWithClues(id, clues);
    const named = sameName.filter((c) => nameKey(c.nameKey) !== null);
    const found = [
      ...others.map((o) => ({
        contactId: o.contactId,
        customerId: o.customerId,
        identifiers: cluesToIdentifiers(o.clues),
      })),
      ...named.map((c) => ({ contactId: c.contactId, customerId: c.customerId, reason: 'name' as const })),
    ];
    const suggestions = suggestSamePerson(mine, id, found, dismissed, named[0]?.nameKey ?? null).slice(0, 20);
    // the name reason carries the other contact's own name key
    for (const s of suggestions)
      for (const r of s.reasons)
        if (r.reason === 'name') r.value = named.find((n) => n.contactId === s.contactId)?.nameKey ?? r.value;
    const contacts = new Map(
      (await this.customers.contactsById(suggestions.map((s) => s.contactId))).map((c) => [c.id, c]),
    );
    return suggestions.flatMap((s) => {
      const contact = contacts.get(s.contactId);
      return contact ? [{ contact, reasons: s.reasons }] : [];
    });
  }

  async dismissSuggestion(id: string, contactId: string, user: SessionUser) {
    if (!(await this.customers.customer(id))) throw new NotFoundException('customer not found');
    if (!(await this.customers.contactExists(contactId))) throw new NotFoundException('contact not found');
    await this.db.transaction(async (tx) => {
      await this.customers.dismiss(tx, id, contactId, user.id);
      await this.audit.record(user.id, 'customer.match_dismissed', 'customer', id, { contactId }, tx);
    });
  }

  async addNote(customerId: string, text: string, user: SessionUser) {
    if (!(await this.customers.customer(customerId))) throw new NotFoundException('customer not found');
    return this.db.transaction(async (tx) => {
      const noteId = await this.customers.addNote(tx, customerId, user.id, text);
      await this.audit.record(user.id, 'customer.note_added', 'customer', customerId, { noteId }, tx);
      return (await this.customers.note(tx, noteId))!;
    });
  }

  /** Notes are never deleted; the author (or an admin) edits one, and the old text stays in its history. */
  async editNote(customerId: string, noteId: string, text: string, user: SessionUser) {
    return this.db.transaction(async (tx) => {
      const note = await this.customers.note(tx, noteId);
      if (!note || note.customerId !== customerId) throw new NotFoundException('note not found');
      if (note.authorId !== user.id && user.role !== 'admin')
        throw new ForbiddenException('only the author or an admin edits a note');
      await this.customers.editNote(tx, noteId, text, user.id);
      await this.audit.record(user.id, 'customer.note_edited', 'customer', customerId, { noteId }, tx);
      return (await this.customers.note(tx, noteId))!;
    });
  }
}
