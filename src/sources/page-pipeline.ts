/**
 * The catch-up pipeline of a pull source (plain TypeScript): pages are read one after another
 * (page n+1 from the cursors page n will store, kept in memory) while earlier pages commit, up to
 * `concurrency` commits at once so the database's cores are used.
 *
 * Exactly-once safety: a page commits its items together with its cursors, and a page never
 * commits while an earlier page that shares a cursor stream or a platform thread is uncommitted.
 * So a stored watermark only ever covers committed items, and a crash at any point loses
 * nothing: the next sync resumes after the last committed page of each stream.
 */
export interface PipelinePage {
  hasMore: boolean;
  /** Cursor updates of the page (`__` keys are transient hints for the next read). */
  cursors: Record<string, unknown>;
  /** Cursor streams and platform threads the page writes; pages sharing one commit in order. */
  locks: ReadonlySet<string>;
}

export interface PipelineOptions<P extends PipelinePage> {
  cursors: Record<string, unknown>;
  read(cursors: Record<string, unknown>): Promise<P>;
  commit(page: P): Promise<void>;
  maxPages: number;
  concurrency: number;
  /** Pages read ahead of the commits (default 1: page n+1 is read while page n waits or commits). */
  readAhead?: number;
}

export interface PipelineOutcome {
  /** The last page read said more is waiting (the page limit stopped us). */
  hasMore: boolean;
}

interface Slot<P> {
  page: P;
  done: Promise<unknown>;
}

/** Reads and commits pages until none is left or `maxPages` were read; rethrows the first failure. */
export async function runPagePipeline<P extends PipelinePage>(
  opts: PipelineOptions<P>,
): Promise<PipelineOutcome> {
  const inFlight = new Set<Promise<unknown>>();
  const uncommitted: Slot<P>[] = [];
  /** Pages read (or being read) and not yet handed to a commit: bounded by readAhead. */
  const ready: P[] = [];
  const ahead = Math.max(1, opts.readAhead ?? 1);
  let failure: { err: unknown } | undefined;
  let hasMore = true;
  let readerDone = false;
  let wakeCommitter: (() => void) | undefined;
  let wakeReader: (() => void) | undefined;
  const wake = (which: 'committer' | 'reader') => {
    const w = which === 'committer' ? wakeCommitter : wakeReader;
    if (which === 'committer') wakeCommitter = undefined;
    else wakeReader = undefined;
    w?.();
  };

  // The reader runs ahead of the commits: reads only wait for the API (and their own analysis),
  // never for a commit slot, so the rate-limited fetches stay back to back.
  const reader = (async () => {
    let cursors = opts.cursors;
    try {
      for (let pages = 0; ;) {
        while (ready.length > ahead && !failure) await new Promise<void>((r) => (wakeReader = r));
        if (failure) return;
        const page = await opts.read(cursors);
        pages++;
        hasMore = page.hasMore;
        ready.push(page);
        wake('committer');
        if (!hasMore || pages >= opts.maxPages) return;
        const { __reconcile: _once, ...merged } = { ...cursors, ...page.cursors };
        cursors = merged;
      }
    } catch (err) {
      failure ??= { err };
    } finally {
      readerDone = true;
      wake('committer');
    }
  })();

  try {
    for (;;) {
      while (ready.length === 0 && !readerDone && !failure)
        await new Promise<void>((r) => (wakeCommitter = r));
      if (failure || ready.length === 0) break;
      const page = ready[0];
      // Order: wait for earlier pages that share a stream or thread, and for a free slot.
      const before = uncommitted.filter((s) => overlaps(s.page.locks, page.locks)).map((s) => s.done);
      await Promise.allSettled(before);
      while (inFlight.size >= opts.concurrency && !failure) await Promise.race(inFlight);
      if (failure) break;
      ready.shift();
      wake('reader');
      const slot: Slot<P> = { page, done: Promise.resolve() };
      const run = opts.commit(page).then(
        () => undefined,
        (err) => {
          failure ??= { err };
          wake('reader');
        },
      );
      slot.done = run;
      uncommitted.push(slot);
      inFlight.add(run);
      // `run` never rejects (its rejection handler above records the failure).
      void run.finally(() => {
        inFlight.delete(run);
        uncommitted.splice(uncommitted.indexOf(slot), 1);
      });
    }
  } catch (err) {
    failure ??= { err };
  }
  wake('reader');
  await reader;
  // Never leave a commit running behind the caller's back.
  await Promise.allSettled([...inFlight]);
  if (failure) throw failure.err;
  return { hasMore };
}

function overlaps(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const k of small) if (large.has(k)) return true;
  return false;
}
