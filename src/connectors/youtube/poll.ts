/**
 * Polling a channel's comments, one page per fetch (the sync service stores each page with its
 * cursors in one transaction and asks for the next while `hasMore`).
 *
 * A pass: the first page of threads held for review (a moderator may approve them later, keeping
 * their old publishedAt, so the published listing would never show them as new), then
 * `commentThreads.list(allThreadsRelatedToChannelId, order=time)` newest first down to the stop
 * line — the newest top-level publishedAt stored (`yt:newest`), or `backfillDays` back on the
 * first pass. Every `replySweepMinutes` the stop line moves back `replyLookbackHours`, so new
 * replies under recent threads are found: a thread whose `totalReplyCount` grew past what it
 * embeds (5 replies) is read with `comments.list(parentId)`. A thread's reply count is stored
 * (`yt:threads`) only together with its replies, and `yt:newest` only when the pass ends, so a
 * pass cut short (quota spent, a crash) is read again, never skipped. Cost: 1 unit per 100
 * threads, +1 per held page, +1 per 100 replies of a busy thread.
 */
import { ConnectorError, FetchResult, NormalizedItem } from '../connector';
import { YouTubeClient } from './client';
import { commentItem, YtNormalizeContext } from './normalize';
import { COSTS, quotaResetAt, readAllowance } from './quota';
import { YouTubeSettings } from './settings';

type Obj = Record<string, any>;

/**
 * The pass under way (its page token, stop line, busy threads still to read), stored with every
 * page: a pass outlives the sync job's page limit, a restart and a spent quota day.
 */
export const YT_CONTINUATION = 'yt:pass';
export const YT_STREAMS = { newest: 'yt:newest', threads: 'yt:threads', sweep: 'yt:sweep' } as const;

const PAGE = 100;
/** A call failed after others succeeded: the fetch ends with what it read. */
const HALT = Symbol('halt');
/** comments.list calls per fetch (a page stays small and quick to store), this many at once. */
const REPLY_CONCURRENCY = 5;
const REPLY_CALLS_PER_FETCH = 25;
/** Recent threads whose reply counts are remembered. */
const MAX_TRACKED_THREADS = 5000;

interface PendingReplies {
  threadId: string;
  total: number;
  publishedMs: number;
  pageToken?: string;
}

interface Continuation {
  /** Threads older than this end the listing. */
  stopAt: number;
  /** The newest top-level publishedAt seen in this pass. */
  newest: number;
  sweep: boolean;
  pageToken?: string;
  listed: boolean;
  pending: PendingReplies[];
}

export interface PollInput {
  client: YouTubeClient;
  settings: YouTubeSettings;
  cursors: Record<string, unknown>;
  now: Date;
  /** Units spent today before this fetch. */
  usedToday: number;
}

export async function pollChannel(input: PollInput): Promise<FetchResult> {
  const { settings, now } = input;
  const ctx: YtNormalizeContext = { channelId: settings.channelId, includeBrand: settings.includeBrand };
  const resumed = readContinuation(input.cursors[YT_CONTINUATION]);
  const newestStored = Date.parse(String(input.cursors[YT_STREAMS.newest] ?? '')) || 0;
  const lastSweep = Date.parse(String(input.cursors[YT_STREAMS.sweep] ?? '')) || 0;
  let spent = input.usedToday;
  const allowance = (units: number) =>
    readAllowance({ used: spent, units, limit: settings.dailyQuota, share: settings.readShare, now });

  // Pacing: a new pass waits while polling runs ahead of its share of the day; a pass under way
  // finishes (within the budget), so a backlog is never left half read for long.
  const first = allowance(resumed ? COSTS.list : 2 * COSTS.list);
  if (first === 'spent') throw budgetSpent(now);
  if (first === 'pace' && !resumed) return { items: [], cursors: {} };

  if (resumed) {
    try {
      return await readPage(input, ctx, resumed, allowance, (n: number) => (spent += n));
    } catch (err) {
      // A page token YouTube no longer takes: start the pass again from the top.
      if (!(
        err instanceof ConnectorError && (err.cause as { reason?: string })?.reason === 'invalidPageToken'
      ))
        throw err;
      return pollChannel({
        ...input,
        usedToday: spent,
        cursors: { ...input.cursors, [YT_CONTINUATION]: null },
      });
    }
  }
  const cont: Continuation = {
    stopAt: newPassStop(settings, now, newestStored, lastSweep),
    newest: newestStored,
    // The first pass reads every recent thread whole: it counts as a sweep.
    sweep: newestStored === 0 || now.getTime() - lastSweep >= settings.replySweepMinutes * 60_000,
    listed: false,
    pending: [],
  };
  return readPage(input, ctx, cont, allowance, (n: number) => (spent += n), true);
}

