/**
 * Keyset cursor for the inbox queue, ordered by (due_at ASC NULLS LAST, priority DESC, id ASC).
 * `due` keeps PostgreSQL's own text form of the timestamp so microseconds survive the round
 * trip (a JS Date would truncate them and skip or repeat rows).
 */
export interface QueueCursor {
  due: string | null;
  priority: number;
  id: string;
}

export function encodeQueueCursor(c: QueueCursor): string {
  return Buffer.from(JSON.stringify([c.due, c.priority, c.id]), 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** PostgreSQL's text form of a timestamptz (or ISO 8601), e.g. `2024-11-26 10:00:00.123456+00`. */
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * Returns undefined for anything that is not a cursor this code produced. The cursor comes back
 * from the client, so each part must be something PostgreSQL accepts for its column (a forged
 * one is a 400, not a cast error in SQL).
 */
export function decodeQueueCursor(s: string): QueueCursor | undefined {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 3) return undefined;
    const [due, priority, id] = v;
    if (due !== null && !isTimestamp(due)) return undefined;
    // conversations.priority is a smallint
    if (!Number.isInteger(priority) || priority < -32768 || priority > 32767) return undefined;
    if (typeof id !== 'string' || !UUID.test(id)) return undefined;
    return { due, priority, id };
  } catch {
    return undefined;
  }
}

function isTimestamp(v: unknown): v is string {
  const m = typeof v === 'string' ? TIMESTAMP.exec(v) : null;
  if (!m) return false;
  const [y, mo, d, h, mi, sec] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
  // no rollover: 2024-02-31 or 25:00 would pass a looser check and fail in PostgreSQL
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && sec < 60;
}

/**
 * The WHERE fragment "strictly after the cursor" for that order, with parameters starting at
 * `$<first>`. NULL due times sort last, so a cursor in the NULL tail only moves within it.
 */
export function afterCursorSql(c: QueueCursor, first: number): { sql: string; params: unknown[] } {
  const tieBreak = (p: string, i: string) =>
    `(c.priority < ${p} OR (c.priority = ${p} AND c.id > ${i}::uuid))`;
  if (c.due === null) {
    const sql = `(c.due_at IS NULL AND ${tieBreak(`$${first}`, `$${first + 1}`)})`;
    return { sql, params: [c.priority, c.id] };
  }
  const d = `$${first}::timestamptz`;
  const tb = tieBreak(`$${first + 1}`, `$${first + 2}`);
  return {
    sql: `(c.due_at IS NULL OR c.due_at > ${d} OR (c.due_at = ${d} AND ${tb}))`,
    params: [c.due, c.priority, c.id],
  };
}
