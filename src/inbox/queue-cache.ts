/** What the database says right now: the queue's version and its clock (one cheap query). */
export interface QueueState {
  version: string;
  /** The database's now(), ms since the epoch. */
  now: number;
}

export interface CachedPage<V = Buffer> {
  /** A page: UTF-8 JSON, encoded once (a 60 KB string was encoded again for every answer). */
  body: V;
  /** The database time from which the page may be wrong without a write (a due time passing), or null. */
  until: number | null;
}

/**
 * Queue pages by request, valid while the queue's version (migration QueueVersion: bumped by a
 * trigger in every transaction that writes what a page shows) is the one read before the page
 * was built: the page's own query runs after that read, so it holds at least every change the
 * version counts, and any later commit changes the version. A page whose filter depends on the
 * clock (SLA state) also carries the time it stops holding. Requests for the same page and
 * version while it is being built share one build.
 *
 * The key is the request as the repository gets it (the filter after `assignee=me` became the
 * user's id): nothing else decides what a page holds, so two users share a page exactly when
 * they asked for the same rows. A bounded LRU.
 */
export class QueueCache<V = Buffer> {
  private readonly pages = new Map<string, CachedPage<V> & { version: string }>();
  private readonly building = new Map<string, Promise<CachedPage<V>>>();
  private bytes = 0;

  constructor(
    private readonly maxBytes = 32 * 1024 * 1024,
    private readonly maxEntries = 1000,
    /** What an entry counts against maxBytes. */
    private readonly sizeOf: (v: V) => number = (v) => (v as Buffer).length,
  ) {}

  async get(key: string, state: QueueState, build: () => Promise<CachedPage<V>>): Promise<V> {
    const hit = this.pages.get(key);
    if (hit && hit.version === state.version && (hit.until === null || state.now < hit.until)) {
      this.pages.delete(key); // most recently used last
      this.pages.set(key, hit);
      return hit.body;
    }
    const flight = `${state.version}\u0000${key}`;
    let pending = this.building.get(flight);
    if (!pending) {
      pending = build().finally(() => this.building.delete(flight));
      this.building.set(flight, pending);
      const page = await pending;
      this.store(key, { ...page, version: state.version });
      return page.body;
    }
    return (await pending).body;
  }

  private store(key: string, entry: CachedPage<V> & { version: string }) {
    const old = this.pages.get(key);
    if (old) {
      // a slower build for an older version must not replace a newer one
      if (BigInt(old.version) > BigInt(entry.version)) return;
      this.pages.delete(key);
      this.bytes -= this.sizeOf(old.body);
    }
    this.pages.set(key, entry);
    this.bytes += this.sizeOf(entry.body);
    for (const [k, v] of this.pages) {
      if (this.bytes <= this.maxBytes && this.pages.size <= this.maxEntries) break;
      this.pages.delete(k);
      this.bytes -= this.sizeOf(v.body);
    }
  }

  get size(): number {
    return this.pages.size;
  }
}

/**
 * One read for every caller that asked before it was sent: a caller that comes while a read is
 * in flight waits for the next one, never takes the answer of a read sent before it asked. So an
 * answer is always at least as new as the moment its caller asked (a write committed before a
 * request began is in it), while 50 concurrent requests cost one query round trip instead of 50
 * (each query is a socket write and a wake-up of a PostgreSQL backend on both sides).
 */
export class ReadAfterAsking<T> {
  private asking: { resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
  private reading = false;

  constructor(private readonly read: () => Promise<T>) {}

  get(): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.asking.push({ resolve, reject });
      if (this.reading) return;
      this.reading = true;
      // sent at the end of this turn of the event loop: requests parsed together share it
      setImmediate(() => this.next());
    });
  }

  private next() {
    const batch = this.asking;
    this.asking = [];
    this.reading = true;
    // read() is called only now: after every caller in the batch asked
    this.read().then(
      (v) => this.settle(batch, (w) => w.resolve(v)),
      (e: unknown) => this.settle(batch, (w) => w.reject(e)),
    );
  }

  private settle(
    batch: { resolve: (v: T) => void; reject: (e: unknown) => void }[],
    fn: (w: { resolve: (v: T) => void; reject: (e: unknown) => void }) => void,
  ) {
    for (const w of batch) fn(w);
    if (this.asking.length > 0) this.next();
    else this.reading = false;
  }
}
