import { Injectable, Logger } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { sqlRows } from '../../database/sql';
import { CompanySettingsRepository } from '../company-settings.repository';
import { exclusively, FOLD_LOCK } from './exclusive';
import { CURRENT_CYCLES, ROLLUPS } from './recount.sql';
import { TermsWorker } from './terms-worker.service';
import { TermsRecount } from './terms-recount';

export interface RollupDifference {
  rollup: string;
  /** keys whose values differ or that exist on one side only */
  differences: number;
  examples: Record<string, unknown>[];
}

export interface CheckResult {
  ok: boolean;
  rollups: { rollup: string; rows: number; differences: number }[];
  differences: RollupDifference[];
}

/**
 * The rollups' upkeep outside the triggers: folding deltas, the backlog snapshots, rebuilding
 * from the source tables (idempotent: the same data rebuilds the same rows) and checking them
 * against a full recount.
 */
@Injectable()
export class RollupMaintenance {
  private readonly log = new Logger('RollupMaintenance');

  constructor(
    private readonly db: DataSource,
    private readonly terms: TermsWorker,
    private readonly settings: CompanySettingsRepository,
  ) {}

  /** Moves committed deltas into the rollups (report_fold() takes its lock). */
  async fold(): Promise<void> {
    await this.db.query(`SELECT report_fold()`);
  }

  /**
   * Records the open queue once an hour: per source and intent (open, pending, snoozed,
   * unassigned, overdue) and per agent (open and pending held, capacity). Once per hour however
   * many workers run it. Hourly, not finer: a year is 8,760 snapshots per group, so a 90-day
   * backlog chart reads a few hundred thousand rows at most (bench/reports.bench.ts).
   */
  async snapshot(now = new Date()): Promise<void> {
    await this.db.transaction(async (m) => {
      const [{ at }] = await m.query(`SELECT date_trunc('hour', $1::timestamptz, 'UTC') AS at`, [now]);
      await m.query(
        `INSERT INTO report_backlog (at, source_id, intent, open, pending, snoozed, unassigned, overdue)
         SELECT $1, source_id, COALESCE(intent, ''),
                count(*) FILTER (WHERE status = 'open'), count(*) FILTER (WHERE status = 'pending'),
                count(*) FILTER (WHERE status = 'snoozed'),
                count(*) FILTER (WHERE status = 'open' AND assignee_id IS NULL),
                -- overdue: a clock still running past its deadline (an answer clears due_at; a
                -- follow-up's clock may run after a first response: conversation-lifecycle.ts)
                count(*) FILTER (WHERE status = 'open' AND due_at IS NOT NULL
                                 AND (sla_breached_at IS NOT NULL OR due_at < $2))
           FROM conversations WHERE status <> 'resolved'
          GROUP BY source_id, COALESCE(intent, '')
         ON CONFLICT DO NOTHING`,
        [at, now],
      );
      // the totals the unfiltered backlog chart reads (one row an hour)
      await m.query(
        `INSERT INTO report_backlog_totals (at, open, pending, snoozed, unassigned, overdue)
         SELECT $1, COALESCE(sum(open), 0), COALESCE(sum(pending), 0), COALESCE(sum(snoozed), 0),
                COALESCE(sum(unassigned), 0), COALESCE(sum(overdue), 0)
           FROM report_backlog WHERE at = $1
         ON CONFLICT (at) DO UPDATE SET open = EXCLUDED.open, pending = EXCLUDED.pending, snoozed = EXCLUDED.snoozed,
           unassigned = EXCLUDED.unassigned, overdue = EXCLUDED.overdue`,
        [at],
      );
      await m.query(
        `INSERT INTO report_agent_load (at, user_id, open, pending, capacity)
         SELECT $1, u.id, count(c.id) FILTER (WHERE c.status = 'open'), count(c.id) FILTER (WHERE c.status = 'pending'),
                u.max_open_conversations
           FROM users u LEFT JOIN conversations c ON c.assignee_id = u.id AND c.status IN ('open', 'pending')
          WHERE u.role IN ('agent', 'admin') AND u.disabled_at IS NULL
          GROUP BY u.id
         ON CONFLICT DO NOTHING`,
        [at],
      );
    });
  }

