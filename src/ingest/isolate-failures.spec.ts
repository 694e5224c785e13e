import { isolateFailures } from './isolate-failures';

class DataError extends Error {}
const isData = (e: unknown) => e instanceof DataError;

/** A fake store: commits a part unless it holds a bad item; records every attempt. */
function store(bad: Set<string>, down = false) {
  const stored: string[] = [];
  const attempts: string[][] = [];
  const attempt = async (units: readonly (readonly string[])[]) => {
    const items = units.flat();
    attempts.push(items);
    if (down) throw new Error('connection lost');
    if (items.some((i) => bad.has(i))) throw new DataError(`bad in ${items.join(',')}`);
    stored.push(...items);
  };
  return { stored, attempts, attempt };
}

describe('isolateFailures', () => {
  const units = (ids: string[]) => ids.map((id) => [id]);

  it('stores every good item once and reports each bad one, in batch order', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `i${i}`);
    const s = store(new Set(['i7', 'i63']));
    const out = await isolateFailures(units(ids), s.attempt, isData, new DataError('whole'));
    expect(out.failed.map((f) => f.item)).toEqual(['i7', 'i63']);
    expect(out.failed[0].error).toBeInstanceOf(DataError);
    expect([...s.stored].sort()).toEqual(ids.filter((i) => i !== 'i7' && i !== 'i63').sort());
    expect(new Set(s.stored).size).toBe(s.stored.length); // nothing stored twice
    // bisection, not one commit per item
    expect(s.attempts.length).toBeLessThan(30);
  });

  it('tries a failing unit (an item and its edits) item by item', async () => {
    const s = store(new Set(['a-edit']));
    const out = await isolateFailures([['a', 'a-edit'], ['b']], s.attempt, isData, new DataError('whole'));
    expect(out.failed.map((f) => f.item)).toEqual(['a-edit']);
    expect(s.stored.sort()).toEqual(['a', 'b']);
    const single = store(new Set(['x2']));
    expect((await isolateFailures([['x1', 'x2']], single.attempt, isData, null)).failed).toEqual([
      { item: 'x2', error: expect.any(DataError) },
    ]);
    expect(single.stored).toEqual(['x1']);
  });

  it('reports a lone item with the error the batch failed with, without trying again', async () => {
    const s = store(new Set(['only']));
    const first = new DataError('first');
    expect(await isolateFailures([['only']], s.attempt, isData, first)).toEqual({
      failed: [{ item: 'only', error: first }],
    });
    expect(s.attempts).toEqual([]);
  });

  it('rethrows anything that is not a data error (the whole batch is retried later)', async () => {
    const s = store(new Set(), true);
    await expect(isolateFailures(units(['a', 'b', 'c']), s.attempt, isData, null)).rejects.toThrow(
      'connection lost',
    );
  });
});
