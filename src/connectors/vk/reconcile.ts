/**
 * Pull mode: backfill on connect and reconciliation after Long Poll gaps and restarts.
 * Walls and boards are read with a service/user token (community tokens can't), DMs with the
 * community token. Every stream keeps a watermark (last id seen) in the cursors returned with the
 * items, so ingest stores both in one transaction and a restart resumes exactly there.
 */
import { FetchResult, NormalizedItem } from '../connector';
import { ChainCall, VkClient } from './client';
import { vkStreams } from './ids';
import {
  boardItem,
  messageItem,
  messagePosition,
  NormalizeContext,
  wallCommentItem,
  wallPostItem,
} from './normalize';
import { reconcileMedia } from './reconcile-media';
import { VkSettings } from './settings';

export interface ReconcileInput {
  settings: VkSettings;
  cursors: Record<string, unknown>;
  /** Service or user token client (walls, boards); null skips them. */
  reader: VkClient | null;
  /** Community token client (DMs); null skips them. */
  group: VkClient | null;
  /** User token client (photo, video and product comments: VK serves them to user tokens only). */
  media?: VkClient | null;
  nowMs?: number;
}

const MAX_ROUNDS = 20;
const PAGE = 100;
/**
 * wall.getComments calls per fetch (2 `execute` requests): a backlog comes out in pages of at most
 * ~5,000 comments, so the caller can store page n while page n+1 is being read.
 */
const WALL_CALLS_PER_PAGE = 50;
/**
 * The first page of a pass is smaller (one `execute`): it reaches the database sooner, and it
 * commits alone (it creates most of the pass's new contacts) while the next pages are read.
 */
const FIRST_PAGE_WALL_CALLS = 25;
/**
 * A transient cursor (never stored: ingest skips `__` keys) that lets the next fetch of the same
 * pass continue with the posts still to read instead of listing the wall again.
 */
export const VK_CONTINUATION = '__vk';

interface Continuation {
  since: number;
  /** Posts whose comments are still to be read in this pass, in order. */
  posts: number[];
  /** Boards or DMs stopped at MAX_ROUNDS: start a fresh pass after the wall. */
  rest: boolean;
}

type Obj = Record<string, any>;

export async function reconcileVk(input: ReconcileInput): Promise<FetchResult> {
  const { settings } = input;
  const ctx: NormalizeContext = {
    groupId: settings.groupId,
    includeBrand: settings.includeBrand,
    names: new Map(),
  };
  const items: NormalizedItem[] = [];
  const cursors: Record<string, unknown> = {};
  const watermark = (stream: string) => Number(cursors[stream] ?? input.cursors[stream] ?? 0);
  const resumed = readContinuation(input.cursors[VK_CONTINUATION]);
  const since =
    resumed?.since ?? Math.floor((input.nowMs ?? Date.now()) / 1000) - settings.backfillDays * 86400;

  let posts: number[] = resumed?.posts ?? [];
  let rest = resumed?.rest ?? false;
  // DMs use the community token (its own rate limit): read them alongside the wall. The board
  // call queues behind the first comment batches on the reader's limiter instead of before them.
  // Each read is settled the moment it starts: one that fails while another is still awaited
  // (e.g. DMs while the wall is listed) must never be a rejection nobody handles yet.
  const dialogs = settle(
    !resumed && input.group ? reconcileDialogs(input.group, ctx, since, watermark, items, cursors) : false,
  );
  const media = settle(
    !resumed && input.media ? reconcileMedia(input.media, ctx, since, watermark, items, cursors) : false,
  );
  let board = settle<boolean>(false);
  let comments = settle<number[]>(posts);
  let listing: Settled<number[]> = { ok: true, value: posts };
  if (!resumed && input.reader)
    listing = await settle(listWall(input.reader, ctx, since, watermark, items, cursors));
  if (listing.ok) {
    posts = listing.value;
    if (input.reader && posts.length > 0)
      comments = settle(
        readWallComments(
          input.reader,
          ctx,
          posts,
          watermark,
          items,
          cursors,
          resumed ? WALL_CALLS_PER_PAGE : FIRST_PAGE_WALL_CALLS,
        ),
      );
    if (!resumed && input.reader)
      board = settle(
        reconcileBoard(input.reader, ctx, settings, since, input.cursors, watermark, items, cursors),
      );
  }
  // Every started read settles before fetch answers; the first failure is thrown.
  const [read, boardRead, dialogsRead, mediaRead] = await Promise.all([comments, board, dialogs, media]);
  if (!listing.ok) throw listing.error;
  for (const r of [read, boardRead, dialogsRead, mediaRead]) if (!r.ok) throw r.error;
  posts = (read as Ok<number[]>).value;
  rest = (boardRead as Ok<boolean>).value || rest;
  rest = (dialogsRead as Ok<boolean>).value || rest;
  rest = (mediaRead as Ok<boolean>).value || rest;
  const hasMore = posts.length > 0 || rest;
  // Pages of one pass carry the continuation; the last one clears it.
  cursors[VK_CONTINUATION] = posts.length > 0 ? ({ since, posts, rest } satisfies Continuation) : undefined;
  return { items: dedupe(items), cursors, ...(hasMore ? { hasMore } : {}) };
}

