import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12.4, the customer 360°. Notes about a person become rows of their own
 * (`customer_notes`): never deleted, edited with the previous texts kept in `history`; the old
 * single `customers.notes` text becomes each customer's first note. Linking contacts moves the
 * notes to the surviving customer. A suggestion that two contacts are one person, once a person
 * said they are not, is remembered (`customer_match_dismissals`). Contacts are found by name
 * (`contacts_name_idx`) for the "same name on two platforms" suggestion.
 */
export class CustomerNotes1732601010000 implements MigrationInterface {
  name = 'CustomerNotes1732601010000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE customer_notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE RESTRICT,
      author_id uuid REFERENCES users(id) ON DELETE SET NULL,
      text text NOT NULL CHECK (length(text) > 0),
      history jsonb NOT NULL DEFAULT '[]',
      updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX customer_notes_customer_idx ON customer_notes (customer_id, created_at)`);
    await q.query(`CREATE TRIGGER customer_notes_never_deleted BEFORE DELETE ON customer_notes
      FOR EACH ROW EXECUTE FUNCTION otklik_refuse_delete()`);
    await q.query(`INSERT INTO customer_notes (customer_id, text, created_at, updated_at)
      SELECT id, notes, updated_at, updated_at FROM customers WHERE COALESCE(btrim(notes), '') <> ''`);

    await q.query(`CREATE TABLE customer_match_dismissals (
      customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      dismissed_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (customer_id, contact_id)
    )`);
    await q.query(`CREATE INDEX contacts_name_idx ON contacts (lower(translate(btrim(display_name), 'Ёё', 'Ее')))
      WHERE display_name <> ''`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX contacts_name_idx`);
    await q.query(`DROP TABLE customer_match_dismissals`);
    await q.query(`DROP TABLE customer_notes`);
  }
}
