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

/** Returns undefined for anything that is not a cursor this code produced. */
export function decodeQueueCursor(s: string): QueueCursor | undefined {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 3) return undefined;
    const [due, priority, id] = v;
    if (due !== null && (typeof due !== 'string' || Number.isNaN(Date.parse(due)))) return undefined;
    if (!Number.isInteger(priority)) return undefined;
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    return { due, priority, id };
  } catch {
    return undefined;
  }
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
