import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports over 90 days at 10 M items (bench/reports.bench.ts): day tiers of every hourly rollup,
 * and a week tier of the term counts, so a day or week chart reads a row per day, not 24.
 *
 * - report_item_days, report_item_intent_days, report_sla_days, report_agent_days,
 *   report_tag_days: the hourly rollups summed per day **in one time zone** — the company's, kept
 *   in report_tier_state (a day tier in UTC cannot serve Moscow days, and reports default to the
 *   company's zone). The day is the local midnight as a timestamptz, so date_trunc('week', day,
 *   zone) gives weeks too, and 23- and 25-hour DST days are whole rows. Readers use a day tier only
 *   for the whole local days of a range in that zone (edges and other zones read the hours), and
 *   check the tier's zone in the same statement.
 * - They have no deltas of their own: report_fold() folds the same *_delta rows into the hour and
 *   the day rollup in one statement (no cost at ingest), and readers add the unfolded deltas as
 *   before. When the company's zone has changed, the fold first rebuilds the day tiers from the
 *   hour rollups in the new zone (under its lock, in its transaction).
 * - report_term_weeks: report_term_days summed per ISO week (Monday) of those days; written with
 *   them by the term worker. The term report reads whole weeks from it and the edge days.
 */
export class ReportDayTiers1732601500000 implements MigrationInterface {
  name = 'ReportDayTiers1732601500000';

