import { afterCursorSql, decodeQueueCursor, encodeQueueCursor } from './queue-cursor';

describe('inbox queue cursor', () => {
  const id = '0b9d6a1e-5a34-4c1e-9d0f-0e1f2a3b4c5d';

  it('round-trips microsecond timestamps and the NULL tail', () => {
    const c = { due: '2024-11-26 10:00:00.123456+00', priority: 3, id };
    expect(decodeQueueCursor(encodeQueueCursor(c))).toEqual(c);
    const tail = { due: null, priority: 0, id };
    expect(decodeQueueCursor(encodeQueueCursor(tail))).toEqual(tail);
  });

  it('rejects anything else', () => {
    expect(decodeQueueCursor('not-a-cursor')).toBeUndefined();
    expect(decodeQueueCursor(Buffer.from('["x",1,"y"]').toString('base64url'))).toBeUndefined();
    expect(decodeQueueCursor(Buffer.from(`[null,1.5,"${id}"]`).toString('base64url'))).toBeUndefined();
  });

  it('rejects forged cursors PostgreSQL would refuse (they must be a 400, not a SQL error)', () => {
    const forged = (due: unknown, priority: unknown, cid: unknown) =>
      decodeQueueCursor(Buffer.from(JSON.stringify([due, priority, cid])).toString('base64url'));
    expect(forged('1', 1, id)).toBeUndefined(); // Date.parse says year 2001
    expect(forged('tomorrow 1', 1, id)).toBeUndefined();
    expect(forged('2024-02-31 00:00:00+00', 1, id)).toBeUndefined();
    expect(forged('2024-01-01 24:00:00+00', 1, id)).toBeUndefined();
    expect(forged('+275760-09-13T00:00:00Z', 1, id)).toBeUndefined();
    expect(forged(null, 1e300, id)).toBeUndefined();
    expect(forged(null, 32768, id)).toBeUndefined();
    expect(forged(null, 0, '-'.repeat(36))).toBeUndefined();
    expect(forged(null, 0, 'g'.repeat(8) + id.slice(8))).toBeUndefined();
    expect(forged('2024-11-26T10:00:00Z', -5, id)).toEqual({ due: '2024-11-26T10:00:00Z', priority: -5, id });
    expect(forged('2024-11-26 10:00:00+03:30', 0, id)?.due).toBe('2024-11-26 10:00:00+03:30');
  });

  it('numbers parameters from the given position', () => {
    const q = afterCursorSql({ due: '2024-01-01T00:00:00Z', priority: 1, id }, 4);
    expect(q.sql).toContain('$4::timestamptz');
    expect(q.sql).toContain('$6::uuid');
    expect(q.params).toHaveLength(3);
    const tail = afterCursorSql({ due: null, priority: 1, id }, 2);
    expect(tail.sql).toContain('$3::uuid');
    expect(tail.params).toEqual([1, id]);
  });
});
