import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Queryable, sqlOne, sqlRows } from '../database/sql';

export interface CustomerNoteRow {
  id: string;
  customerId: string;
  text: string;
  authorId: string | null;
  authorName: string | null;
  updatedBy: string | null;
  history: Array<{ text: string; editedAt: string; editedBy: string | null }>;
  createdAt: Date;
  updatedAt: Date;
}

/** How far back the "same phone or e-mail in a message" look goes (by when the clue was last written). */
const IDENTIFIER_WINDOW_DAYS = 180;

const NOTE_COLUMNS = `n.id, n.customer_id AS "customerId", n.text, n.author_id AS "authorId", u.name AS "authorName",
  n.updated_by AS "updatedBy", n.history, n.created_at AS "createdAt", n.updated_at AS "updatedAt"`;

/** Reads for the customer 360° and the one writer of customer_notes and customer_match_dismissals. */
@Injectable()
export class CustomersRepository {
  constructor(private readonly db: DataSource) {}

  customer(id: string) {
    return sqlOne<{ id: string; displayName: string; createdAt: Date }>(
      this.db,
      `SELECT id, display_name AS "displayName", created_at AS "createdAt" FROM customers WHERE id = $1`,
      [id],
    );
  }

  contacts(customerId: string) {
    return sqlRows<{
      id: string;
      platform: string;
      externalId: string;
      displayName: string | null;
      username: string | null;
      createdAt: Date;
      conversationCount: number;
    }>(
      this.db,
      `SELECT ct.id, ct.platform, ct.external_id AS "externalId", NULLIF(ct.display_name, '') AS "displayName",
              ct.username, ct.created_at AS "createdAt",
              (SELECT count(*)::int FROM conversations c WHERE c.contact_id = ct.id) AS "conversationCount"
         FROM contacts ct WHERE ct.customer_id = $1 ORDER BY ct.created_at, ct.id`,
      [customerId],
    );
  }

  conversations(customerId: string) {
    return sqlRows(
      this.db,
      `SELECT c.id, c.platform, c.source_id AS "sourceId", s.name AS "sourceName", c.status, c.subject, c.intent,
              c.sentiment_label AS "sentimentLabel", c.contact_id AS "contactId",
              c.first_message_at AS "firstMessageAt", c.last_message_at AS "lastMessageAt",
              (SELECT i.text FROM items i WHERE i.conversation_id = c.id
                ORDER BY i.created_at_platform DESC, i.id DESC LIMIT 1) AS "lastText"
         FROM conversations c JOIN sources s ON s.id = c.source_id
        WHERE c.customer_id = $1
        ORDER BY c.last_message_at DESC NULLS LAST, c.id LIMIT 200`,
      [customerId],
    );
  }

  /** Every item of every conversation of the customer, newest first. */
  items(customerId: string, limit: number) {
    return sqlRows(
      this.db,
      `SELECT i.id::text AS id, i.conversation_id AS "conversationId", i.platform, i.kind, i.direction,
              i.author_name AS "authorName", i.text, i.created_at_platform AS "createdAt",
              i.sentiment_label AS "sentimentLabel", i.sentiment_score AS "sentimentScore", i.intent
         FROM conversations c JOIN items i ON i.conversation_id = c.id
        WHERE c.customer_id = $1
        ORDER BY i.created_at_platform DESC, i.id DESC LIMIT $2`,
      [customerId, limit],
    );
  }

  /** The customer's own messages' sentiment, oldest first (the web app groups it by local day). */
  sentiment(customerId: string) {
    return sqlRows<{ at: Date; label: string; score: number | null }>(
      this.db,
      `SELECT at, label, score FROM (
         SELECT i.created_at_platform AS at, i.sentiment_label AS label, i.sentiment_score AS score
           FROM conversations c JOIN items i ON i.conversation_id = c.id
          WHERE c.customer_id = $1 AND i.direction = 'inbound' AND i.sentiment_label IS NOT NULL
          ORDER BY i.created_at_platform DESC LIMIT 1000) t ORDER BY at`,
      [customerId],
    );
  }

  notes(customerId: string): Promise<CustomerNoteRow[]> {
    return sqlRows<CustomerNoteRow>(
      this.db,
      `SELECT ${NOTE_COLUMNS} FROM customer_notes n LEFT JOIN users u ON u.id = n.author_id
        WHERE n.customer_id = $1 ORDER BY n.created_at DESC, n.id`,
      [customerId],
    );
  }

  note(db: Queryable, id: string): Promise<CustomerNoteRow | undefined> {
    return sqlOne<CustomerNoteRow>(
      db,
      `SELECT ${NOTE_COLUMNS} FROM customer_notes n LEFT JOIN users u ON u.id = n.author_id WHERE n.id = $1`,
      [id],
    );
  }

