import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports (issue 13): rollup tables that the report queries read instead of items, kept up to
 * date inside PostgreSQL by statement-level triggers with transition tables, in the transaction of
 * the change (ingest's binary COPY fires them too), so whoever writes items or conversations needs
 * no report code.
 *
 * - report_item_hours: per UTC hour × source × language × intent, inbound items by sentiment and
 *   how many need a response. Hours serve any time zone with whole-hour offsets.
 * - report_sla_cycles: one row per answered or breached SLA clock of a conversation (a cycle
 *   starts with the clock; after our answer the customer's next question starts a new one),
 *   written when the clock stops at an answer or the breach is recorded; the history stays.
 * - report_sla_hours (by the hour the cycle started) and report_agent_hours (by the hour of the
 *   response): counts, met / breached, and a first-response-time histogram (FRT_BOUNDS).
 * - report_tag_hours: tagged conversations by the hour of their first message.
 * - report_term_days / report_term_queue: stemmed terms of negative and positive items per day in
 *   the company's time zone. Tokenising is TypeScript (src/analysis/text), so the triggers only
 *   queue the ids of new items (one row per statement) and the state before a relevant update;
 *   a worker counts them (src/reports/terms-worker).
 * - report_backlog / report_agent_load: snapshots of the open queue every 15 minutes (a job).
 * - company_settings: the company's time zone (report default) and brand words.
 *
 * Writers never update a rollup row: each statement appends its aggregated change to a *_delta
 * table (no key, so concurrent ingest transactions never wait on each other or deadlock), and
 * report_fold() moves the deltas into the rollups (a job every few seconds). Queries read rollup
 * + delta, so they are exact at any moment.
 */
export class Reports1732600500000 implements MigrationInterface {
  name = 'Reports1732600500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE company_settings (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      time_zone text NOT NULL DEFAULT 'Europe/Moscow',
      brand_words text[] NOT NULL DEFAULT '{}',
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users(id) ON DELETE SET NULL
    )`);
    await q.query(`INSERT INTO company_settings DEFAULT VALUES`);

    await this.itemRollups(q);
    await this.terms(q);
    await this.slaRollups(q);
    await this.tagRollups(q);
    await this.snapshots(q);
    await q.query(FOLD_FUNCTION);
    await this.backfill(q);
  }

  /**
   * What is already stored enters the rollups now (the term counts are built by their worker on
   * its first run). Only each conversation's last clock is known: an answer clears the deadline it
   * met, so for those the deadline comes from their SLA events, when any was raised.
   */
  private async backfill(q: QueryRunner): Promise<void> {
    await q.query(`INSERT INTO report_item_hours
      SELECT date_trunc('hour', created_at_platform, 'UTC'), source_id, min(platform), COALESCE(language, ''),
             COALESCE(intent, ''), count(*), count(*) FILTER (WHERE sentiment_label = 'negative'),
             count(*) FILTER (WHERE sentiment_label = 'neutral'), count(*) FILTER (WHERE sentiment_label = 'positive'),
             count(*) FILTER (WHERE needs_response)
        FROM items WHERE direction = 'inbound' GROUP BY 1, 2, 4, 5`);
    const start = `COALESCE(c.sla_started_at, c.first_message_at, c.created_at)`;
    await q.query(`INSERT INTO report_sla_cycles
      SELECT c.id, ${start}, c.source_id, c.platform, COALESCE(c.intent, ''),
             COALESCE(c.due_at, (SELECT max(e.due_at) FROM sla_events e WHERE e.conversation_id = c.id AND e.due_at >= ${start})),
             a.at, CASE WHEN a.at IS NOT NULL THEN GREATEST(0, round(EXTRACT(EPOCH FROM a.at - ${start})))::int END,
             c.sla_breached_at, CASE WHEN a.at IS NOT NULL THEN c.assignee_id END
        FROM conversations c
        LEFT JOIN LATERAL (
          SELECT min(i.created_at_platform) AS at FROM items i
           WHERE c.due_at IS NULL AND c.sla_started_at IS NOT NULL AND c.sla_policy_id IS NOT NULL
             AND i.conversation_id = c.id AND i.direction = 'outbound' AND i.created_at_platform >= ${start}
        ) a ON true
       WHERE c.sla_breached_at IS NOT NULL OR a.at IS NOT NULL`);
    await q.query(`INSERT INTO report_tag_hours
      SELECT date_trunc('hour', COALESCE(c.first_message_at, c.created_at), 'UTC'), t.tag_id, c.source_id, count(*)
        FROM conversation_tags t JOIN conversations c ON c.id = t.conversation_id GROUP BY 1, 2, 3`);
  }

  private async itemRollups(q: QueryRunner): Promise<void> {
    const cols = `hour timestamptz NOT NULL, source_id uuid NOT NULL, platform text NOT NULL,
      language text NOT NULL, intent text NOT NULL, items int NOT NULL, negative int NOT NULL,
      neutral int NOT NULL, positive int NOT NULL, needs_response int NOT NULL`;
    await q.query(
      `CREATE TABLE report_item_hours (${cols}, PRIMARY KEY (hour, source_id, language, intent))`,
    );
    await q.query(`CREATE TABLE report_item_hours_delta (${cols})`);

    // One aggregate per statement; `s` is +1 for a row as it is now, -1 for a row as it was.
    const agg = (from: string) => `
      INSERT INTO report_item_hours_delta
      SELECT date_trunc('hour', created_at_platform, 'UTC'), source_id, min(platform),
             COALESCE(language, ''), COALESCE(intent, ''), sum(s),
             sum(CASE WHEN sentiment_label = 'negative' THEN s ELSE 0 END),
             sum(CASE WHEN sentiment_label = 'neutral' THEN s ELSE 0 END),
             sum(CASE WHEN sentiment_label = 'positive' THEN s ELSE 0 END),
             sum(CASE WHEN needs_response THEN s ELSE 0 END)
        FROM ${from} x WHERE direction = 'inbound'
       GROUP BY 1, 2, 4, 5
      HAVING sum(s) <> 0 OR sum(CASE WHEN sentiment_label = 'negative' THEN s ELSE 0 END) <> 0
          OR sum(CASE WHEN sentiment_label = 'neutral' THEN s ELSE 0 END) <> 0
          OR sum(CASE WHEN sentiment_label = 'positive' THEN s ELSE 0 END) <> 0
          OR sum(CASE WHEN needs_response THEN s ELSE 0 END) <> 0`;
    await q.query(`CREATE FUNCTION report_items_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${agg(`(SELECT 1 AS s, * FROM report_new_items)`)};
        INSERT INTO report_term_queue (item_ids)
        SELECT array_agg(id ORDER BY id) FROM report_new_items
         WHERE direction = 'inbound' AND sentiment_label IN ('negative', 'positive')
        HAVING count(*) > 0;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION report_items_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${agg(`(SELECT -1 AS s, o.* FROM report_old_items o JOIN report_new_items n ON n.id = o.id
                 WHERE ${ITEM_KEY('o')} IS DISTINCT FROM ${ITEM_KEY('n')}
                UNION ALL
                SELECT 1 AS s, n.* FROM report_old_items o JOIN report_new_items n ON n.id = o.id
                 WHERE ${ITEM_KEY('o')} IS DISTINCT FROM ${ITEM_KEY('n')})`)};
        -- what the term counts saw before: the worker subtracts it and counts the item as it is now
        INSERT INTO report_term_queue (item_ids, olds)
        SELECT array_agg(o.id ORDER BY o.id),
               jsonb_agg(CASE WHEN ${POLARISED('o')}
                 THEN jsonb_build_object('at', o.created_at_platform, 'polarity', o.sentiment_label, 'text', o.text)
                 END ORDER BY o.id)
          FROM report_old_items o JOIN report_new_items n ON n.id = o.id
         WHERE (o.created_at_platform, o.text, o.sentiment_label, o.direction)
               IS DISTINCT FROM (n.created_at_platform, n.text, n.sentiment_label, n.direction)
           AND (${POLARISED('o')} OR ${POLARISED('n')})
        HAVING count(*) > 0;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER report_items_inserted AFTER INSERT ON items
      REFERENCING NEW TABLE AS report_new_items FOR EACH STATEMENT EXECUTE FUNCTION report_items_inserted()`);
    await q.query(`CREATE TRIGGER report_items_updated AFTER UPDATE ON items
      REFERENCING OLD TABLE AS report_old_items NEW TABLE AS report_new_items
      FOR EACH STATEMENT EXECUTE FUNCTION report_items_updated()`);
  }

  private async terms(q: QueryRunner): Promise<void> {
    // olds: NULL when the items are new; else, per item id, its state before the update when it
    // counted (inbound, negative or positive), or null.
    await q.query(`CREATE TABLE report_term_queue (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      item_ids bigint[] NOT NULL,
      olds jsonb
    )`);
    await q.query(`CREATE TABLE report_term_days (
      polarity text NOT NULL CHECK (polarity IN ('negative', 'positive')),
      day date NOT NULL,
      term text NOT NULL,
      items int NOT NULL,
      surface text NOT NULL,
      samples bigint[] NOT NULL DEFAULT '{}',
      PRIMARY KEY (polarity, day, term)
    )`);
    // the time zone the days of report_term_days are counted in (a change of the company's
    // zone rebuilds them)
    await q.query(`CREATE TABLE report_term_state (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      time_zone text,
      built_at timestamptz
    )`);
    await q.query(`INSERT INTO report_term_state DEFAULT VALUES`);
  }

  private async slaRollups(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE report_sla_cycles (
      conversation_id uuid NOT NULL,
      started_at timestamptz NOT NULL,
      source_id uuid NOT NULL,
      platform text NOT NULL,
      intent text NOT NULL,
      due_at timestamptz,
      responded_at timestamptz,
      response_seconds int,
      breached_at timestamptz,
      agent_id uuid,
      PRIMARY KEY (conversation_id, started_at)
    )`);
    await q.query(`CREATE INDEX report_sla_cycles_started_idx ON report_sla_cycles (started_at)`);

    const counters = `responded int NOT NULL, met int NOT NULL, breached int NOT NULL,
      response_seconds bigint NOT NULL, ${FRT_COLUMNS.map((c) => `${c} int NOT NULL`).join(', ')}`;
    const slaCols = `hour timestamptz NOT NULL, source_id uuid NOT NULL, platform text NOT NULL,
      intent text NOT NULL, cycles int NOT NULL, ${counters}`;
    await q.query(`CREATE TABLE report_sla_hours (${slaCols}, PRIMARY KEY (hour, source_id, intent))`);
    await q.query(`CREATE TABLE report_sla_hours_delta (${slaCols})`);
    const agentCols = `hour timestamptz NOT NULL, agent_id uuid NOT NULL, ${counters}`;
    await q.query(`CREATE TABLE report_agent_hours (${agentCols}, PRIMARY KEY (hour, agent_id))`);
    await q.query(`CREATE TABLE report_agent_hours_delta (${agentCols})`);

    // The SLA clock is a next-response clock (src/conversations/conversation-lifecycle.ts): it
    // starts at a customer message that needs an answer (sla_started_at) and stops (due_at back
    // to NULL) at our answer or when the conversation is resolved; a customer message after that
    // starts a new one. A cycle is keyed by its start. It is recorded when it is answered — the
    // clock stops and a brand message exists since it started (the first one is the response) —
    // or breached. The deadline is the one before the stop.
    const start = (c: string) => `COALESCE(${c}.sla_started_at, ${c}.first_message_at, ${c}.created_at)`;
    await q.query(`CREATE FUNCTION report_conversations_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_sla_cycles AS f (conversation_id, started_at, source_id, platform, intent, due_at,
                                            responded_at, response_seconds, breached_at, agent_id)
        SELECT n.id, ${start('o')}, n.source_id, n.platform, COALESCE(n.intent, ''), COALESCE(o.due_at, n.due_at),
               a.at, CASE WHEN a.at IS NOT NULL THEN GREATEST(0, round(EXTRACT(EPOCH FROM a.at - ${start('o')})))::int END,
               n.sla_breached_at, CASE WHEN a.at IS NOT NULL THEN n.assignee_id END
          FROM report_old_conversations o JOIN report_new_conversations n ON n.id = o.id
          LEFT JOIN LATERAL (
            SELECT min(i.created_at_platform) AS at FROM items i
             WHERE o.due_at IS NOT NULL AND n.due_at IS NULL
               AND i.conversation_id = n.id AND i.direction = 'outbound' AND i.created_at_platform >= ${start('o')}
          ) a ON true
         WHERE a.at IS NOT NULL
            OR (n.sla_breached_at IS DISTINCT FROM o.sla_breached_at AND ${start('n')} = ${start('o')})
         ORDER BY 1, 2
        ON CONFLICT (conversation_id, started_at) DO UPDATE SET
          due_at = COALESCE(EXCLUDED.due_at, f.due_at),
          responded_at = COALESCE(f.responded_at, EXCLUDED.responded_at),
          response_seconds = COALESCE(f.response_seconds, EXCLUDED.response_seconds),
          agent_id = COALESCE(f.agent_id, EXCLUDED.agent_id),
          breached_at = EXCLUDED.breached_at;

        -- tagged conversations count at the hour of their first message: follow it when it moves
        INSERT INTO report_tag_hours_delta
        SELECT hour, tag_id, source_id, sum(s) FROM (
          SELECT date_trunc('hour', COALESCE(o.first_message_at, o.created_at), 'UTC') AS hour, t.tag_id, o.source_id, -1 AS s
            FROM report_old_conversations o JOIN report_new_conversations n ON n.id = o.id
            JOIN conversation_tags t ON t.conversation_id = o.id
           WHERE COALESCE(o.first_message_at, o.created_at) IS DISTINCT FROM COALESCE(n.first_message_at, n.created_at)
          UNION ALL
          SELECT date_trunc('hour', COALESCE(n.first_message_at, n.created_at), 'UTC'), t.tag_id, n.source_id, 1
            FROM report_old_conversations o JOIN report_new_conversations n ON n.id = o.id
            JOIN conversation_tags t ON t.conversation_id = n.id
           WHERE COALESCE(o.first_message_at, o.created_at) IS DISTINCT FROM COALESCE(n.first_message_at, n.created_at)
        ) d GROUP BY 1, 2, 3 HAVING sum(s) <> 0;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER report_conversations_updated AFTER UPDATE ON conversations
      REFERENCING OLD TABLE AS report_old_conversations NEW TABLE AS report_new_conversations
      FOR EACH STATEMENT EXECUTE FUNCTION report_conversations_updated()`);

    // The hourly rollups follow the cycles: -1 for a cycle as it was, +1 as it is.
    const outcome = (from: string) => `
      SELECT s, source_id, platform, intent, agent_id,
             date_trunc('hour', started_at, 'UTC') AS started_hour,
             date_trunc('hour', responded_at, 'UTC') AS responded_hour,
             (responded_at IS NOT NULL)::int AS responded,
             (responded_at IS NOT NULL AND breached_at IS NULL AND (due_at IS NULL OR responded_at <= due_at))::int AS met,
             (breached_at IS NOT NULL OR responded_at > due_at)::int AS breached,
             COALESCE(response_seconds, 0)::bigint AS seconds,
             CASE WHEN responded_at IS NOT NULL THEN width_bucket(COALESCE(response_seconds, 0), ARRAY[${FRT_BOUNDS.join(', ')}]) END AS b
        FROM ${from} x`;
    const sums = `sum(s * responded), sum(s * met), sum(s * breached), sum(s * seconds),
      ${FRT_COLUMNS.map((_, i) => `sum(CASE WHEN b = ${i} THEN s ELSE 0 END)`).join(', ')}`;
    const agent = `COALESCE(agent_id, '00000000-0000-0000-0000-000000000000'::uuid)`;
    const deltas = (from: string) => `
        INSERT INTO report_sla_hours_delta
        SELECT started_hour, source_id, min(platform), intent, sum(s), ${sums}
          FROM (${outcome(from)}) c GROUP BY started_hour, source_id, intent;
        INSERT INTO report_agent_hours_delta
        SELECT responded_hour, ${agent}, ${sums}
          FROM (${outcome(from)}) c WHERE responded = 1 GROUP BY responded_hour, ${agent}`;
    await q.query(`CREATE FUNCTION report_sla_cycles_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${deltas(`(SELECT 1 AS s, * FROM report_new_cycles)`)};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION report_sla_cycles_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${deltas(`(SELECT -1 AS s, * FROM report_old_cycles UNION ALL SELECT 1, * FROM report_new_cycles)`)};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER report_sla_cycles_inserted AFTER INSERT ON report_sla_cycles
      REFERENCING NEW TABLE AS report_new_cycles FOR EACH STATEMENT EXECUTE FUNCTION report_sla_cycles_inserted()`);
    await q.query(`CREATE TRIGGER report_sla_cycles_updated AFTER UPDATE ON report_sla_cycles
      REFERENCING OLD TABLE AS report_old_cycles NEW TABLE AS report_new_cycles
      FOR EACH STATEMENT EXECUTE FUNCTION report_sla_cycles_updated()`);
  }

  private async tagRollups(q: QueryRunner): Promise<void> {
    const cols = `hour timestamptz NOT NULL, tag_id uuid NOT NULL, source_id uuid NOT NULL, conversations int NOT NULL`;
    await q.query(`CREATE TABLE report_tag_hours (${cols}, PRIMARY KEY (hour, tag_id, source_id))`);
    await q.query(`CREATE TABLE report_tag_hours_delta (${cols})`);
    const agg = (rows: string, sign: number) => `
      INSERT INTO report_tag_hours_delta
      SELECT date_trunc('hour', COALESCE(c.first_message_at, c.created_at), 'UTC'), t.tag_id, c.source_id, ${sign} * count(*)
        FROM ${rows} t JOIN conversations c ON c.id = t.conversation_id
       GROUP BY 1, 2, 3`;
    await q.query(`CREATE FUNCTION report_tags_added() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${agg('report_new_tags', 1)}; RETURN NULL; END $$`);
    await q.query(`CREATE FUNCTION report_tags_removed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${agg('report_old_tags', -1)}; RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER report_tags_added AFTER INSERT ON conversation_tags
      REFERENCING NEW TABLE AS report_new_tags FOR EACH STATEMENT EXECUTE FUNCTION report_tags_added()`);
    await q.query(`CREATE TRIGGER report_tags_removed AFTER DELETE ON conversation_tags
      REFERENCING OLD TABLE AS report_old_tags FOR EACH STATEMENT EXECUTE FUNCTION report_tags_removed()`);
  }

  private async snapshots(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE report_backlog (
      at timestamptz NOT NULL,
      source_id uuid NOT NULL,
      intent text NOT NULL,
      open int NOT NULL,
      pending int NOT NULL,
      snoozed int NOT NULL,
      unassigned int NOT NULL,
      overdue int NOT NULL,
      PRIMARY KEY (at, source_id, intent)
    )`);
    await q.query(`CREATE TABLE report_agent_load (
      at timestamptz NOT NULL,
      user_id uuid NOT NULL,
      open int NOT NULL,
      pending int NOT NULL,
      capacity int NOT NULL,
      PRIMARY KEY (at, user_id)
    )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS report_items_inserted ON items`);
    await q.query(`DROP TRIGGER IF EXISTS report_items_updated ON items`);
    await q.query(`DROP TRIGGER IF EXISTS report_conversations_updated ON conversations`);
    await q.query(`DROP TRIGGER IF EXISTS report_tags_added ON conversation_tags`);
    await q.query(`DROP TRIGGER IF EXISTS report_tags_removed ON conversation_tags`);
    for (const t of [
      'report_agent_load',
      'report_backlog',
      'report_tag_hours_delta',
      'report_tag_hours',
      'report_agent_hours_delta',
      'report_agent_hours',
      'report_sla_hours_delta',
      'report_sla_hours',
      'report_sla_cycles',
      'report_term_state',
      'report_term_days',
      'report_term_queue',
      'report_item_hours_delta',
      'report_item_hours',
      'company_settings',
    ])
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    for (const f of [
      'report_fold()',
      'report_items_inserted()',
      'report_items_updated()',
      'report_conversations_updated()',
      'report_sla_cycles_inserted()',
      'report_sla_cycles_updated()',
      'report_tags_added()',
      'report_tags_removed()',
    ])
      await q.query(`DROP FUNCTION IF EXISTS ${f}`);
  }
}

/**
 * Upper bounds (seconds, exclusive) of the first-response-time histogram buckets; the last bucket
 * is open. Frozen here as the migration built them; src/reports/domain/frt-histogram.ts holds the
 * same list (a unit test compares them).
 */
export const FRT_BOUNDS = [
  60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 10800, 14400, 21600, 28800, 43200, 86400,
  172800, 345600, 604800,
];
const FRT_COLUMNS = [...FRT_BOUNDS, Infinity].map((_, i) => `f${String(i).padStart(2, '0')}`);

/** The item columns the hourly rollup depends on. */
const ITEM_KEY = (a: string) =>
  `(${a}.created_at_platform, ${a}.source_id, ${a}.language, ${a}.intent, ${a}.sentiment_label, ${a}.needs_response, ${a}.direction)`;
const POLARISED = (a: string) =>
  `(${a}.direction = 'inbound' AND ${a}.sentiment_label IN ('negative', 'positive'))`;

const sumCols = (cols: string[], r: string) => cols.map((c) => `${c} = ${r}.${c} + EXCLUDED.${c}`).join(', ');
const SLA_COUNTERS = ['responded', 'met', 'breached', 'response_seconds', ...FRT_COLUMNS];

/**
 * Moves every committed delta into its rollup (one folder at a time: an advisory lock, which the
 * rebuild takes too). Rows inserted by transactions still running stay for the next fold.
 */
const FOLD_FUNCTION = `CREATE FUNCTION report_fold() RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('otklik:reports:fold', 0));
    WITH d AS (DELETE FROM report_item_hours_delta RETURNING *)
    INSERT INTO report_item_hours AS r
    SELECT hour, source_id, min(platform), language, intent, sum(items), sum(negative), sum(neutral),
           sum(positive), sum(needs_response)
      FROM d GROUP BY hour, source_id, language, intent ORDER BY 1, 2, 3, 4
    ON CONFLICT (hour, source_id, language, intent) DO UPDATE SET
      ${sumCols(['items', 'negative', 'neutral', 'positive', 'needs_response'], 'r')};

    WITH d AS (DELETE FROM report_sla_hours_delta RETURNING *)
    INSERT INTO report_sla_hours AS r
    SELECT hour, source_id, min(platform), intent, sum(cycles), ${SLA_COUNTERS.map((c) => `sum(${c})`).join(', ')}
      FROM d GROUP BY hour, source_id, intent ORDER BY 1, 2, 3
    ON CONFLICT (hour, source_id, intent) DO UPDATE SET ${sumCols(['cycles', ...SLA_COUNTERS], 'r')};

    WITH d AS (DELETE FROM report_agent_hours_delta RETURNING *)
    INSERT INTO report_agent_hours AS r
    SELECT hour, agent_id, ${SLA_COUNTERS.map((c) => `sum(${c})`).join(', ')}
      FROM d GROUP BY hour, agent_id ORDER BY 1, 2
    ON CONFLICT (hour, agent_id) DO UPDATE SET ${sumCols(SLA_COUNTERS, 'r')};

    WITH d AS (DELETE FROM report_tag_hours_delta RETURNING *)
    INSERT INTO report_tag_hours AS r
    SELECT hour, tag_id, source_id, sum(conversations) FROM d GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (hour, tag_id, source_id) DO UPDATE SET conversations = r.conversations + EXCLUDED.conversations;
  END $$`;
