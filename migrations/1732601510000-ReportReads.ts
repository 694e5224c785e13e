import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table a report reads (rollups, their tiers and deltas, snapshots, term counts). */
const REPORT_TABLES = [
  'report_item_hours',
  'report_item_hours_delta',
  'report_item_intent_hours',
  'report_item_days',
  'report_item_intent_days',
  'report_sla_hours',
  'report_sla_hours_delta',
  'report_sla_days',
  'report_agent_hours',
  'report_agent_hours_delta',
  'report_agent_days',
  'report_tag_hours',
  'report_tag_hours_delta',
  'report_tag_days',
  'report_term_days',
  'report_term_weeks',
  'report_backlog',
  'report_backlog_totals',
  'report_agent_load',
  'report_sla_cycles',
];

/**
 * How reports read, measured on 10 M items (bench/reports.bench.ts, bench/reports-explain.ts):
 *
 * - No parallel plans on report tables: a report reads thousands to tens of thousands of rollup
 *   rows, and starting workers (on 2 busy cores) cost more than the scan — the hourly sentiment
 *   query spent 90 of its 130 ms gathering three workers.
 * - The term report shows ~20 terms and reads each one's surface and example items over the
 *   range's days: by (polarity, term, day) that is a few hundred index rows, where the primary key
 *   (polarity, day, term) read every term of every day (~130 ms each). Only the term worker
 *   writes these rows, never ingest.
 * - Statistics for the tiers 1732601500000 filled (the planner took 19,000 rows for 400).
 */
export class ReportReads1732601510000 implements MigrationInterface {
  name = 'ReportReads1732601510000';

  public async up(q: QueryRunner): Promise<void> {
    for (const t of REPORT_TABLES) await q.query(`ALTER TABLE ${t} SET (parallel_workers = 0)`);
    await q.query(`CREATE INDEX report_term_days_term_idx ON report_term_days (polarity, term, day)`);
    await q.query(`ANALYZE report_item_days, report_item_intent_days, report_sla_days, report_agent_days,
                   report_tag_days, report_term_weeks`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS report_term_days_term_idx`);
    for (const t of REPORT_TABLES) await q.query(`ALTER TABLE ${t} RESET (parallel_workers)`);
  }
}
