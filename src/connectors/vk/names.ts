/**
 * Author names for VK items. Long Poll events and most API objects carry only `from_id`, so before a
 * batch goes to ingest the ids not yet known are resolved in one request — `users.get` for people
 * (positive ids), `groups.getById` for communities (negative ids), combined through `execute` when
 * both are needed — and remembered in a bounded cache. Names are a nicety: a failed or slow lookup
 * never holds a batch back, the items just go without names (ingest fills a contact's name later).
 */
import { Logger } from '@nestjs/common';
import { FetchResult, NormalizedItem } from '../connector';
import { ChainCall, VkClient } from './client';

export interface VkNamesOptions {
  /** Most ids remembered (oldest evicted first). */
  capacity?: number;
  /** How long a resolved name is trusted (people rename themselves). */
  ttlMs?: number;
  /** After a failed lookup, how long its ids are not asked again (the batch goes without names). */
  failureTtlMs?: number;
  /** Longest a batch waits for a lookup; a late answer still fills the cache for the next batch. */
  waitMs?: number;
  /**
   * Least time between two lookups. Lookups never overlap: ids that turn up meanwhile wait for
   * one shared next lookup, so a steady event stream costs a few requests a second, not one per
   * Long Poll answer (which would eat the community token's 20/s and queue behind vk-io's limit).
   */
  minIntervalMs?: number;
  now?: () => number;
}

interface Known {
  name?: string;
  username?: string;
  expiresAt: number;
}

type Obj = Record<string, any>;

const USERS_PER_CALL = 1000;
const GROUPS_PER_CALL = 500;

export class VkNames {
  private readonly cache = new Map<number, Known>();
  private readonly inflight = new Map<number, Promise<void>>();
  private readonly log = new Logger('VkNames');
  private readonly capacity: number;
  private readonly ttlMs: number;
  private readonly failureTtlMs: number;
  private readonly waitMs: number;
  private readonly minIntervalMs: number;
  private readonly now: () => number;
  /** The lookup in flight, and the one collecting ids to run after it. */
  private running?: Promise<void>;
  private queued?: { ids: Set<number>; done: Promise<void>; start: () => void };
  private lastStartedAt = -Infinity;

  constructor(
    private readonly client: VkClient,
    options: VkNamesOptions = {},
  ) {
    this.capacity = options.capacity ?? 10_000;
    this.ttlMs = options.ttlMs ?? 24 * 3600_000;
    this.failureTtlMs = options.failureTtlMs ?? 60_000;
    this.waitMs = options.waitMs ?? 3000;
    this.minIntervalMs = options.minIntervalMs ?? 200;
    this.now = options.now ?? Date.now;
  }

  /** The batch with author names filled in where they could be found; never throws. */
  async enrichBatch(batch: FetchResult): Promise<FetchResult> {
    if (batch.items.length === 0) return batch;
    return { ...batch, items: await this.enrich(batch.items) };
  }

  async enrich(items: NormalizedItem[]): Promise<NormalizedItem[]> {
    try {
      await this.resolve(items.filter((i) => !i.author.name || !i.author.username).map(authorId));
      return items.map((item) => this.named(item));
    } catch (err) {
      this.log.debug(`VK author names not resolved, the batch goes without them: ${(err as Error)?.message}`);
      return items;
    }
  }

  /** Cached entries (tests, metrics). */
  get size(): number {
    return this.cache.size;
  }

  private named(item: NormalizedItem): NormalizedItem {
    const known = this.cache.get(authorId(item));
    if (!known || (!known.name && !known.username)) return item;
    const author = { ...item.author };
    if (!author.name && known.name) author.name = known.name;
    if (!author.username && known.username) author.username = known.username;
    return { ...item, author };
  }

  private async resolve(ids: number[]): Promise<void> {
    const now = this.now();
    const waiting = new Set<Promise<void>>();
    const missing = new Set<number>();
    for (const id of ids) {
      if (!Number.isSafeInteger(id) || id === 0) continue;
      const known = this.cache.get(id);
      if (known && known.expiresAt > now) continue;
      const pending = this.inflight.get(id);
      if (pending) waiting.add(pending);
      else missing.add(id);
    }
    if (missing.size > 0) {
      const lookup = this.schedule(missing);
      const settled = lookup.finally(() => {
        for (const id of missing) if (this.inflight.get(id) === settled) this.inflight.delete(id);
      });
      for (const id of missing) this.inflight.set(id, settled);
      waiting.add(settled);
    }
    if (waiting.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(waiting),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.waitMs);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
  }

