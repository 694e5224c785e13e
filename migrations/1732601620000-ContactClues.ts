import { MigrationInterface, QueryRunner } from 'typeorm';
import { contactClues } from '../src/customers/identity';

/**
 * Issue 12.4: the customer panel's "same phone or e-mail" suggestion read 180 days of items and
 * ran a regular expression over each on every panel open. Ingest now stores what it finds in an
 * inbound message (`extractIdentifiers`, the same rule the panel used) as clues per contact: one
 * row per contact and phone number or e-mail, with when it was last written. The panel looks them
 * up by the primary key. This backfills the last 180 days (items that may hold a clue only).
 */
export class ContactClues1732601620000 implements MigrationInterface {
  name = 'ContactClues1732601620000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE contact_clues (
      clue text NOT NULL,
      contact_id uuid NOT NULL,
      last_seen_at timestamptz NOT NULL,
      PRIMARY KEY (clue, contact_id)
    )`);
    await q.query(`CREATE INDEX contact_clues_contact_idx ON contact_clues (contact_id)`);
    let after = '0';
    for (;;) {
      const rows: { id: string; contact_id: string; text: string; at: Date }[] = await q.query(
        `SELECT id::text, contact_id, text, created_at_platform AS at FROM items
          WHERE id > $1::bigint AND direction = 'inbound' AND contact_id IS NOT NULL
            AND created_at_platform > now() - interval '180 days' AND (text LIKE '%@%' OR text ~ '\\d{3}')
          ORDER BY id LIMIT 5000`,
        [after],
      );
      if (rows.length === 0) break;
      after = rows[rows.length - 1].id;
      const found = new Map<string, { clue: string; contactId: string; at: Date }>();
      for (const r of rows)
        for (const clue of contactClues(r.text)) {
          const key = `${clue} ${r.contact_id}`;
          const prev = found.get(key);
          if (!prev || prev.at < r.at) found.set(key, { clue, contactId: r.contact_id, at: r.at });
        }
      if (found.size === 0) continue;
      const list = [...found.values()];
      await q.query(
        `INSERT INTO contact_clues (clue, contact_id, last_seen_at)
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::timestamptz[])
         ON CONFLICT (clue, contact_id) DO UPDATE SET last_seen_at = GREATEST(contact_clues.last_seen_at, EXCLUDED.last_seen_at)`,
        [list.map((x) => x.clue), list.map((x) => x.contactId), list.map((x) => x.at)],
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contact_clues`);
  }
}
