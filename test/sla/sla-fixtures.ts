import { DataSource } from 'typeorm';

/** Rows the SLA integration tests need: a source and conversations with a running clock. */
export async function insertSource(ds: DataSource, name = 'VK community'): Promise<string> {
  const [row] = await ds.query(`INSERT INTO sources (platform, name) VALUES ('vk', $1) RETURNING id`, [name]);
  return row.id;
}

export interface ClockRow {
  startedAt: Date | string;
  /** null: no clock (answered, or never started) */
  dueAt: Date | string | null;
  policyId?: string | null;
  pausedAt?: Date | null;
  pausedMs?: number;
  firstResponseAt?: Date | null;
  status?: string;
}

let seq = 0;

export async function insertConversation(ds: DataSource, sourceId: string, c: ClockRow): Promise<string> {
  const [row] = await ds.query(
    `INSERT INTO conversations (source_id, platform, thread_key, status, needs_response, sla_policy_id,
       sla_started_at, due_at, sla_paused_at, sla_paused_ms, first_response_at, first_message_at)
     VALUES ($1, 'vk', $2, $3, true, $4, $5, $6, $7, $8, $9, $5) RETURNING id`,
    [
      sourceId,
      `thread-${++seq}-${Math.random()}`,
      c.status ?? 'open',
      c.policyId ?? null,
      c.startedAt,
      c.dueAt,
      c.pausedAt ?? null,
      c.pausedMs ?? 0,
      c.firstResponseAt ?? null,
    ],
  );
  return row.id;
}

/** Many conversations in one statement (for the concurrency test). */
export async function insertManyConversations(
  ds: DataSource,
  sourceId: string,
  n: number,
  startedAt: Date,
  dueAt: Date,
): Promise<void> {
  await ds.query(
    `INSERT INTO conversations (source_id, platform, thread_key, needs_response, sla_started_at, due_at)
     SELECT $1, 'vk', 'bulk-' || g || '-' || $5, true, $2::timestamptz, $3::timestamptz + (g || ' milliseconds')::interval
       FROM generate_series(1, $4) g`,
    [sourceId, startedAt, dueAt, n, Math.random()],
  );
}

export async function seededPolicyId(ds: DataSource, intent: string | null): Promise<string> {
  const [row] = await ds.query(
    `SELECT id FROM sla_policies WHERE source_id IS NULL AND intent IS NOT DISTINCT FROM $1`,
    [intent],
  );
  return row.id;
}