  public async up(q: QueryRunner): Promise<void> {
    const items = `items int NOT NULL, negative int NOT NULL, neutral int NOT NULL, positive int NOT NULL,
      needs_response int NOT NULL`;
    const counters = `responded int NOT NULL, met int NOT NULL, breached int NOT NULL,
      response_seconds bigint NOT NULL, ${FRT_COLUMNS.map((c) => `${c} int NOT NULL`).join(', ')}`;
    await q.query(`CREATE TABLE report_tier_state (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      time_zone text NOT NULL
    )`);
    await q.query(`CREATE TABLE report_item_days (day timestamptz NOT NULL, source_id uuid NOT NULL,
      platform text NOT NULL, language text NOT NULL, intent text NOT NULL, ${items},
      PRIMARY KEY (day, source_id, language, intent))`);
    await q.query(`CREATE TABLE report_item_intent_days (day timestamptz NOT NULL, intent text NOT NULL, ${items},
      PRIMARY KEY (day, intent))`);
    await q.query(`CREATE TABLE report_sla_days (day timestamptz NOT NULL, source_id uuid NOT NULL,
      platform text NOT NULL, intent text NOT NULL, cycles int NOT NULL, ${counters},
      PRIMARY KEY (day, source_id, intent))`);
    await q.query(`CREATE TABLE report_agent_days (day timestamptz NOT NULL, agent_id uuid NOT NULL, ${counters},
      PRIMARY KEY (day, agent_id))`);
    await q.query(`CREATE TABLE report_tag_days (day timestamptz NOT NULL, tag_id uuid NOT NULL,
      source_id uuid NOT NULL, conversations int NOT NULL, PRIMARY KEY (day, tag_id, source_id))`);
    await q.query(`CREATE TABLE report_term_weeks (
      polarity text NOT NULL CHECK (polarity IN ('negative', 'positive')),
      week date NOT NULL,
      term text NOT NULL,
      items int NOT NULL,
      PRIMARY KEY (polarity, week, term)
    )`);
    // the fold takes its lock first: no fold runs between the backfill and the new function;
    // the term worker's lock keeps it from writing term days meanwhile
    await q.query(`SELECT pg_advisory_xact_lock(hashtextextended('otklik:reports:fold', 0))`);
    await q.query(`SELECT pg_advisory_xact_lock(hashtextextended('otklik:reports:terms', 0))`);
    await q.query(`INSERT INTO report_tier_state (time_zone) SELECT time_zone FROM company_settings`);
    await q.query(
      `DO $$ DECLARE z text := (SELECT time_zone FROM report_tier_state); BEGIN ${FILL_DAYS}; END $$`,
    );
    await q.query(`INSERT INTO report_term_weeks
      SELECT polarity, date_trunc('week', day::timestamp)::date, term, sum(items) FROM report_term_days GROUP BY 1, 2, 3`);
    await q.query(fold(true));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(fold(false));
    for (const t of [
      'report_term_weeks',
      'report_tag_days',
      'report_agent_days',
      'report_sla_days',
      'report_item_intent_days',
      'report_item_days',
      'report_tier_state',
    ])
      await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}

const FRT_COLUMNS = Array.from({ length: 21 }, (_, i) => `f${String(i).padStart(2, '0')}`);
const SLA_COUNTERS = ['responded', 'met', 'breached', 'response_seconds', ...FRT_COLUMNS];
const ITEM_VALUES = ['items', 'negative', 'neutral', 'positive', 'needs_response'];
const sums = (cols: string[]) => cols.map((c) => `sum(${c})`).join(', ');
const sumCols = (cols: string[], r: string) => cols.map((c) => `${c} = ${r}.${c} + EXCLUDED.${c}`).join(', ');
const DAY = `date_trunc('day', hour, z)`;

/** The day tiers from the hour rollups, in zone `z` (a plpgsql variable). */
const FILL_DAYS = `
  DELETE FROM report_item_days;
  INSERT INTO report_item_days
  SELECT ${DAY}, source_id, min(platform), language, intent, ${sums(ITEM_VALUES)}
    FROM report_item_hours GROUP BY 1, 2, 4, 5;
  DELETE FROM report_item_intent_days;
  INSERT INTO report_item_intent_days
  SELECT ${DAY}, intent, ${sums(ITEM_VALUES)} FROM report_item_intent_hours GROUP BY 1, 2;
  DELETE FROM report_sla_days;
  INSERT INTO report_sla_days
  SELECT ${DAY}, source_id, min(platform), intent, sum(cycles), ${sums(SLA_COUNTERS)}
    FROM report_sla_hours GROUP BY 1, 2, 4;
  DELETE FROM report_agent_days;
  INSERT INTO report_agent_days SELECT ${DAY}, agent_id, ${sums(SLA_COUNTERS)} FROM report_agent_hours GROUP BY 1, 2;
  DELETE FROM report_tag_days;
  INSERT INTO report_tag_days SELECT ${DAY}, tag_id, source_id, sum(conversations) FROM report_tag_hours GROUP BY 1, 2, 3`;

/** report_fold() as 1732601100000-ReportTiers.ts made it, plus (when `days`) the day tiers. */
function fold(days: boolean): string {
  const upsert = (table: string, key: string[], select: string, values: string[]) =>
    `INSERT INTO ${table} AS r ${select} ORDER BY ${key.map((_, i) => i + 1).join(', ')}
     ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${sumCols(values, 'r')}`;
  const itemHours = upsert(
    'report_item_hours',
    ['hour', 'source_id', 'language', 'intent'],
    `SELECT hour, source_id, min(platform), language, intent, ${sums(ITEM_VALUES)} FROM d GROUP BY hour, source_id, language, intent`,
    ITEM_VALUES,
  );
  const itemIntentHours = upsert(
    'report_item_intent_hours',
    ['hour', 'intent'],
    `SELECT hour, intent, ${sums(ITEM_VALUES)} FROM d GROUP BY hour, intent`,
    ITEM_VALUES,
  );
  const itemDays = upsert(
    'report_item_days',
    ['day', 'source_id', 'language', 'intent'],
    `SELECT ${DAY}, source_id, min(platform), language, intent, ${sums(ITEM_VALUES)} FROM d GROUP BY 1, 2, 4, 5`,
    ITEM_VALUES,
  );
  const itemIntentDays = upsert(
    'report_item_intent_days',
    ['day', 'intent'],
    `SELECT ${DAY}, intent, ${sums(ITEM_VALUES)} FROM d GROUP BY 1, 2`,
    ITEM_VALUES,
  );
  const slaHours = upsert(
    'report_sla_hours',
    ['hour', 'source_id', 'intent'],
    `SELECT hour, source_id, min(platform), intent, sum(cycles), ${sums(SLA_COUNTERS)} FROM d GROUP BY hour, source_id, intent`,
    ['cycles', ...SLA_COUNTERS],
  );
  const slaDays = upsert(
    'report_sla_days',
    ['day', 'source_id', 'intent'],
    `SELECT ${DAY}, source_id, min(platform), intent, sum(cycles), ${sums(SLA_COUNTERS)} FROM d GROUP BY 1, 2, 4`,
    ['cycles', ...SLA_COUNTERS],
  );
  const agentHours = upsert(
    'report_agent_hours',
    ['hour', 'agent_id'],
    `SELECT hour, agent_id, ${sums(SLA_COUNTERS)} FROM d GROUP BY hour, agent_id`,
    SLA_COUNTERS,
  );
  const agentDays = upsert(
    'report_agent_days',
    ['day', 'agent_id'],
    `SELECT ${DAY}, agent_id, ${sums(SLA_COUNTERS)} FROM d GROUP BY 1, 2`,
    SLA_COUNTERS,
  );
  const tagHours = upsert(
    'report_tag_hours',
    ['hour', 'tag_id', 'source_id'],
    `SELECT hour, tag_id, source_id, sum(conversations) FROM d GROUP BY 1, 2, 3`,
    ['conversations'],
  );
  const tagDays = upsert(
    'report_tag_days',
    ['day', 'tag_id', 'source_id'],
    `SELECT ${DAY}, tag_id, source_id, sum(conversations) FROM d GROUP BY 1, 2, 3`,
    ['conversations'],
  );
  /** one statement per delta table: the rows it deletes go into every tier */
  const into = (delta: string, ...writes: string[]) => {
    const last = writes.pop()!;
    return `WITH d AS (DELETE FROM ${delta} RETURNING *)${writes.map((w, i) => `, w${i} AS (${w})`).join('')}
      ${last}`;
  };
  const body = days
    ? `DECLARE z text;
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('otklik:reports:fold', 0));
    -- the day tiers are kept in the company's zone: after a change, rebuild them from the hours
    SELECT time_zone INTO z FROM company_settings;
    IF z IS DISTINCT FROM (SELECT time_zone FROM report_tier_state) THEN
      ${FILL_DAYS};
      UPDATE report_tier_state SET time_zone = z;
    END IF;
    ${into('report_item_hours_delta', itemHours, itemIntentHours, itemDays, itemIntentDays)};
    ${into('report_sla_hours_delta', slaHours, slaDays)};
    ${into('report_agent_hours_delta', agentHours, agentDays)};
    ${into('report_tag_hours_delta', tagHours, tagDays)};
  END`
    : `BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('otklik:reports:fold', 0));
    ${into('report_item_hours_delta', itemHours, itemIntentHours)};
    ${into('report_sla_hours_delta', slaHours)};
    ${into('report_agent_hours_delta', agentHours)};
    ${into('report_tag_hours_delta', tagHours)};
  END`;
  return `CREATE OR REPLACE FUNCTION report_fold() RETURNS void LANGUAGE plpgsql AS $$
  ${body} $$`;
}
