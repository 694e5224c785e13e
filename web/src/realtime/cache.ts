import type { QueryClient } from '@tanstack/react-query';
import type { ConversationDetails, InboxEvent, QueueRow, Schemas } from '../api/client';
import { keys } from '../api/queries';

type QueuePage = Schemas['QueuePageView'];

/** The conversation fields an event's `changes` may carry that a row shows directly. */
const ROW_FIELDS = ['status', 'assigneeId', 'snoozedUntil', 'teamId', 'priority', 'slaBreachedAt'] as const;

export interface EventEffects {
  /** Customer items that arrived (for the tab title's count). */
  newInbound: number;
}

/**
 * What one live event does to the cached server state. First what can be known at once is
 * patched in place (a reply's delivery chip, a row's status or assignee), so the screen changes
 * without a request; then the affected queries are marked stale, and the ones on screen refetch
 * (queue refetches of a burst are coalesced by the caller). React keeps every row that did not
 * change, so scroll and focus stay where they were.
 */
export function applyInboxEvent(qc: QueryClient, e: InboxEvent, invalidateQueues: () => void): EventEffects {
  const ids = new Set(e.conversationIds);
  if (e.type === 'reply.updated') patchReply(qc, e);
  if (e.type === 'conversation.updated') patchConversations(qc, ids, changesOf(e));
  for (const id of ids) void qc.invalidateQueries({ queryKey: keys.conversation(id), exact: true });
  invalidateQueues();
  const n = e.type === 'items.stored' ? Number(e.data.newInbound ?? 0) : 0;
  return { newInbound: Number.isFinite(n) ? n : 0 };
}

function changesOf(e: InboxEvent): Record<string, unknown> {
  const c = e.data.changes;
  return c && typeof c === 'object' ? (c as Record<string, unknown>) : {};
}

function patchReply(qc: QueryClient, e: InboxEvent): void {
  const { replyId, status } = e.data as { replyId?: string; status?: string };
  const conv = e.conversationIds[0];
  if (!replyId || !status || !conv) return;
  qc.setQueryData<ConversationDetails>(keys.conversation(conv), (d) =>
    d && d.replies.some((r) => r.id === replyId)
      ? {
          ...d,
          replies: d.replies.map((r) => (r.id === replyId ? { ...r, status: status as typeof r.status } : r)),
        }
      : d,
  );
}

function patchConversations(qc: QueryClient, ids: Set<string>, changes: Record<string, unknown>): void {
  const patch: Partial<Pick<QueueRow, (typeof ROW_FIELDS)[number]>> = {};
  for (const f of ROW_FIELDS) if (f in changes) (patch as Record<string, unknown>)[f] = changes[f];
  if (Object.keys(patch).length === 0) return;
  for (const [key, page] of qc.getQueriesData<QueuePage>({ queryKey: keys.queues })) {
    if (!page?.conversations.some((r) => ids.has(r.id))) continue;
    qc.setQueryData<QueuePage>(key, {
      ...page,
      conversations: page.conversations.map((r) => (ids.has(r.id) ? { ...r, ...patch } : r)),
    });
  }
  for (const id of ids) {
    qc.setQueryData<ConversationDetails>(keys.conversation(id), (d) =>
      d ? { ...d, conversation: { ...d.conversation, ...patch } } : d,
    );
  }
}