  /** Runs a lookup of `ids` now, or adds them to the one queued behind the lookup in flight. */
  private schedule(ids: Set<number>): Promise<void> {
    if (!this.running) {
      this.lastStartedAt = Date.now();
      const run = this.lookup([...ids]).finally(() => this.next());
      this.running = run;
      return run;
    }
    if (!this.queued) {
      let start!: () => void;
      const gate = new Promise<void>((resolve) => (start = resolve));
      const queued = { ids: new Set<number>(), start, done: Promise.resolve() };
      queued.done = gate.then(() => this.lookup([...queued.ids]));
      this.queued = queued;
    }
    for (const id of ids) this.queued.ids.add(id);
    return this.queued.done;
  }

  /** Starts the queued lookup (if any) once the previous one ended and the interval passed. */
  private next(): void {
    this.running = undefined;
    const queued = this.queued;
    if (!queued) return;
    this.queued = undefined;
    const run = queued.done.finally(() => this.next());
    this.running = run;
    const delay = Math.max(0, this.lastStartedAt + this.minIntervalMs - Date.now());
    const go = () => {
      this.lastStartedAt = Date.now();
      queued.start();
    };
    if (delay > 0) setTimeout(go, delay).unref();
    else go();
  }

  /** One request for all of `ids` (a single call, or one `execute`); resolves even when it fails. */
  private async lookup(ids: number[]): Promise<void> {
    const users = ids.filter((id) => id > 0);
    const groups = ids.filter((id) => id < 0).map((id) => -id);
    const calls: ChainCall[] = [
      ...chunks(users, USERS_PER_CALL).map((part) => ({
        method: 'users.get',
        params: { user_ids: part.join(','), fields: 'screen_name' },
      })),
      ...chunks(groups, GROUPS_PER_CALL).map((part) => ({
        method: 'groups.getById',
        params: { group_ids: part.join(',') },
      })),
    ];
    const found = new Map<number, Omit<Known, 'expiresAt'>>();
    const failed = new Set<number>();
    const take = (call: ChainCall, value: unknown) => {
      if (call.method === 'users.get') {
        for (const u of asList(value)) found.set(Number(u.id), personName(u));
      } else {
        const list = Array.isArray(value) ? value : asList((value as Obj)?.groups);
        for (const g of list) found.set(-Number(g.id), communityName(g));
      }
    };
    const fail = (call: ChainCall, err: unknown) => {
      this.log.debug(`VK name lookup failed (${call.method}): ${(err as Error)?.message ?? String(err)}`);
      const part = String(call.params.user_ids ?? call.params.group_ids)
        .split(',')
        .map(Number);
      for (const id of part) failed.add(call.method === 'users.get' ? id : -id);
    };
    try {
      if (calls.length === 1) {
        take(calls[0], await this.client.call(calls[0].method, calls[0].params));
      } else {
        const results = await this.client.chain(calls);
        results.forEach((r, i) => (r.ok ? take(calls[i], r.value) : fail(calls[i], r.error)));
      }
    } catch (err) {
      calls.forEach((call) => fail(call, err));
    }
    const now = this.now();
    for (const id of ids) {
      if (failed.has(id) && !found.has(id)) this.remember(id, { expiresAt: now + this.failureTtlMs });
      else this.remember(id, { ...found.get(id), expiresAt: now + this.ttlMs }); // unknown ids too
    }
  }

  private remember(id: number, known: Known): void {
    this.cache.delete(id);
    this.cache.set(id, known);
    while (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value as number);
  }
}

function authorId(item: NormalizedItem): number {
  return Number(item.author.externalId);
}

function personName(u: Obj): Omit<Known, 'expiresAt'> {
  // Deleted and banned pages answer "DELETED" / an empty last name: not a name to show.
  if (u.deactivated) return {};
  const name = [u.first_name, u.last_name].filter(Boolean).join(' ').trim();
  return {
    ...(name ? { name } : {}),
    ...(u.screen_name ? { username: String(u.screen_name) } : {}),
  };
}

function communityName(g: Obj): Omit<Known, 'expiresAt'> {
  return {
    ...(g.name ? { name: String(g.name) } : {}),
    ...(g.screen_name ? { username: String(g.screen_name) } : {}),
  };
}

function asList(value: unknown): Obj[] {
  return Array.isArray(value) ? (value as Obj[]) : [];
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
