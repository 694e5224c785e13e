/**
 * Pull mode: backfill on connect and reconciliation after Long Poll gaps and restarts.
 * Walls and boards are read with a service/user token (community tokens can't), DMs with the
 * community token. Every stream keeps a watermark (last id seen) in the cursors returned with the
 * items, so ingest stores both in one transaction and a restart resumes exactly there.
 */
import { FetchResult, NormalizedItem } from '../connector';
import { ChainCall, VkClient } from './client';
import { vkStreams } from './ids';
import { boardItem, messageItem, NormalizeContext, wallCommentItem, wallPostItem } from './normalize';
import { VkSettings } from './settings';

export interface ReconcileInput {
  settings: VkSettings;
  cursors: Record<string, unknown>;
  /** Service or user token client (walls, boards); null skips them. */
  reader: VkClient | null;
  /** Community token client (DMs); null skips them. */
  group: VkClient | null;
  nowMs?: number;
}

const MAX_ROUNDS = 20;
const PAGE = 100;

type Obj = Record<string, any>;

export async function reconcileVk(input: ReconcileInput): Promise<FetchResult> {
  const { settings } = input;
  const since = Math.floor((input.nowMs ?? Date.now()) / 1000) - settings.backfillDays * 86400;
  const ctx: NormalizeContext = {
    groupId: settings.groupId,
    includeBrand: settings.includeBrand,
    names: new Map(),
  };
  const items: NormalizedItem[] = [];
  const cursors: Record<string, unknown> = {};
  const watermark = (stream: string) => Number(cursors[stream] ?? input.cursors[stream] ?? 0);
  let hasMore = false;

  if (input.reader)
    hasMore = (await reconcileWall(input.reader, ctx, since, watermark, items, cursors)) || hasMore;
  if (input.reader)
    hasMore =
      (await reconcileBoard(input.reader, ctx, settings, since, input.cursors, watermark, items, cursors)) ||
      hasMore;
  if (input.group)
    hasMore = (await reconcileDialogs(input.group, ctx, since, watermark, items, cursors)) || hasMore;
  return { items: dedupe(items), cursors, ...(hasMore ? { hasMore } : {}) };
}

async function reconcileWall(
  reader: VkClient,
  ctx: NormalizeContext,
  since: number,
  watermark: (s: string) => number,
  items: NormalizedItem[],
  cursors: Record<string, unknown>,
): Promise<boolean> {
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

  // Comments: one wall.getComments per post from its watermark, 25 per execute, until drained.
  let pending = posts.filter((p) => (p.comments?.count ?? 0) > 0).map((p) => p.id as number);
  for (let round = 0; pending.length > 0; round++) {
    if (round >= MAX_ROUNDS) return true;
    const calls: ChainCall[] = pending.map((postId) => {
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
    const next: number[] = [];
    results.forEach((result, i) => {
      if (!result.ok) return; // a deleted post or closed comments: nothing to read there
      const postId = pending[i];
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
      if (full) next.push(postId);
    });
    pending = next;
  }
  return false;
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
      if (last && last.id > from && (from > 0 || last.date >= since)) stale.push({ peerId, from });
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
      const fresh = result.value.items.filter((m) => m.id > p.from && (p.from > 0 || m.date >= since));
      for (const m of fresh) {
        const item = messageItem(ctx, m);
        if (item) items.push(item);
      }
      const stream = vkStreams.peer(p.peerId);
      const max = Math.max(watermark(stream), ...fresh.map((m) => m.id as number));
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
