import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * conversations.search_doc at ingest: the items INSERT trigger (1732601420000) updated each
 * conversation of a page a second time, after refreshPreviews' own UPDATE (~a third more database
 * CPU per item in bench:catchup). Ingest now adds a page's new lexemes in refreshPreviews' UPDATE
 * and says so for its transaction (`otklik.search_doc_by_caller`, set local); the trigger then
 * leaves those inserts alone. Every other insert (a delivered reply, seeds, a hand-made INSERT)
 * still goes through the trigger, and so does every change of an item (an edit, a move), ingest's
 * included: an edit can remove words, which needs the conversation recomputed from its items.
 */
export class SearchDocByIngest1732601440000 implements MigrationInterface {
  name = 'SearchDocByIngest1732601440000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION otklik_search_doc_added() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- ingest adds these lexemes itself, in the conversation UPDATE it makes anyway
        IF current_setting('otklik.search_doc_by_caller', true) = 'on' THEN
          RETURN NULL;
        END IF;
        -- the row's current lexemes plus the new ones: a concurrent insert's are kept (the UPDATE
        -- waits for it and then reads its committed row)
        UPDATE conversations c SET search_doc = strip(c.search_doc || n.doc)
          FROM (SELECT conversation_id, otklik_tsvector_agg(search_tsv) AS doc FROM search_doc_new
                 WHERE conversation_id IS NOT NULL GROUP BY 1) n
         WHERE c.id = n.conversation_id;
        RETURN NULL;
      END $$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION otklik_search_doc_added() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- the row's current lexemes plus the new ones: a concurrent insert's are kept (the UPDATE
        -- waits for it and then reads its committed row)
        UPDATE conversations c SET search_doc = strip(c.search_doc || n.doc)
          FROM (SELECT conversation_id, otklik_tsvector_agg(search_tsv) AS doc FROM search_doc_new
                 WHERE conversation_id IS NOT NULL GROUP BY 1) n
         WHERE c.id = n.conversation_id;
        RETURN NULL;
      END $$`);
  }
}