async function readPage(
  input: PollInput,
  ctx: YtNormalizeContext,
  cont: Continuation,
  allowance: (units: number) => 'ok' | 'pace' | 'spent',
  spend: (units: number) => void,
  newPass = false,
): Promise<FetchResult> {
  const { client, settings, now } = input;
  const items: NormalizedItem[] = [];
  const tracked = readThreads(input.cursors[YT_STREAMS.threads]);
  // Once something was read, a quota or transient failure ends the fetch with what it has (the
  // pass continues from there); the next fetch meets the failure and reports it.
  let progress = false;
  const call = async <T>(opts: Parameters<YouTubeClient['call']>[0]): Promise<T> => {
    spend(COSTS.list);
    try {
      const result = await client.call<T>(opts);
      progress = true;
      return result;
    } catch (err) {
      const code = err instanceof ConnectorError ? err.code : undefined;
      if (progress && (code === 'rate_limited' || code === 'temporary')) throw HALT;
      throw err;
    }
  };

  if (newPass) {
    // Held for review: what a moderator may publish later under its original date.
    const held = await call<{ items: Obj[] }>({
      method: 'GET',
      resource: 'commentThreads',
      name: 'commentThreads.list',
      query: threadQuery(settings, { moderationStatus: 'heldForReview' }),
    });
    for (const thread of held.items ?? []) collect(ctx, thread, items);
  }

  // A backlog is stored ~1,000 threads at a time (a commit per 100 would cost more than the reads).
  let halted = false;
  for (let pages = 0; !cont.listed && pages < settings.listPagesPerFetch; pages++) {
    if (pages > 0 && allowance(COSTS.list) === 'spent') break;
    let page: { items: Obj[]; nextPageToken?: string };
    try {
      page = await call({
        method: 'GET',
        resource: 'commentThreads',
        name: 'commentThreads.list',
        query: threadQuery(settings, { pageToken: cont.pageToken }),
      });
    } catch (err) {
      if (err !== HALT) throw err;
      halted = true;
      break;
    }
    let reachedStop = false;
    for (const thread of page.items ?? []) {
      const top = thread.snippet?.topLevelComment;
      const publishedMs = Date.parse(top?.snippet?.publishedAt ?? '');
      if (!(publishedMs >= cont.stopAt)) {
        reachedStop = true;
        break;
      }
      cont.newest = Math.max(cont.newest, publishedMs);
      collect(ctx, thread, items);
      const total = Number(thread.snippet?.totalReplyCount ?? 0);
      const embedded = (thread.replies?.comments ?? []).length;
      const known = tracked.get(String(thread.id))?.[0];
      if (total > embedded && (known === undefined || total > known))
        cont.pending.push({ threadId: String(thread.id), total, publishedMs });
      else tracked.set(String(thread.id), [total, publishedMs]);
    }
    cont.pageToken = page.nextPageToken;
    cont.listed = reachedStop || !page.nextPageToken;
  }

  // Busy threads: every reply through comments.list, a few threads at once, within this fetch's
  // share of calls. A thread is done (its count remembered) only when its last page was read.
  let calls = 0;
  const readThread = async (p: PendingReplies): Promise<boolean> => {
    while (!halted && calls < REPLY_CALLS_PER_FETCH && allowance(COSTS.list) !== 'spent') {
      calls++;
      let page: { items: Obj[]; nextPageToken?: string };
      try {
        page = await call({
          method: 'GET',
          resource: 'comments',
          name: 'comments.list',
          query: {
            part: 'snippet',
            parentId: p.threadId,
            maxResults: PAGE,
            textFormat: 'plainText',
            pageToken: p.pageToken,
          },
        });
      } catch (err) {
        if (err !== HALT) throw err;
        halted = true;
        return false;
      }
      for (const c of page.items ?? []) {
        const item = commentItem(ctx, c);
        if (item) items.push(item);
      }
      if (!page.nextPageToken) {
        tracked.set(p.threadId, [p.total, p.publishedMs]);
        return true;
      }
      p.pageToken = page.nextPageToken;
    }
    return false;
  };
  const batch = halted ? [] : cont.pending.splice(0, REPLY_CALLS_PER_FETCH);
  const finished = new Set<PendingReplies>();
  for (let i = 0; i < batch.length; i += REPLY_CONCURRENCY) {
    const group = batch.slice(i, i + REPLY_CONCURRENCY);
    await Promise.all(
      group.map(async (p) => {
        if (await readThread(p)) finished.add(p);
      }),
    );
  }
  cont.pending.unshift(...batch.filter((p) => !finished.has(p)));

  const cursors: Record<string, unknown> = { [YT_STREAMS.threads]: pruneThreads(tracked, settings, now) };
  const done = cont.listed && cont.pending.length === 0;
  if (done) {
    if (cont.newest > 0) cursors[YT_STREAMS.newest] = new Date(cont.newest).toISOString();
    if (cont.sweep) cursors[YT_STREAMS.sweep] = now.toISOString();
    cursors[YT_CONTINUATION] = null;
  } else {
    cursors[YT_CONTINUATION] = cont;
  }
  return { items: dedupe(items), cursors, ...(done ? {} : { hasMore: true }) };
}

