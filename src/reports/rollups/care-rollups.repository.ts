import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../../database/sql';
import { FRT_COLUMNS } from '../domain/frt-histogram';
import type { ItemWindow } from './item-rollups.repository';
import { tieredSource, tierPlan } from './tiers';

export interface CareFilter {
  platform?: string;
  sourceId?: string;
  intent?: string;
}

/** Counters of SLA cycles (report_sla_hours / report_agent_hours) with the FRT histogram. */
export interface CycleCounters {
  responded: number;
  met: number;
  breached: number;
  responseSeconds: number;
  hist: number[];
}

export interface SlaGroupRow extends CycleCounters {
  current: boolean;
  intent: string;
  sourceId: string;
  cycles: number;
}

export interface SlaBucketRow extends CycleCounters {
  bucket: Date;
  current: boolean;
  cycles: number;
}

export interface AgentRow extends CycleCounters {
  agentId: string;
  current: boolean;
}

export interface BreachRow {
  conversationId: string;
  /** started_at in microseconds since the epoch (the page cursor) */
  startedUs: string;
  startedAt: Date;
  dueAt: Date | null;
  breachedAt: Date | null;
  respondedAt: Date | null;
  responseSeconds: number | null;
  intent: string;
  sourceId: string;
  platform: string;
  agentId: string | null;
}

export interface BacklogRow {
  bucket: Date;
  snapshots: number;
  openAvg: number;
  openMax: number;
  openLast: number;
  unassignedLast: number;
  overdueMax: number;
  overdueLast: number;
  pendingLast: number;
  snoozedLast: number;
}

export interface AgentLoadRow {
  userId: string;
  name: string;
  email: string;
  role: string;
  disabled: boolean;
  capacity: number;
  openAvg: number | null;
  openMax: number | null;
  snapshots: number;
}

const COUNTER_COLS = ['responded', 'met', 'breached', 'response_seconds', ...FRT_COLUMNS];
const SUMS = `sum(responded)::int AS responded, sum(met)::int AS met, sum(breached)::int AS breached,
  sum(response_seconds)::float8 AS "responseSeconds",
  ARRAY[${FRT_COLUMNS.map((c) => `sum(${c})::int`).join(', ')}] AS hist`;

/** Reads the care rollups (plus unfolded deltas), the SLA cycles and the backlog snapshots. */
@Injectable()
export class CareRollupsRepository {
  constructor(private readonly db: DataSource) {}

  /** SLA rows of the window: whole days from report_sla_days when `dayAligned` (tiers.ts). */
  private slaSource(w: ItemWindow, f: CareFilter, params: unknown[], dayAligned: boolean): string {
    return tieredSource(
      {
        hours: 'report_sla_hours',
        days: 'report_sla_days',
        delta: 'report_sla_hours_delta',
        cols: ['hour', 'source_id', 'platform', 'intent', 'cycles', ...COUNTER_COLS],
        where: filterSql(f, params),
      },
      tierPlan(w, dayAligned),
      ['$1', '$3'],
      params,
    );
  }

  /** Per intent and source, current and previous period. */
  async slaByGroup(w: ItemWindow, f: CareFilter): Promise<SlaGroupRow[]> {
    const params: unknown[] = [w.prevFrom, w.from, w.to];
    return sqlRows(
      this.db,
      `SELECT hour >= $2 AS current, intent, source_id::text AS "sourceId", sum(cycles)::int AS cycles, ${SUMS}
         FROM ${this.slaSource(w, f, params, true)} GROUP BY 1, 2, 3 ORDER BY 2, 3`,
      params,
    );
  }

  /** Per time bucket (by when the cycle started), current and previous period. */
  async slaByBucket(w: ItemWindow, f: CareFilter): Promise<SlaBucketRow[]> {
    const params: unknown[] = [w.prevFrom, w.from, w.to, w.granularity, w.timeZone];
    return sqlRows(
      this.db,
      // per hour (or tier day) first, then into the zone's buckets (date_trunc in a zone is the costly part)
      `SELECT date_trunc($4, hour, $5) AS bucket, hour >= $2 AS current, sum(cycles)::int AS cycles, ${SUMS}
         FROM (SELECT hour, sum(cycles) AS cycles, ${COUNTER_COLS.map((c) => `sum(${c}) AS ${c}`).join(', ')}
                 FROM ${this.slaSource(w, f, params, w.granularity !== 'hour')} GROUP BY hour) h
        GROUP BY 1, 2 ORDER BY 1`,
      params,
    );
  }

