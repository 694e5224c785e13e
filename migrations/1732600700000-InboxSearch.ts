import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, point 1: find anything in the inbox, at a million conversations.
 *
 * - items.search_tsv: the item's words, stemmed by its detected language (english for `en`,
 *   simple for `other`, russian for the rest: PostgreSQL's russian configuration stems Cyrillic
 *   words with the Russian stemmer and Latin ones with the English, so `mixed` and `translit`
 *   text is covered too), a stored generated column under a GIN index;
 * - items.order_refs: the number-like tokens of the text (order numbers, "A-12345"), a short
 *   generated column under a trigram index, so part of a number finds it;
 * - contacts: a trigram index over display name and username;
 * - conversations carry their newest message (last_text, last_direction) and language (of the
 *   newest customer item), kept by ConversationsRepository.refreshPreviews, so the queue's
 *   one-line preview is not a lateral join per row and language is a conversation filter;
 * - every queue tab has an index in the queue's order (due_at, priority DESC, id): per status,
 *   and across statuses for the All tab (which sorted every conversation before); date ranges
 *   read last_message_at; tags are found by tag;
 * - saved_views: a person's own views, a team's, and everyone's (the defaults, keyed).
 */
export class InboxSearch1732600700000 implements MigrationInterface {
  name = 'InboxSearch1732600700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`ALTER TABLE items ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
      CASE WHEN language = 'en' THEN to_tsvector('english'::regconfig, text)
           WHEN language = 'other' THEN to_tsvector('simple'::regconfig, text)
           ELSE to_tsvector('russian'::regconfig, text) END) STORED`);
    await q.query(`CREATE INDEX items_search_idx ON items USING gin (search_tsv)`);
    await q.query(`CREATE FUNCTION otklik_order_refs(t text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT string_agg(lower(m[1]), ' ')
          FROM regexp_matches(t, '((?:[[:alpha:]]{1,4}[-_#]?)?[0-9]{4,}(?:[-_][[:alnum:]]+)*)', 'g') AS m
      $$`);
    await q.query(
      `ALTER TABLE items ADD COLUMN order_refs text GENERATED ALWAYS AS (otklik_order_refs(text)) STORED`,
    );
    await q.query(`CREATE INDEX items_order_refs_idx ON items USING gin (order_refs gin_trgm_ops)
      WHERE order_refs IS NOT NULL`);
    await q.query(`CREATE INDEX contacts_name_trgm_idx ON contacts
      USING gin ((display_name || ' ' || COALESCE(username, '')) gin_trgm_ops)`);

    await q.query(`ALTER TABLE conversations ADD COLUMN last_text text,
      ADD COLUMN last_direction text CHECK (last_direction IN ('inbound', 'outbound')),
      ADD COLUMN language text`);
    await q.query(`UPDATE conversations c SET last_text = l.text, last_direction = l.direction, language = g.language
      FROM (SELECT DISTINCT ON (conversation_id) conversation_id, left(text, 500) AS text, direction
              FROM items WHERE conversation_id IS NOT NULL
             ORDER BY conversation_id, created_at_platform DESC, id DESC) l
      LEFT JOIN (SELECT DISTINCT ON (conversation_id) conversation_id, language
              FROM items WHERE conversation_id IS NOT NULL AND direction = 'inbound' AND language IS NOT NULL
             ORDER BY conversation_id, created_at_platform DESC, id DESC) g ON g.conversation_id = l.conversation_id
      WHERE c.id = l.conversation_id`);

    await q.query(`DROP INDEX conversations_queue_idx`);
    await q.query(`CREATE INDEX conversations_queue_idx ON conversations
      (status, due_at ASC NULLS LAST, priority DESC, id)`);
    await q.query(
      `CREATE INDEX conversations_all_idx ON conversations (due_at ASC NULLS LAST, priority DESC, id)`,
    );
    await q.query(`CREATE INDEX conversations_last_message_idx ON conversations (last_message_at)`);
    await q.query(
      `CREATE INDEX IF NOT EXISTS conversation_tags_tag_idx ON conversation_tags (tag_id, conversation_id)`,
    );

    await q.query(`CREATE TABLE saved_views (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      key text UNIQUE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
      owner_id uuid REFERENCES users(id) ON DELETE CASCADE,
      team_id uuid REFERENCES teams(id) ON DELETE CASCADE,
      filters jsonb NOT NULL DEFAULT '{}',
      position int NOT NULL DEFAULT 0,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (owner_id IS NULL OR team_id IS NULL)
    )`);
    await q.query(`CREATE INDEX saved_views_owner_idx ON saved_views (owner_id) WHERE owner_id IS NOT NULL`);
    await q.query(`CREATE INDEX saved_views_team_idx ON saved_views (team_id) WHERE team_id IS NOT NULL`);
    await q.query(`INSERT INTO saved_views (key, name, filters, position) VALUES
      ('breaching_soon', 'Скоро просрочка', '{"sla": "at_risk"}', 1),
      ('negative_vk', 'Негатив VK', '{"platform": "vk", "sentiment": "negative"}', 2),
      ('sales_unassigned', 'Продажи — без ответственного', '{"intent": "sales_question", "assignee": "unassigned"}', 3)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE saved_views`);
    await q.query(`DROP INDEX IF EXISTS conversation_tags_tag_idx`);
    await q.query(`DROP INDEX conversations_last_message_idx`);
    await q.query(`DROP INDEX conversations_all_idx`);
    await q.query(`DROP INDEX conversations_queue_idx`);
    await q.query(`CREATE INDEX conversations_queue_idx ON conversations (due_at ASC NULLS LAST, priority DESC)
      WHERE status = 'open'`);
    await q.query(
      `ALTER TABLE conversations DROP COLUMN language, DROP COLUMN last_direction, DROP COLUMN last_text`,
    );
    await q.query(`DROP INDEX contacts_name_trgm_idx`);
    await q.query(`ALTER TABLE items DROP COLUMN order_refs`);
    await q.query(`DROP FUNCTION otklik_order_refs(text)`);
    await q.query(`ALTER TABLE items DROP COLUMN search_tsv`);
  }
}
