/**
 * What each rollup must equal, computed from the source tables (the rebuild writes these, the
 * check compares them). Same definitions as the triggers in migrations/1732600500000-Reports.ts.
 */
import { FRT_BOUNDS, FRT_COLUMNS } from '../domain/frt-histogram';

export const ITEM_HOURS_RECOUNT = `
  SELECT date_trunc('hour', created_at_platform, 'UTC') AS hour, source_id, min(platform) AS platform,
         COALESCE(language, '') AS language, COALESCE(intent, '') AS intent, count(*)::int AS items,
         count(*) FILTER (WHERE sentiment_label = 'negative')::int AS negative,
         count(*) FILTER (WHERE sentiment_label = 'neutral')::int AS neutral,
         count(*) FILTER (WHERE sentiment_label = 'positive')::int AS positive,
         count(*) FILTER (WHERE needs_response)::int AS needs_response
    FROM items WHERE direction = 'inbound'
   GROUP BY 1, 2, 4, 5`;

export const ITEM_INTENT_HOURS_RECOUNT = `
  SELECT hour, intent, sum(items)::int AS items, sum(negative)::int AS negative, sum(neutral)::int AS neutral,
         sum(positive)::int AS positive, sum(needs_response)::int AS needs_response
    FROM (${ITEM_HOURS_RECOUNT}) h GROUP BY hour, intent`;

const OUTCOME = `
  SELECT source_id, platform, intent, agent_id,
         date_trunc('hour', started_at, 'UTC') AS started_hour,
         date_trunc('hour', responded_at, 'UTC') AS responded_hour,
         (responded_at IS NOT NULL)::int AS responded,
         (responded_at IS NOT NULL AND breached_at IS NULL AND (due_at IS NULL OR responded_at <= due_at))::int AS met,
         (breached_at IS NOT NULL OR responded_at > due_at)::int AS breached,
         COALESCE(response_seconds, 0)::bigint AS seconds,
         CASE WHEN responded_at IS NOT NULL THEN width_bucket(COALESCE(response_seconds, 0), ARRAY[${FRT_BOUNDS.join(', ')}]) END AS b
    FROM report_sla_cycles`;
const COUNTERS = `sum(responded)::int AS responded, sum(met)::int AS met, sum(breached)::int AS breached,
  sum(seconds)::bigint AS response_seconds,
  ${FRT_COLUMNS.map((c, i) => `count(*) FILTER (WHERE b = ${i})::int AS ${c}`).join(', ')}`;

export const SLA_HOURS_RECOUNT = `
  SELECT started_hour AS hour, source_id, min(platform) AS platform, intent, count(*)::int AS cycles, ${COUNTERS}
    FROM (${OUTCOME}) c GROUP BY started_hour, source_id, intent`;

export const AGENT_HOURS_RECOUNT = `
  SELECT responded_hour AS hour, COALESCE(agent_id, '00000000-0000-0000-0000-000000000000'::uuid) AS agent_id, ${COUNTERS}
    FROM (${OUTCOME}) c WHERE responded = 1 GROUP BY 1, 2`;

export const TAG_HOURS_RECOUNT = `
  SELECT date_trunc('hour', COALESCE(c.first_message_at, c.created_at), 'UTC') AS hour, t.tag_id, c.source_id,
         count(*)::int AS conversations
    FROM conversation_tags t JOIN conversations c ON c.id = t.conversation_id
   GROUP BY 1, 2, 3`;

/**
 * The last clock of every conversation that was answered or breached, as the trigger records it:
 * answered when the clock stopped (due_at NULL after a start, with a policy) and a brand message
 * exists since it started (the first one is the response). The deadline an answer cleared is
 * taken from the SLA events when one was raised (only rows older than the rollups need it).
 */
const START = `COALESCE(c.sla_started_at, c.first_message_at, c.created_at)`;
export const CURRENT_CYCLES = `
  SELECT c.id AS conversation_id, ${START} AS started_at, c.source_id, c.platform, COALESCE(c.intent, '') AS intent,
         COALESCE(c.due_at, (SELECT max(e.due_at) FROM sla_events e WHERE e.conversation_id = c.id
                              AND e.due_at >= ${START})) AS due_at,
         a.at AS responded_at, CASE WHEN a.at IS NOT NULL THEN GREATEST(0, round(EXTRACT(EPOCH FROM a.at - ${START})))::int END AS response_seconds,
         c.sla_breached_at AS breached_at, CASE WHEN a.at IS NOT NULL THEN c.assignee_id END AS agent_id
    FROM conversations c
    LEFT JOIN LATERAL (
      SELECT min(i.created_at_platform) AS at FROM items i
       WHERE c.due_at IS NULL AND c.sla_started_at IS NOT NULL AND c.sla_policy_id IS NOT NULL
         AND i.conversation_id = c.id AND i.direction = 'outbound' AND NOT COALESCE((i.raw->>'autoAck')::boolean, false)
         AND i.created_at_platform >= ${START}
    ) a ON true
   WHERE c.sla_breached_at IS NOT NULL OR a.at IS NOT NULL`;

