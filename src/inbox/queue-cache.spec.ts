import { ReadAfterAsking } from './queue-cache';

/** A read whose answers the test hands out one by one, in the order the reads were sent. */
function controlledRead() {
  const sent: ((v: number) => void)[] = [];
  let n = 0;
  const read = new ReadAfterAsking(
    () =>
      new Promise<number>((resolve) => {
        n++;
        sent.push(resolve);
      }),
  );
  return { read, sent, reads: () => n };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ReadAfterAsking', () => {
  it('answers everyone who asked before a read was sent with that one read', async () => {
    const { read, sent, reads } = controlledRead();
    const a = read.get();
    const b = read.get();
    const c = read.get();
    await tick();
    expect(reads()).toBe(1);
    sent[0](7);
    expect(await Promise.all([a, b, c])).toEqual([7, 7, 7]);
  });

  it('never gives a caller the answer of a read sent before it asked', async () => {
    const { read, sent, reads } = controlledRead();
    const early = read.get();
    await tick(); // read 1 is sent
    expect(reads()).toBe(1);
    const late1 = read.get().then((v) => ['late1', v]);
    // these two asked while read 1 was in flight: they wait for a read of their own
    const late2 = read.get().then((v) => ['late2', v]);
    const seen: unknown[] = [];
    void late1.then((x) => seen.push(x));
    sent[0](1);
    expect(await early).toBe(1);
    await tick();
    expect(seen).toEqual([]); // not answered by read 1…
    expect(reads()).toBe(2); // …a second read went out for them, after they asked
    sent[1](2);
    expect(await Promise.all([late1, late2])).toEqual([
      ['late1', 2],
      ['late2', 2],
    ]);
  });

  it('passes a failed read to the callers that waited for it, and reads again for the next', async () => {
    let fail = true;
    const read = new ReadAfterAsking(async () => {
      if (fail) throw new Error('database away');
      return 5;
    });
    await expect(read.get()).rejects.toThrow('database away');
    fail = false;
    expect(await read.get()).toBe(5);
  });
});