  /** Per agent (by when they answered); the nil uuid collects answers nobody held. */
  async agents(w: ItemWindow): Promise<AgentRow[]> {
    const params: unknown[] = [w.prevFrom, w.from, w.to];
    const rows = tieredSource(
      {
        hours: 'report_agent_hours',
        days: 'report_agent_days',
        delta: 'report_agent_hours_delta',
        cols: ['hour', 'agent_id', ...COUNTER_COLS],
        where: '',
      },
      tierPlan(w, true),
      ['$1', '$3'],
      params,
    );
    return sqlRows(
      this.db,
      `SELECT agent_id::text AS "agentId", hour >= $2 AS current, ${SUMS} FROM ${rows} GROUP BY 1, 2`,
      params,
    );
  }

  /**
   * Breached cycles that started in [from, to), newest first, keyset-paginated on
   * (started_at, conversation_id).
   */
  async breaches(
    from: Date,
    to: Date,
    f: CareFilter,
    limit: number,
    after?: { startedUs: string; conversationId: string },
  ): Promise<BreachRow[]> {
    const params: unknown[] = [from, to, limit];
    let where = filterSql(f, params);
    if (after) {
      params.push(after.startedUs, after.conversationId);
      where += ` AND (started_at, conversation_id) <
        ('epoch'::timestamptz + $${params.length - 1}::bigint * interval '1 microsecond', $${params.length}::uuid)`;
    }
    return sqlRows(
      this.db,
      `SELECT conversation_id::text AS "conversationId", started_at AS "startedAt",
              (extract(epoch FROM started_at) * 1000000)::bigint::text AS "startedUs", due_at AS "dueAt",
              breached_at AS "breachedAt", responded_at AS "respondedAt", response_seconds AS "responseSeconds",
              intent, source_id::text AS "sourceId", platform, agent_id::text AS "agentId"
         FROM report_sla_cycles
        WHERE started_at >= $1 AND started_at < $2 AND (breached_at IS NOT NULL OR responded_at > due_at) ${where}
        ORDER BY started_at DESC, conversation_id DESC
        LIMIT $3`,
      params,
    );
  }

  /** The backlog snapshots per bucket: average, peak and last of each snapshot's totals. */
  async backlog(w: ItemWindow, f: CareFilter): Promise<BacklogRow[]> {
    const params: unknown[] = [w.from, w.to, w.granularity, w.timeZone];
    const unfiltered = !f.platform && !f.sourceId && f.intent === undefined;
    const where = filterSql({ sourceId: f.sourceId, intent: f.intent }, params);
    const platform = f.platform
      ? (params.push(f.platform),
        `AND source_id IN (SELECT id FROM sources WHERE platform = $${params.length})`)
      : '';
    return sqlRows(
      this.db,
      `WITH snap AS (${
        unfiltered
          ? `SELECT at, open, pending, snoozed, unassigned, overdue FROM report_backlog_totals WHERE at >= $1 AND at < $2`
          : `SELECT at, sum(open)::int AS open, sum(pending)::int AS pending, sum(snoozed)::int AS snoozed,
                    sum(unassigned)::int AS unassigned, sum(overdue)::int AS overdue
               FROM report_backlog WHERE at >= $1 AND at < $2 ${where} ${platform}
              GROUP BY at`
      })
       SELECT date_trunc($3, at, $4) AS bucket, count(*)::int AS snapshots,
              round(avg(open), 1)::float8 AS "openAvg", max(open) AS "openMax",
              (array_agg(open ORDER BY at DESC))[1] AS "openLast",
              (array_agg(unassigned ORDER BY at DESC))[1] AS "unassignedLast",
              max(overdue) AS "overdueMax", (array_agg(overdue ORDER BY at DESC))[1] AS "overdueLast",
              (array_agg(pending ORDER BY at DESC))[1] AS "pendingLast",
              (array_agg(snoozed ORDER BY at DESC))[1] AS "snoozedLast"
         FROM snap GROUP BY 1 ORDER BY 1`,
      params,
    );
  }

  /** Every agent and admin with their concurrent load in the range (snapshots) and capacity. */
  async agentLoad(from: Date, to: Date): Promise<AgentLoadRow[]> {
    return sqlRows(
      this.db,
      `SELECT u.id::text AS "userId", u.name, u.email::text AS email, u.role::text AS role,
              u.disabled_at IS NOT NULL AS disabled, u.max_open_conversations AS capacity,
              round(avg(l.open), 2)::float8 AS "openAvg", max(l.open) AS "openMax", count(l.at)::int AS snapshots
         FROM users u LEFT JOIN report_agent_load l ON l.user_id = u.id AND l.at >= $1 AND l.at < $2
        WHERE u.role IN ('agent', 'admin')
        GROUP BY u.id ORDER BY u.name, u.id`,
      [from, to],
    );
  }
}

function filterSql(f: CareFilter, params: unknown[]): string {
  const parts: string[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    parts.push(sql.replace('?', `$${params.length}`));
  };
  if (f.platform) add('platform = ?', f.platform);
  if (f.sourceId) add('source_id = ?::uuid', f.sourceId);
  if (f.intent !== undefined) add('intent = ?', f.intent);
  return parts.map((p) => `AND ${p}`).join(' ');
}
