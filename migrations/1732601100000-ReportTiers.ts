import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports on a year of data (bench/reports.bench.ts): two narrower rollups so the default views
 * read a fraction of the rows.
 *
 * - report_item_intent_hours: report_item_hours summed over source and language (per hour ×
 *   intent). The sentiment report without a platform / source / language filter, the intent mix,
 *   the forecast's history and the term report's volume read it: ~7 rows an hour instead of one
 *   per hour × source × language × intent. It has no delta table of its own: report_fold() folds
 *   the same report_item_hours_delta rows into both rollups in one statement, and readers add the
 *   unfolded item deltas, so it is exact at any moment like the others; rebuild and check cover it.
 * - report_backlog_totals: the hourly backlog snapshot summed over sources and intents, written by
 *   the snapshot job in the same transaction (an observation, not rebuilt; backfilled here).
 */
export class ReportTiers1732601100000 implements MigrationInterface {
  name = 'ReportTiers1732601100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE report_item_intent_hours (
      hour timestamptz NOT NULL,
      intent text NOT NULL,
      items int NOT NULL,
      negative int NOT NULL,
      neutral int NOT NULL,
      positive int NOT NULL,
      needs_response int NOT NULL,
      PRIMARY KEY (hour, intent)
    )`);
    await q.query(`CREATE TABLE report_backlog_totals (
      at timestamptz PRIMARY KEY,
      open int NOT NULL,
      pending int NOT NULL,
      snoozed int NOT NULL,
      unassigned int NOT NULL,
      overdue int NOT NULL
    )`);
    // the fold takes its lock first: no fold runs between the backfill and the new function
    await q.query(`SELECT pg_advisory_xact_lock(hashtextextended('otklik:reports:fold', 0))`);
    await q.query(`INSERT INTO report_item_intent_hours
      SELECT hour, intent, sum(items), sum(negative), sum(neutral), sum(positive), sum(needs_response)
        FROM report_item_hours GROUP BY hour, intent`);
    await q.query(`INSERT INTO report_backlog_totals
      SELECT at, sum(open), sum(pending), sum(snoozed), sum(unassigned), sum(overdue) FROM report_backlog GROUP BY at`);
    await q.query(fold(true));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(fold(false));
    await q.query(`DROP TABLE IF EXISTS report_backlog_totals`);
    await q.query(`DROP TABLE IF EXISTS report_item_intent_hours`);
  }
}

const FRT_COLUMNS = Array.from({ length: 21 }, (_, i) => `f${String(i).padStart(2, '0')}`);
const SLA_COUNTERS = ['responded', 'met', 'breached', 'response_seconds', ...FRT_COLUMNS];
const ITEM_VALUES = ['items', 'negative', 'neutral', 'positive', 'needs_response'];
const sumCols = (cols: string[], r: string) => cols.map((c) => `${c} = ${r}.${c} + EXCLUDED.${c}`).join(', ');

/** report_fold() as 1732600500000-Reports.ts made it, plus (when `tiers`) the intent tier. */
function fold(tiers: boolean): string {
  const items = tiers
    ? `WITH d AS (DELETE FROM report_item_hours_delta RETURNING *),
       f AS (
         INSERT INTO report_item_hours AS r
         SELECT hour, source_id, min(platform), language, intent, ${ITEM_VALUES.map((c) => `sum(${c})`).join(', ')}
           FROM d GROUP BY hour, source_id, language, intent ORDER BY 1, 2, 3, 4
         ON CONFLICT (hour, source_id, language, intent) DO UPDATE SET ${sumCols(ITEM_VALUES, 'r')})
       INSERT INTO report_item_intent_hours AS r
       SELECT hour, intent, ${ITEM_VALUES.map((c) => `sum(${c})`).join(', ')}
         FROM d GROUP BY hour, intent ORDER BY 1, 2
       ON CONFLICT (hour, intent) DO UPDATE SET ${sumCols(ITEM_VALUES, 'r')}`
    : `WITH d AS (DELETE FROM report_item_hours_delta RETURNING *)
       INSERT INTO report_item_hours AS r
       SELECT hour, source_id, min(platform), language, intent, ${ITEM_VALUES.map((c) => `sum(${c})`).join(', ')}
         FROM d GROUP BY hour, source_id, language, intent ORDER BY 1, 2, 3, 4
       ON CONFLICT (hour, source_id, language, intent) DO UPDATE SET ${sumCols(ITEM_VALUES, 'r')}`;
  return `CREATE OR REPLACE FUNCTION report_fold() RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('otklik:reports:fold', 0));
    ${items};
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
}
