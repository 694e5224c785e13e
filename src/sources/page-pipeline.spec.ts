import { runPagePipeline, type PipelinePage } from './page-pipeline';

interface Page extends PipelinePage {
  n: number;
}

/** A scripted source of pages: page n has the given locks; the last says hasMore: false. */
function script(locks: string[][]) {
  const reads: Array<Record<string, unknown>> = [];
  const read = async (cursors: Record<string, unknown>): Promise<Page> => {
    reads.push(cursors);
    const n = reads.length - 1;
    await tick();
    return {
      n,
      hasMore: n < locks.length - 1,
      cursors: { [`s${n}`]: n, __next: n + 1 },
      locks: new Set(locks[n]),
    };
  };
  return { read, reads };
}

const tick = () => new Promise((r) => setImmediate(r));

/** A commit that records when pages start and end, and can be released by hand. */
function committer() {
  const log: string[] = [];
  const open = new Map<number, () => void>();
  const commit = (page: Page) => {
    log.push(`start ${page.n}`);
    return new Promise<void>((resolve) =>
      open.set(page.n, () => {
        log.push(`end ${page.n}`);
        open.delete(page.n);
        resolve();
      }),
    );
  };
  return { log, open, commit };
}

async function drain(c: ReturnType<typeof committer>, run: Promise<unknown>, order?: number[]) {
  let settled = false;
  void run.finally(() => (settled = true));
  while (!settled) {
    await tick();
    const next = order ? order.find((n) => c.open.has(n)) : [...c.open.keys()][0];
    if (next !== undefined) c.open.get(next)!();
  }
}

describe('runPagePipeline', () => {
  const settle = async () => {
    for (let i = 0; i < 20; i++) await tick();
  };

  it('reads page n+1 from the cursors of page n; disjoint pages commit side by side', async () => {
    const src = script([['a'], ['b'], ['c'], ['d']]);
    const c = committer();
    const run = runPagePipeline({
      cursors: { __reconcile: 1 },
      read: src.read,
      commit: c.commit,
      maxPages: 10,
      concurrency: 2,
    });
    await settle();
    expect([...c.open.keys()]).toEqual([0, 1]); // two at once, no more
    c.open.get(0)!();
    await settle();
    expect([...c.open.keys()]).toEqual([1, 2]); // a free slot takes the next page
    await drain(c, run, [2, 1, 3]);
    await expect(run).resolves.toEqual({ hasMore: false });
    expect(src.reads[1]).toEqual({ s0: 0, __next: 1 }); // merged, the one-off hint dropped
    expect(src.reads[2]).toEqual({ s0: 0, s1: 1, __next: 2 });
  });

  it('never starts a page while an earlier page with a shared stream is uncommitted', async () => {
    const src = script([['first'], ['a', 't1'], ['b'], ['a'], ['t1']]);
    const c = committer();
    const run = runPagePipeline({
      cursors: {},
      read: src.read,
      commit: c.commit,
      maxPages: 10,
      concurrency: 3,
    });
    await settle();
    expect([...c.open.keys()]).toEqual([0, 1, 2]); // 2 is disjoint from 1; 3 shares stream a with 1
    c.open.get(0)!();
    await settle();
    expect([...c.open.keys()]).toEqual([1, 2]);
    c.open.get(2)!();
    await settle();
    expect(c.log).not.toContain('start 3'); // a free slot is not enough
    c.open.get(1)!();
    await settle();
    expect([...c.open.keys()]).toEqual([3, 4]);
    await drain(c, run);
    await expect(run).resolves.toEqual({ hasMore: false });
  });

  it('stops at maxPages and says more is waiting', async () => {
    const src = script([['a'], ['b'], ['c'], ['d']]);
    const c = committer();
    const run = runPagePipeline({
      cursors: {},
      read: src.read,
      commit: c.commit,
      maxPages: 2,
      concurrency: 2,
    });
    await drain(c, run);
    await expect(run).resolves.toEqual({ hasMore: true });
    expect(src.reads).toHaveLength(2);
  });

  it('a failed commit stops reading, lets the other commit finish, and rethrows', async () => {
    const src = script([['a'], ['b'], ['c'], ['d']]);
    const done: number[] = [];
    const run = runPagePipeline<Page>({
      cursors: {},
      read: src.read,
      commit: async (p) => {
        await tick();
        if (p.n === 1) throw new Error('deadlock');
        await tick();
        done.push(p.n);
      },
      maxPages: 10,
      concurrency: 2,
    });
    await expect(run).rejects.toThrow('deadlock');
    expect(done).toEqual([0]); // page 0 (committing beside 1) finished; nothing started after

    expect(src.reads.length).toBeLessThanOrEqual(4); // at most the one page read ahead
  });
});
