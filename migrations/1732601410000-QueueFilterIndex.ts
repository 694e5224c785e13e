import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: an index path for every combination of the queue's filters, at a million
 * conversations. The queue's ordered indexes serve a filter that keeps many rows (walk in order,
 * stop at a page); a selective combination ("English complaints with a tag, any status": a few
 * hundred of a million) needs the matching rows found without a walk. One GIN index (btree_gin
 * for the plain columns) over platform, source, sentiment, intent, language, team, assignee and
 * the conversation's tags answers any AND of them by intersecting posting lists; the planner
 * picks between it and the ordered walk by their estimates. Status is left out on purpose: the
 * open, pending and snoozed tabs are small and walked in order (their index is per status), and
 * with status in it the planner, misjudging correlated conditions ("breached sales questions" as
 * 24 rows of 6,590), chose to fetch and sort thousands of rows instead of walking a few hundred.
 *
 * conversations.tag_ids mirrors conversation_tags (sorted ids), kept by a statement trigger on
 * conversation_tags, so tags take part in the same index (every write path, including a tag's
 * deletion cascading, goes through it).
 */
export class QueueFilterIndex1732601410000 implements MigrationInterface {
  name = 'QueueFilterIndex1732601410000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await q.query(`ALTER TABLE conversations ADD COLUMN tag_ids uuid[] NOT NULL DEFAULT '{}'`);
    // Incremental (the row's current ids minus the removed plus the added), not recomputed from
    // conversation_tags: two transactions tagging one conversation at once both see only their
    // own row, but the second UPDATE waits for the first and then works on its committed tag_ids.
    await q.query(`CREATE FUNCTION otklik_conversation_tag_ids() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE conversations c
             SET tag_ids = ARRAY(SELECT DISTINCT x FROM unnest(c.tag_ids || n.ids) x ORDER BY x)
            FROM (SELECT conversation_id, array_agg(tag_id) AS ids FROM tag_ids_new GROUP BY 1) n
           WHERE c.id = n.conversation_id;
        ELSIF TG_OP = 'DELETE' THEN
          UPDATE conversations c
             SET tag_ids = ARRAY(SELECT x FROM unnest(c.tag_ids) x WHERE x <> ALL (o.ids) ORDER BY x)
            FROM (SELECT conversation_id, array_agg(tag_id) AS ids FROM tag_ids_old GROUP BY 1) o
           WHERE c.id = o.conversation_id;
        ELSE
          UPDATE conversations c
             SET tag_ids = ARRAY(SELECT x FROM unnest(c.tag_ids) x WHERE x <> ALL (COALESCE(d.gone, '{}'))
                                 UNION SELECT unnest(d.came) ORDER BY 1)
            FROM (SELECT conversation_id, array_agg(tag_id) FILTER (WHERE side = 'old') AS gone,
                         array_agg(tag_id) FILTER (WHERE side = 'new') AS came
                    FROM (SELECT conversation_id, tag_id, 'old' AS side FROM tag_ids_old
                          UNION ALL SELECT conversation_id, tag_id, 'new' FROM tag_ids_new) u GROUP BY 1) d
           WHERE c.id = d.conversation_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER conversation_tag_ids_added AFTER INSERT ON conversation_tags
      REFERENCING NEW TABLE AS tag_ids_new FOR EACH STATEMENT EXECUTE FUNCTION otklik_conversation_tag_ids()`);
    await q.query(`CREATE TRIGGER conversation_tag_ids_removed AFTER DELETE ON conversation_tags
      REFERENCING OLD TABLE AS tag_ids_old FOR EACH STATEMENT EXECUTE FUNCTION otklik_conversation_tag_ids()`);
    await q.query(`CREATE TRIGGER conversation_tag_ids_changed AFTER UPDATE ON conversation_tags
      REFERENCING OLD TABLE AS tag_ids_old NEW TABLE AS tag_ids_new
      FOR EACH STATEMENT EXECUTE FUNCTION otklik_conversation_tag_ids()`);
    await q.query(`UPDATE conversations c SET tag_ids = t.ids
      FROM (SELECT conversation_id, array_agg(tag_id ORDER BY tag_id) AS ids FROM conversation_tags GROUP BY 1) t
      WHERE c.id = t.conversation_id`);
    await q.query(`CREATE INDEX conversations_filters_idx ON conversations USING gin
      (platform, source_id, sentiment_label, intent, language, team_id, assignee_id, tag_ids)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX conversations_filters_idx`);
    await q.query(`DROP TRIGGER conversation_tag_ids_changed ON conversation_tags`);
    await q.query(`DROP TRIGGER conversation_tag_ids_removed ON conversation_tags`);
    await q.query(`DROP TRIGGER conversation_tag_ids_added ON conversation_tags`);
    await q.query(`DROP FUNCTION otklik_conversation_tag_ids()`);
    await q.query(`ALTER TABLE conversations DROP COLUMN tag_ids`);
  }
}