type Ok<T> = { ok: true; value: T };
type Settled<T> = Ok<T> | { ok: false; error: unknown };

/** A read's outcome as a value: the handler is attached at once, so a rejection is never unhandled. */
function settle<T>(p: Promise<T> | T): Promise<Settled<T>> {
  return Promise.resolve(p).then(
    (value): Settled<T> => ({ ok: true, value }),
    (error: unknown): Settled<T> => ({ ok: false, error }),
  );
}

function readContinuation(v: unknown): Continuation | undefined {
  const c = v as Partial<Continuation> | undefined;
  if (!c || typeof c.since !== 'number' || !Array.isArray(c.posts)) return undefined;
  return { since: c.since, posts: c.posts.map(Number), rest: c.rest === true };
}

/** Lists the wall's posts in the window: visitor posts become items, the rest are read for comments. */
async function listWall(
  reader: VkClient,
  ctx: NormalizeContext,
  since: number,
  watermark: (s: string) => number,
  items: NormalizedItem[],
  cursors: Record<string, unknown>,
): Promise<number[]> {
  const ownerId = -ctx.groupId;
  const posts: Obj[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await reader.call<{ items: Obj[] }>('wall.get', { owner_id: ownerId, offset, count: PAGE });
    const inWindow = page.items.filter((p) => p.date >= since || p.is_pinned);
    posts.push(...inWindow);
    if (page.items.length < PAGE || page.items.some((p) => p.date < since && !p.is_pinned)) break;
  }
  const wallStream = `wall:${ownerId}`;
  const lastVisitorPost = watermark(wallStream);
  for (const post of posts) {
    if (post.id <= lastVisitorPost) continue;
    const item = wallPostItem(ctx, post);
    if (item) items.push(item);
  }
  const newestVisitor = Math.max(
    lastVisitorPost,
    ...posts.filter((p) => p.from_id !== ownerId).map((p) => p.id),
  );
  if (newestVisitor > lastVisitorPost) cursors[wallStream] = newestVisitor;
  return posts.filter((p) => (p.comments?.count ?? 0) > 0).map((p) => p.id as number);
}

/**
 * One page of comments: one wall.getComments per post from its watermark (25 per execute) for
 * the first WALL_CALLS_PER_PAGE pending posts. Returns the posts still to read: the rest, then
 * those whose page was full (so consecutive pages touch different posts' watermarks).
 */
async function readWallComments(
  reader: VkClient,
  ctx: NormalizeContext,
  pending: number[],
  watermark: (s: string) => number,
  items: NormalizedItem[],
  cursors: Record<string, unknown>,
  perPage: number,
): Promise<number[]> {
  const ownerId = -ctx.groupId;
  const batch = pending.slice(0, perPage);
  const calls: ChainCall[] = batch.map((postId) => {
    const from = watermark(vkStreams.post(ownerId, postId));
    return {
      method: 'wall.getComments',
      params: {
        owner_id: ownerId,
        post_id: postId,
        count: PAGE,
        sort: 'asc',
        thread_items_count: 10,
        extended: 1,
        ...(from ? { start_comment_id: from } : {}),
      },
    };
  });
  const results = await reader.chain<{ items: Obj[]; profiles?: Obj[] }>(calls);
  const again: number[] = [];
  results.forEach((result, i) => {
    if (!result.ok) return; // a deleted post or closed comments: nothing to read there
    const postId = batch[i];
    const stream = vkStreams.post(ownerId, postId);
    const from = watermark(stream);
    for (const p of result.value.profiles ?? [])
      ctx.names!.set(p.id, `${p.first_name} ${p.last_name}`.trim());
    const top = result.value.items;
    const replies = top.flatMap((c) => (c.thread?.items ?? []) as Obj[]);
    const full = top.length >= PAGE;
    for (const c of full ? top : [...top, ...replies]) {
      if (c.id <= from) continue;
      const item = wallCommentItem(ctx, { ...c, owner_id: ownerId, post_id: postId });
      if (item) items.push(item);
    }
    // A full page continues from its last top-level comment; replies wait for the last page.
    const seen = (full ? top : [...top, ...replies]).map((c) => c.id as number);
    const max = Math.max(from, ...seen);
    if (max > from) cursors[stream] = max;
    if (full) again.push(postId);
  });
  return [...pending.slice(batch.length), ...again];
}