  /**
   * Rebuilds every rollup from its source in one snapshot, under the fold lock: deltas that
   * snapshot sees are dropped (the recount covers them), later ones stay to be folded. Missing SLA
   * cycles (conversations answered or breached before the rollups existed) are added first; the
   * cycles already recorded are history and kept. Then the term counts.
   */
  async rebuild(): Promise<void> {
    const started = Date.now();
    await exclusively(this.db, FOLD_LOCK, async (qr) => {
      await qr.query(`INSERT INTO report_sla_cycles (conversation_id, started_at, source_id, platform, intent, due_at,
                        responded_at, response_seconds, breached_at, agent_id)
                      SELECT * FROM (${CURRENT_CYCLES}) c ON CONFLICT DO NOTHING`);
      // the day tiers are rebuilt in the company's zone (the fold would rebuild them otherwise)
      await qr.query(`UPDATE report_tier_state SET time_zone = (SELECT time_zone FROM company_settings)`);
      for (const r of ROLLUPS) {
        await qr.query(`DELETE FROM ${r.delta ?? `${r.table}_delta`}`);
        await qr.query(`DELETE FROM ${r.table}`);
        const cols = [...r.key, ...r.extra, ...r.values];
        await qr.query(
          `INSERT INTO ${r.table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM (${r.rebuild ?? r.recount}) x`,
        );
      }
    });
    this.log.log(`rollups rebuilt in ${Date.now() - started} ms`);
    await this.terms.rebuild((await this.settings.get()).timeZone);
  }

  /**
   * Compares every rollup (with its unfolded deltas) with a recount from the source tables, in
   * one snapshot; and the term counts, once the queue is worked down, with a recount of the items.
   */
  async check(options: { terms?: boolean } = {}): Promise<CheckResult> {
    if (options.terms !== false) await this.terms.drain(1000);
    const out = await exclusively(this.db, 'otklik:reports:check', async (qr) => {
      const result: CheckResult = { ok: true, rollups: [], differences: [] };
      for (const r of ROLLUPS) {
        const cols = [...r.key, ...r.values];
        const kept = `SELECT ${r.key.join(', ')}, ${r.values.map((v) => `sum(${v})::bigint AS ${v}`).join(', ')}
          FROM (SELECT ${cols.join(', ')} FROM ${r.table}
                UNION ALL ${r.deltaRows ?? `SELECT ${cols.join(', ')} FROM ${r.delta ?? `${r.table}_delta`}`}) u
          GROUP BY ${r.key.join(', ')}
          HAVING ${r.values.map((v) => `sum(${v}) <> 0`).join(' OR ')}`;
        const recount = `SELECT ${r.key.join(', ')}, ${r.values.map((v) => `${v}::bigint`).join(', ')} FROM (${r.recount}) x`;
        const diff = await diffRows(qr, kept, recount);
        const [{ n }] = await qr.query(`SELECT count(*)::int AS n FROM (${kept}) k`);
        result.rollups.push({ rollup: r.name, rows: n, differences: diff.length });
        if (diff.length)
          result.differences.push({ rollup: r.name, differences: diff.length, examples: diff.slice(0, 5) });
      }
      // the current cycle of each conversation as recorded: a breach always is; an answer when
      // the conversation had a running deadline at the time (compared wherever recorded)
      const cycles = await diffRows(
        qr,
        `SELECT f.conversation_id, f.started_at, f.responded_at, f.response_seconds, f.breached_at
           FROM report_sla_cycles f JOIN (${CURRENT_CYCLES}) c USING (conversation_id, started_at)`,
        `SELECT c.conversation_id, c.started_at, c.responded_at, c.response_seconds, c.breached_at FROM (${CURRENT_CYCLES}) c
          WHERE c.breached_at IS NOT NULL OR EXISTS (SELECT 1 FROM report_sla_cycles f
                 WHERE f.conversation_id = c.conversation_id AND f.started_at = c.started_at)`,
      );
      result.rollups.push({ rollup: 'current SLA cycles', rows: -1, differences: cycles.length });
      if (cycles.length)
        result.differences.push({
          rollup: 'current SLA cycles',
          differences: cycles.length,
          examples: cycles.slice(0, 5),
        });
      if (options.terms !== false) {
        const terms = await new TermsRecount(qr).compare();
        result.rollups.push({ rollup: 'term days', rows: terms.rows, differences: terms.differences.length });
        if (terms.differences.length)
          result.differences.push({
            rollup: 'term days',
            differences: terms.differences.length,
            examples: terms.differences.slice(0, 5),
          });
        if (terms.pending > 0)
          result.differences.push({
            rollup: 'term days',
            differences: 0,
            examples: [
              { note: `${terms.pending} queue rows still pending: the term comparison is not conclusive` },
            ],
          });
      }
      result.ok = result.differences.length === 0;
      return result;
    });
    return out!;
  }
}

/** Rows in one query and not the other, both ways (at most 100 of each). */
async function diffRows(qr: QueryRunner, a: string, b: string): Promise<Record<string, unknown>[]> {
  return sqlRows(
    qr,
    `(SELECT 'rollup' AS side, * FROM ((${a}) EXCEPT ALL (${b})) d LIMIT 100)
     UNION ALL
     (SELECT 'recount' AS side, * FROM ((${b}) EXCEPT ALL (${a})) d LIMIT 100)`,
  );
}
