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
  let failure: { err: unknown } | undefined;
  let cursors = opts.cursors;
  let hasMore = true;
  let pages = 0;
  let committed = 0;

  try {
    let next: Promise<P> | undefined = opts.read(cursors);
    while (next && !failure) {
      const page: P = await next;
      next = undefined;
      pages++;
      hasMore = page.hasMore;
      if (hasMore && pages < opts.maxPages) {
        const { __reconcile: _once, ...merged } = { ...cursors, ...page.cursors };
        cursors = merged;
        next = opts.read(cursors);
        next.catch(() => undefined); // awaited above on the next turn, unless a commit failed first
      }
      // Order: wait for earlier pages that share a stream or thread, and for a free slot.
      const before = uncommitted.filter((s) => overlaps(s.page.locks, page.locks)).map((s) => s.done);
      await Promise.allSettled(before);
      // The first page commits alone: it usually creates most of the pass's new contacts, which
      // a concurrent second page would only wait on (and create customers for in vain).
      const limit = committed === 0 ? 1 : opts.concurrency;
      while (inFlight.size >= limit && !failure) await Promise.race(inFlight);
      if (failure) break;
      const slot: Slot<P> = { page, done: Promise.resolve() };
      const run = opts.commit(page).then(
        () => void committed++,
        (err) => void (failure ??= { err }),
      );
      slot.done = run;
      uncommitted.push(slot);
      inFlight.add(run);
      void run.finally(() => {
        inFlight.delete(run);
        uncommitted.splice(uncommitted.indexOf(slot), 1);
      });
    }
  } catch (err) {
    failure ??= { err };
  }
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