async function reconcileBoard(
  reader: VkClient,
  ctx: NormalizeContext,
  settings: VkSettings,
  since: number,
  stored: Record<string, unknown>,
  watermark: (s: string) => number,
  items: NormalizedItem[],
  cursors: Record<string, unknown>,
): Promise<boolean> {
  const groupId = ctx.groupId;
  const topics = new Set<number>(settings.boardTopicIds);
  const prefix = `topic:${groupId}_`;
  for (const key of Object.keys(stored))
    if (key.startsWith(prefix)) topics.add(Number(key.slice(prefix.length)));
  const listed = await reader.call<{ items: Obj[] }>('board.getTopics', {
    group_id: groupId,
    count: PAGE,
    order: 1,
  });
  for (const t of listed.items) if (Number(t.updated) >= since) topics.add(Number(t.id));
  let pending = [...topics];
  for (let round = 0; pending.length > 0; round++) {
    if (round >= MAX_ROUNDS) return true;
    const results = await reader.chain<{ items: Obj[] }>(
      pending.map((topicId) => {
        const from = watermark(vkStreams.topic(groupId, topicId));
        return {
          method: 'board.getComments',
          params: {
            group_id: groupId,
            topic_id: topicId,
            count: PAGE,
            sort: 'asc',
            ...(from ? { start_comment_id: from } : {}),
          },
        };
      }),
    );
    const next: number[] = [];
    results.forEach((result, i) => {
      if (!result.ok) return;
      const topicId = pending[i];
      const stream = vkStreams.topic(groupId, topicId);
      const from = watermark(stream);
      const fresh = result.value.items.filter((c) => c.id > from && (from > 0 || c.date >= since));
      for (const c of fresh) {
        const item = boardItem(ctx, groupId, topicId, c);
        if (item) items.push(item);
      }
      const max = Math.max(from, ...result.value.items.map((c) => c.id as number));
      if (max > from) cursors[stream] = max;
      if (result.value.items.length >= PAGE) next.push(topicId);
    });
    pending = next;
  }
  return false;
}

async function reconcileDialogs(
  group: VkClient,
  ctx: NormalizeContext,
  since: number,
  watermark: (s: string) => number,
  items: NormalizedItem[],
  cursors: Record<string, unknown>,
): Promise<boolean> {
  const stale: Array<{ peerId: number; from: number }> = [];
  for (let offset = 0; ; offset += 200) {
    const page = await group.call<{ items: Obj[] }>('messages.getConversations', {
      offset,
      count: 200,
      filter: 'all',
    });
    let older = false;
    for (const { conversation, last_message: last } of page.items) {
      const peerId = Number(conversation.peer.id);
      const from = watermark(vkStreams.peer(peerId));
      // A private dialog's watermark is a message id; a group chat's a conversation_message_id.
      const at = last ? messagePosition(peerId, last) : 0;
      if (last && at > from && (from > 0 || last.date >= since)) stale.push({ peerId, from });
      else older = true; // conversations come newest first: the rest are older still
    }
    if (page.items.length < 200 || older) break;
  }
  // Each round reads 200 more messages (newest first) of every dialog still behind its watermark.
  let pending = stale.map((s) => ({ ...s, offset: 0 }));
  for (let round = 0; pending.length > 0; round++) {
    if (round >= MAX_ROUNDS) return true;
    const results = await group.chain<{ items: Obj[] }>(
      pending.map((p) => ({
        method: 'messages.getHistory',
        params: { peer_id: p.peerId, offset: p.offset, count: 200 },
      })),
    );
    const next: typeof pending = [];
    results.forEach((result, i) => {
      if (!result.ok) return;
      const p = pending[i];
      const at = (m: Obj) => messagePosition(p.peerId, m);
      const fresh = result.value.items.filter((m) => at(m) > p.from && (p.from > 0 || m.date >= since));
      for (const m of fresh) {
        const item = messageItem(ctx, m);
        if (item) items.push(item);
      }
      const stream = vkStreams.peer(p.peerId);
      const max = Math.max(watermark(stream), ...fresh.map(at));
      if (max > p.from) cursors[stream] = max;
      if (fresh.length === result.value.items.length && result.value.items.length >= 200)
        next.push({ ...p, offset: p.offset + 200 });
    });
    pending = next;
  }
  return false;
}

function dedupe(items: NormalizedItem[]): NormalizedItem[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(i.externalId) ? false : (seen.add(i.externalId), true)));
}