  async addNote(db: Queryable, customerId: string, authorId: string, text: string): Promise<string> {
    const row = await sqlOne<{ id: string }>(
      db,
      `INSERT INTO customer_notes (customer_id, author_id, text, updated_by) VALUES ($1, $2, $3, $2) RETURNING id`,
      [customerId, authorId, text],
    );
    return row!.id;
  }

  /** A new text; the one it replaces goes to the note's history with who wrote it and when. */
  async editNote(db: Queryable, id: string, text: string, userId: string): Promise<void> {
    await db.query(
      `UPDATE customer_notes SET
         history = history || jsonb_build_array(jsonb_build_object(
           'text', text, 'editedAt', updated_at, 'editedBy', COALESCE(updated_by, author_id))),
         text = $2, updated_by = $3, updated_at = now()
       WHERE id = $1`,
      [id, text, userId],
    );
  }

  /** The phone numbers and e-mails this customer's contacts wrote (`contact_clues`, from ingest). */
  async clues(customerId: string): Promise<string[]> {
    const rows = await sqlRows<{ clue: string }>(
      this.db,
      `SELECT DISTINCT cc.clue FROM contacts ct JOIN contact_clues cc ON cc.contact_id = ct.id
        WHERE ct.customer_id = $1 LIMIT 200`,
      [customerId],
    );
    return rows.map((r) => r.clue);
  }

  /**
   * Other customers' contacts who wrote one of these clues in the last IDENTIFIER_WINDOW_DAYS: a
   * look-up by the primary key (clue, contact), not a scan of their messages.
   */
  contactsWithClues(customerId: string, clues: string[]) {
    if (clues.length === 0) return Promise.resolve([]);
    return sqlRows<{ contactId: string; customerId: string; clues: string[] }>(
      this.db,
      `SELECT cc.contact_id AS "contactId", ct.customer_id AS "customerId", array_agg(cc.clue) AS clues
         FROM contact_clues cc JOIN contacts ct ON ct.id = cc.contact_id
        WHERE cc.clue = ANY($2::text[]) AND ct.customer_id <> $1
          AND cc.last_seen_at > now() - make_interval(days => $3)
        GROUP BY cc.contact_id, ct.customer_id
        LIMIT 200`,
      [customerId, clues, IDENTIFIER_WINDOW_DAYS],
    );
  }

  /** Contacts of other customers with the same full name as one of ours, on another platform. */
  sameNameContacts(customerId: string) {
    return sqlRows<{ contactId: string; customerId: string; nameKey: string }>(
      this.db,
      `SELECT DISTINCT o.id AS "contactId", o.customer_id AS "customerId",
              lower(translate(btrim(o.display_name), 'Ёё', 'Ее')) AS "nameKey"
         FROM contacts m
         JOIN contacts o ON lower(translate(btrim(o.display_name), 'Ёё', 'Ее'))
                          = lower(translate(btrim(m.display_name), 'Ёё', 'Ее'))
                        AND o.display_name <> '' AND o.platform <> m.platform AND o.customer_id <> m.customer_id
        WHERE m.customer_id = $1 AND m.display_name <> ''
        LIMIT 50`,
      [customerId],
    );
  }

  async dismissed(customerId: string): Promise<Set<string>> {
    const rows = await sqlRows<{ id: string }>(
      this.db,
      `SELECT contact_id AS id FROM customer_match_dismissals WHERE customer_id = $1`,
      [customerId],
    );
    return new Set(rows.map((r) => r.id));
  }

  async dismiss(db: Queryable, customerId: string, contactId: string, userId: string): Promise<void> {
    await db.query(
      `INSERT INTO customer_match_dismissals (customer_id, contact_id, dismissed_by) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [customerId, contactId, userId],
    );
  }

  /** The suggested contacts as the panel shows them. */
  contactsById(ids: string[]) {
    return sqlRows<{
      id: string;
      platform: string;
      externalId: string;
      displayName: string | null;
      username: string | null;
      customerId: string;
      customerName: string;
    }>(
      this.db,
      `SELECT ct.id, ct.platform, ct.external_id AS "externalId", NULLIF(ct.display_name, '') AS "displayName",
              ct.username, ct.customer_id AS "customerId", cu.display_name AS "customerName"
         FROM contacts ct JOIN customers cu ON cu.id = ct.customer_id WHERE ct.id = ANY ($1::uuid[])`,
      [ids],
    );
  }

  async contactExists(id: string): Promise<boolean> {
    return !!(await sqlOne(this.db, `SELECT 1 FROM contacts WHERE id = $1`, [id]));
  }
}