export interface RollupSpec {
  name: string;
  table: string;
  /** where its unfolded deltas wait (default `${table}_delta`) */
  delta?: string;
  /** the deltas as key and value columns, when the delta table has other keys (a day tier's hours) */
  deltaRows?: string;
  /** what the rebuild writes, when not the recount (a day tier: from its just rebuilt hours) */
  rebuild?: string;
  key: string[];
  values: string[];
  extra: string[];
  recount: string;
}

/** The zone the day tiers are kept in (migrations/1732601500000-ReportDayTiers.ts). */
const TIER_DAY = (col: string) => `date_trunc('day', ${col}, (SELECT time_zone FROM report_tier_state))`;
const ITEM_VALUES = ['items', 'negative', 'neutral', 'positive', 'needs_response'];
const SLA_VALUES = ['responded', 'met', 'breached', 'response_seconds', ...FRT_COLUMNS];
const sums = (cols: string[]) => cols.map((c) => `sum(${c}) AS ${c}`).join(', ');

/**
 * A day tier of an hourly rollup: the same sums per local day of the tier's zone, from `from` (the
 * hour rollup's recount, its rows or its deltas).
 */
function dayTier(
  name: string,
  table: string,
  hours: RollupSpec,
  key: string[],
  extra: { col: string; expr: string }[],
  values: string[],
): RollupSpec {
  const select = (from: string) =>
    `SELECT ${TIER_DAY('hour')} AS day, ${key.map((k) => `${k}`).join(', ')}${extra
      .map((e) => `, ${e.expr} AS ${e.col}`)
      .join('')}, ${sums(values)} FROM (${from}) h GROUP BY ${['1', ...key].join(', ')}`;
  return {
    name,
    table,
    delta: hours.delta ?? `${hours.table}_delta`,
    deltaRows: `SELECT ${TIER_DAY('hour')} AS day, ${key.join(', ')}, ${values.join(', ')} FROM ${hours.delta ?? `${hours.table}_delta`}`,
    rebuild: select(`SELECT * FROM ${hours.table}`),
    key: ['day', ...key],
    values,
    extra: extra.map((e) => e.col),
    recount: select(hours.recount),
  };
}

/** Each rollup: its table, key columns and value columns. */
export const ROLLUPS: RollupSpec[] = [
  {
    name: 'item hours',
    table: 'report_item_hours',
    key: ['hour', 'source_id', 'language', 'intent'],
    values: ['items', 'negative', 'neutral', 'positive', 'needs_response'],
    extra: ['platform'],
    recount: ITEM_HOURS_RECOUNT,
  },
  {
    // the item deltas fold into both (report_fold())
    name: 'item hours by intent',
    table: 'report_item_intent_hours',
    delta: 'report_item_hours_delta',
    key: ['hour', 'intent'],
    values: ['items', 'negative', 'neutral', 'positive', 'needs_response'],
    extra: [],
    recount: ITEM_INTENT_HOURS_RECOUNT,
  },
  {
    name: 'SLA hours',
    table: 'report_sla_hours',
    key: ['hour', 'source_id', 'intent'],
    values: ['cycles', 'responded', 'met', 'breached', 'response_seconds', ...FRT_COLUMNS],
    extra: ['platform'],
    recount: SLA_HOURS_RECOUNT,
  },
  {
    name: 'agent hours',
    table: 'report_agent_hours',
    key: ['hour', 'agent_id'],
    values: ['responded', 'met', 'breached', 'response_seconds', ...FRT_COLUMNS],
    extra: [],
    recount: AGENT_HOURS_RECOUNT,
  },
  {
    name: 'tag hours',
    table: 'report_tag_hours',
    key: ['hour', 'tag_id', 'source_id'],
    values: ['conversations'],
    extra: [],
    recount: TAG_HOURS_RECOUNT,
  },
];

// the day tiers after their hours (the rebuild sums the rebuilt hours)
const [itemHours, itemIntentHours, slaHours, agentHours, tagHours] = ROLLUPS;
ROLLUPS.push(
  dayTier(
    'item days',
    'report_item_days',
    itemHours,
    ['source_id', 'language', 'intent'],
    [{ col: 'platform', expr: 'min(platform)' }],
    ITEM_VALUES,
  ),
  dayTier('item days by intent', 'report_item_intent_days', itemIntentHours, ['intent'], [], ITEM_VALUES),
  dayTier(
    'SLA days',
    'report_sla_days',
    slaHours,
    ['source_id', 'intent'],
    [{ col: 'platform', expr: 'min(platform)' }],
    ['cycles', ...SLA_VALUES],
  ),
  dayTier('agent days', 'report_agent_days', agentHours, ['agent_id'], [], SLA_VALUES),
  dayTier('tag days', 'report_tag_days', tagHours, ['tag_id', 'source_id'], [], ['conversations']),
  dayTier('tag days (all sources)', 'report_tag_day_totals', tagHours, ['tag_id'], [], ['conversations']),
);