function newPassStop(settings: YouTubeSettings, now: Date, newest: number, lastSweep: number): number {
  if (newest === 0) return now.getTime() - settings.backfillDays * 86400_000;
  const sweep = now.getTime() - lastSweep >= settings.replySweepMinutes * 60_000;
  return sweep ? Math.min(newest, now.getTime() - settings.replyLookbackHours * 3600_000) : newest;
}

function threadQuery(settings: YouTubeSettings, extra: { moderationStatus?: string; pageToken?: string }) {
  return {
    part: 'snippet,replies',
    allThreadsRelatedToChannelId: settings.channelId,
    order: 'time',
    maxResults: PAGE,
    textFormat: 'plainText',
    ...extra,
  };
}

function collect(ctx: YtNormalizeContext, thread: Obj, items: NormalizedItem[]): void {
  const top = thread.snippet?.topLevelComment;
  const topItem = top ? commentItem(ctx, top) : null;
  if (topItem) items.push(topItem);
  for (const reply of thread.replies?.comments ?? []) {
    const item = commentItem(ctx, reply);
    if (item) items.push(item);
  }
}

function budgetSpent(now: Date): ConnectorError {
  return new ConnectorError(
    'rate_limited',
    'the share of the YouTube quota set aside for reading is spent for today (the rest is kept for replies); reading resumes when the quota resets at midnight Pacific time',
    Math.max(1000, quotaResetAt(now).getTime() - now.getTime()),
  );
}

function readContinuation(v: unknown): Continuation | undefined {
  const c = v as Partial<Continuation> | undefined;
  if (!c || typeof c.stopAt !== 'number' || !Array.isArray(c.pending)) return undefined;
  return {
    stopAt: c.stopAt,
    newest: Number(c.newest ?? 0),
    sweep: c.sweep === true,
    pageToken: typeof c.pageToken === 'string' ? c.pageToken : undefined,
    listed: c.listed === true,
    pending: c.pending,
  };
}

function readThreads(v: unknown): Map<string, [number, number]> {
  const map = new Map<string, [number, number]>();
  if (Array.isArray(v))
    for (const e of v)
      if (Array.isArray(e) && e.length === 3) map.set(String(e[0]), [Number(e[1]), Number(e[2])]);
  return map;
}

/** Only threads recent enough to be swept are remembered (newest first, at most 5,000). */
function pruneThreads(tracked: Map<string, [number, number]>, settings: YouTubeSettings, now: Date) {
  const horizon = now.getTime() - settings.replyLookbackHours * 3600_000;
  return [...tracked]
    .filter(([, [, publishedMs]]) => publishedMs >= horizon)
    .sort((a, b) => b[1][1] - a[1][1])
    .slice(0, MAX_TRACKED_THREADS)
    .map(([id, [count, publishedMs]]) => [id, count, publishedMs]);
}

function dedupe(items: NormalizedItem[]): NormalizedItem[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(i.externalId) ? false : (seen.add(i.externalId), true)));
}
