import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tag report without a source filter read a row per day × tag × source (~39,000 for 90 days
 * and the previous 90 at 10 M items, ~100 ms of a loaded database): report_tag_day_totals keeps
 * the same day tier summed over sources (~3,600 rows). Folded from the same tag deltas as
 * report_tag_hours and report_tag_days (migration 1732601500000), rebuilt with them on a change of
 * the company's zone; rebuild and check cover it.
 */
export class ReportTagDayTotals1732601520000 implements MigrationInterface {
  name = 'ReportTagDayTotals1732601520000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE report_tag_day_totals (day timestamptz NOT NULL, tag_id uuid NOT NULL,
      conversations int NOT NULL, PRIMARY KEY (day, tag_id)) WITH (parallel_workers = 0)`);
    await q.query(`SELECT pg_advisory_xact_lock(hashtextextended('otklik:reports:fold', 0))`);
    await q.query(`INSERT INTO report_tag_day_totals
      SELECT day, tag_id, sum(conversations) FROM report_tag_days GROUP BY 1, 2`);
    await q.query(`ANALYZE report_tag_day_totals`);
    await q.query(fold(true));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(fold(false));
    await q.query(`DROP TABLE IF EXISTS report_tag_day_totals`);
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
  INSERT INTO report_tag_days SELECT ${DAY}, tag_id, source_id, sum(conversations) FROM report_tag_hours GROUP BY 1, 2, 3;
  DELETE FROM report_tag_day_totals;
  INSERT INTO report_tag_day_totals SELECT ${DAY}, tag_id, sum(conversations) FROM report_tag_hours GROUP BY 1, 2`;

/** report_fold() as 1732601500000-ReportDayTiers.ts made it, plus (when `totals`) the tag day totals. */
function fold(totals: boolean): string {
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
  const tagDayTotals = upsert(
    'report_tag_day_totals',
    ['day', 'tag_id'],
    `SELECT ${DAY}, tag_id, sum(conversations) FROM d GROUP BY 1, 2`,
    ['conversations'],
  );
  /** one statement per delta table: the rows it deletes go into every tier */
  const into = (delta: string, ...writes: string[]) => {
    const last = writes.pop()!;
    return `WITH d AS (DELETE FROM ${delta} RETURNING *)${writes.map((w, i) => `, w${i} AS (${w})`).join('')}
      ${last}`;
  };
  const fill = totals
    ? FILL_DAYS
    : FILL_DAYS.slice(0, FILL_DAYS.indexOf(';\n  DELETE FROM report_tag_day_totals'));
  const tags = totals ? [tagHours, tagDays, tagDayTotals] : [tagHours, tagDays];
  const body = `DECLARE z text;
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('otklik:reports:fold', 0));
    -- the day tiers are kept in the company's zone: after a change, rebuild them from the hours
    SELECT time_zone INTO z FROM company_settings;
    IF z IS DISTINCT FROM (SELECT time_zone FROM report_tier_state) THEN
      ${fill};
      UPDATE report_tier_state SET time_zone = z;
    END IF;
    ${into('report_item_hours_delta', itemHours, itemIntentHours, itemDays, itemIntentDays)};
    ${into('report_sla_hours_delta', slaHours, slaDays)};
    ${into('report_agent_hours_delta', agentHours, agentDays)};
    ${into('report_tag_hours_delta', ...tags)};
  END`;
  return `CREATE OR REPLACE FUNCTION report_fold() RETURNS void LANGUAGE plpgsql AS $$
  ${body} $$`;
}
