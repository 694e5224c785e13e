/**
 * Reconciliation of photo, video and product comments, so a gap in Long Poll loses none of them.
 * VK serves these only to user tokens (VKCOM/vk-api-schema: photos.getComments, video.getComments,
 * market.getComments take `user`), so this runs only when the source has one.
 *
 * One `execute` lists the community's newest photos, videos and products (100 each); the objects
 * that may have new comments are read from their watermark (`photo:<owner>_<id>`, … : the last
 * comment id read), 25 per `execute`. Photos and videos tell their comment count, so only those
 * with comments are read; products do not, so each listed product is read. Comments on objects
 * older than the newest 100 of their kind are not reconciled (Long Poll still delivers them).
 */
import { NormalizedItem } from '../connector';
import { ChainCall, VkClient } from './client';
import { vkStreams } from './ids';
import { mediaCommentItem, NormalizeContext } from './normalize';

type Obj = Record<string, any>;
type Kind = 'photo' | 'video' | 'market';

const LIST = 100;
const PAGE = 100;
const MAX_ROUNDS = 20;

const SURFACES: Record<
  Kind,
  { list: string; listParams: Obj; comments: string; object: string; event: string; threaded: boolean }
> = {
  photo: {
    list: 'photos.getAll',
    listParams: { extended: 1 },
    comments: 'photos.getComments',
    object: 'photo_id',
    event: 'photo_comment_new',
    threaded: false,
  },
  video: {
    list: 'video.get',
    listParams: {},
    comments: 'video.getComments',
    object: 'video_id',
    event: 'video_comment_new',
    threaded: true,
  },
  market: {
    list: 'market.get',
    listParams: {},
    comments: 'market.getComments',
    object: 'item_id',
    event: 'market_comment_new',
    threaded: false,
  },
};

const KINDS: Kind[] = ['photo', 'video', 'market'];

/** Reads new photo, video and product comments; true when some stayed unread (another pass is due). */
export async function reconcileMedia(
  user: VkClient,
  ctx: NormalizeContext,
  since: number,
  watermark: (stream: string) => number,
  items: NormalizedItem[],
  cursors: Record<string, unknown>,
): Promise<boolean> {
  const ownerId = -ctx.groupId;
  const listed = await user.chain<{ items: Obj[] }>(
    KINDS.map((kind) => ({
      method: SURFACES[kind].list,
      params: { owner_id: ownerId, count: LIST, ...SURFACES[kind].listParams },
    })),
  );
  // A surface the community has switched off (no products, no videos) just answers an error.
  let pending: Array<{ kind: Kind; id: number }> = [];
  listed.forEach((result, i) => {
    if (!result.ok) return;
    const kind = KINDS[i];
    for (const o of result.value.items ?? []) {
      const count = kind === 'photo' ? o.comments?.count : kind === 'video' ? o.comments : undefined;
      if (count === 0) continue;
      pending.push({ kind, id: Number(o.id) });
    }
  });
  for (let round = 0; pending.length > 0; round++) {
    if (round >= MAX_ROUNDS) return true;
    const calls: ChainCall[] = pending.map(({ kind, id }) => {
      const from = watermark(vkStreams.media(kind, ownerId, id));
      return {
        method: SURFACES[kind].comments,
        params: {
          owner_id: ownerId,
          [SURFACES[kind].object]: id,
          count: PAGE,
          sort: 'asc',
          extended: 1,
          ...(SURFACES[kind].threaded ? { thread_items_count: 10 } : {}),
          ...(from ? { start_comment_id: from } : {}),
        },
      };
    });
    const results = await user.chain<{ items: Obj[]; profiles?: Obj[] }>(calls);
    const next: typeof pending = [];
    results.forEach((result, i) => {
      if (!result.ok) return; // comments closed, the object deleted: nothing to read there
      const { kind, id } = pending[i];
      const stream = vkStreams.media(kind, ownerId, id);
      const from = watermark(stream);
      for (const p of result.value.profiles ?? [])
        ctx.names!.set(p.id, `${p.first_name} ${p.last_name}`.trim());
      const top = result.value.items;
      const full = top.length >= PAGE;
      // Video comments thread like the wall's: replies come with their comment, on the last page.
      const replies =
        SURFACES[kind].threaded && !full ? top.flatMap((c) => (c.thread?.items ?? []) as Obj[]) : [];
      const read = [...top, ...replies];
      for (const c of read) {
        if (c.id <= from || (from === 0 && c.date < since)) continue;
        const item = mediaCommentItem(ctx, SURFACES[kind].event, {
          ...c,
          [kind === 'market' ? 'item_id' : SURFACES[kind].object]: id,
          [`${kind}_owner_id`]: ownerId,
        });
        if (item) items.push(item);
      }
      const max = Math.max(from, ...read.map((c) => Number(c.id)));
      if (max > from) cursors[stream] = max;
      if (full) next.push({ kind, id });
    });
    pending = next;
  }
  return false;
}
