import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: search that is fast for a word in 2 % of the messages and for one in 60 of them.
 *
 * Searching items' own GIN index finds every matching message, then each one's conversation, then
 * the first page in queue order: fine for a rare word, 1.5–5 s for a common one (100,000 items
 * read). Walking the queue in order and probing each conversation's items stops at a page, but
 * costs ~8 buffers per conversation, and a rare word walks everything.
 *
 * conversations.search_doc holds every lexeme of the conversation's messages (each stemmed by its
 * item's language, as items.search_tsv; positions stripped, so its size is bounded by the
 * vocabulary, not the length of the conversation), under a GIN index. Then both plans are cheap
 * and the planner chooses by the lexemes' frequencies: a common word walks the queue's index
 * testing one column of the row it reads anyway; a rare one reads its few conversations from the
 * GIN index and sorts them. Phrases need positions: they are checked against the items (see
 * InboxRepository).
 *
 * Kept by statement triggers on items: a new message adds its lexemes; a change of an item's text,
 * language or conversation recomputes the conversations involved from their items.
 */
export class ConversationSearchDoc1732601420000 implements MigrationInterface {
  name = 'ConversationSearchDoc1732601420000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE AGGREGATE otklik_tsvector_agg(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '')`,
    );
    await q.query(`ALTER TABLE conversations ADD COLUMN search_doc tsvector NOT NULL DEFAULT ''`);
    // VOLATILE: re-run for the newest row version when the UPDATE had to wait for another
    // transaction's (read committed), it reads that transaction's items too
    await q.query(`CREATE FUNCTION otklik_search_doc_of(conversation uuid) RETURNS tsvector LANGUAGE sql VOLATILE AS $$
      SELECT strip(otklik_tsvector_agg(search_tsv)) FROM items WHERE conversation_id = conversation
    $$`);
    await q.query(`CREATE FUNCTION otklik_search_doc_added() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- the row's current lexemes plus the new ones: a concurrent insert's are kept (the UPDATE
        -- waits for it and then reads its committed row)
        UPDATE conversations c SET search_doc = strip(c.search_doc || n.doc)
          FROM (SELECT conversation_id, otklik_tsvector_agg(search_tsv) AS doc FROM search_doc_new
                 WHERE conversation_id IS NOT NULL GROUP BY 1) n
         WHERE c.id = n.conversation_id;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION otklik_search_doc_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE conversations c SET search_doc = COALESCE(otklik_search_doc_of(c.id), '')
         WHERE c.id IN (
           SELECT x.id FROM search_doc_new n JOIN search_doc_old o ON o.id = n.id,
                  LATERAL (VALUES (n.conversation_id), (o.conversation_id)) x(id)
            WHERE x.id IS NOT NULL AND (n.search_tsv IS DISTINCT FROM o.search_tsv
                  OR n.conversation_id IS DISTINCT FROM o.conversation_id));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER items_search_doc_added AFTER INSERT ON items
      REFERENCING NEW TABLE AS search_doc_new FOR EACH STATEMENT EXECUTE FUNCTION otklik_search_doc_added()`);
    await q.query(`CREATE TRIGGER items_search_doc_changed AFTER UPDATE ON items
      REFERENCING OLD TABLE AS search_doc_old NEW TABLE AS search_doc_new
      FOR EACH STATEMENT EXECUTE FUNCTION otklik_search_doc_changed()`);
    await q.query(`UPDATE conversations c SET search_doc = d.doc
      FROM (SELECT conversation_id, strip(otklik_tsvector_agg(search_tsv)) AS doc FROM items
             WHERE conversation_id IS NOT NULL GROUP BY 1) d
      WHERE c.id = d.conversation_id`);
    await q.query(`CREATE INDEX conversations_search_idx ON conversations USING gin (search_doc)`);
    // the estimates decide walk or index: keep more lexemes' frequencies than the default 1,000
    await q.query(`ALTER TABLE conversations ALTER COLUMN search_doc SET STATISTICS 1000`);
    await q.query(`ANALYZE conversations`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX conversations_search_idx`);
    await q.query(`DROP TRIGGER items_search_doc_changed ON items`);
    await q.query(`DROP TRIGGER items_search_doc_added ON items`);
    await q.query(`DROP FUNCTION otklik_search_doc_changed()`);
    await q.query(`DROP FUNCTION otklik_search_doc_added()`);
    await q.query(`DROP FUNCTION otklik_search_doc_of(uuid)`);
    await q.query(`ALTER TABLE conversations DROP COLUMN search_doc`);
    await q.query(`DROP AGGREGATE otklik_tsvector_agg(tsvector)`);
  }
}
