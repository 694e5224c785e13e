import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { ConversationDetails, InboxEvent, Schemas } from '../api/client';
import { keys } from '../api/queries';
import { details, row } from '../test/fixtures';
import { applyInboxEvent } from './cache';
import { LiveInbox } from './live';

const ev = (
  id: string,
  type: InboxEvent['type'],
  conversationIds: string[],
  data: Record<string, unknown> = {},
): InboxEvent => ({
  id,
  type,
  at: new Date().toISOString(),
  conversationIds,
  data,
});

function seeded() {
  const qc = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  const a = row();
  const b = row();
  const queueKey = keys.queue({ status: 'open', who: 'all' }, 50);
  qc.setQueryData<Schemas['QueuePageView']>(queueKey, { conversations: [a, b], nextCursor: null });
  const d = details(a, {
    replies: [
      {
        id: 'r1',
        status: 'queued',
        text: 'Проверяем',
        authorId: null,
        authorName: 'Анна',
        inReplyToItemId: '101',
        attempts: 0,
        lastError: null,
        platformMessageId: null,
        nextAttemptAt: null,
        createdAt: new Date().toISOString(),
        sentAt: null,
        deliveredAt: null,
        autoAck: false,
      },
    ],
  });
  qc.setQueryData(keys.conversation(a.id), d);
  return { qc, a, b, queueKey };
}

describe('live events → the query cache', () => {
  it('a reply status moves in place, at once, and the conversation is marked for a refetch', () => {
    const { qc, a } = seeded();
    const invalidateQueues = vi.fn();
    applyInboxEvent(
      qc,
      ev('7', 'reply.updated', [a.id], { replyId: 'r1', status: 'delivered' }),
      invalidateQueues,
    );
    const d = qc.getQueryData<ConversationDetails>(keys.conversation(a.id))!;
    expect(d.replies[0]!.status).toBe('delivered');
    expect(qc.getQueryState(keys.conversation(a.id))!.isInvalidated).toBe(true);
    expect(invalidateQueues).toHaveBeenCalledTimes(1);
  });

  it('an assignment or status change patches the queue row and the open conversation; other rows are the same objects', () => {
    const { qc, a, b, queueKey } = seeded();
    const before = qc.getQueryData<Schemas['QueuePageView']>(queueKey)!;
    applyInboxEvent(
      qc,
      ev('8', 'conversation.updated', [a.id], { changes: { assigneeId: 'u2', status: 'pending', junk: 1 } }),
      () => undefined,
    );
    const after = qc.getQueryData<Schemas['QueuePageView']>(queueKey)!;
    expect(after.conversations[0]).toMatchObject({ id: a.id, assigneeId: 'u2', status: 'pending' });
    expect(after.conversations[0]).not.toHaveProperty('junk');
    expect(after.conversations[1]).toBe(before.conversations[1]); // untouched row: same object, React keeps it
    expect(after.conversations[1]!.id).toBe(b.id);
    expect(qc.getQueryData<ConversationDetails>(keys.conversation(a.id))!.conversation.assigneeId).toBe('u2');
  });

  it('new customer items are counted for the tab title and mark the conversation stale', () => {
    const { qc, a } = seeded();
    const fx = applyInboxEvent(
      qc,
      ev('9', 'items.stored', [a.id], { inserted: 3, edited: 1, newInbound: 2 }),
      () => undefined,
    );
    expect(fx.newInbound).toBe(2);
    expect(qc.getQueryState(keys.conversation(a.id))!.isInvalidated).toBe(true);
    expect(
      applyInboxEvent(qc, ev('10', 'note.created', [a.id], { noteId: 'n' }), () => undefined).newInbound,
    ).toBe(0);
  });

  it('LiveInbox drops ids it has seen (a resume replays some) and coalesces queue refetches', async () => {
    vi.useFakeTimers();
    const { qc, a } = seeded();
    const spy = vi.spyOn(qc, 'invalidateQueries');
    const onNewItems = vi.fn();
    const live = new LiveInbox({ qc, onNewItems, queueDebounceMs: 100 });
    live.handle(ev('20', 'items.stored', [a.id], { newInbound: 1 }));
    live.handle(ev('21', 'items.stored', [a.id], { newInbound: 1 }));
    live.handle(ev('20', 'items.stored', [a.id], { newInbound: 1 })); // replayed
    expect(onNewItems).toHaveBeenCalledTimes(2);
    const queueRefetches = () =>
      spy.mock.calls.filter(([f]) => JSON.stringify(f?.queryKey) === JSON.stringify(keys.queues)).length;
    expect(queueRefetches()).toBe(0);
    await vi.advanceTimersByTimeAsync(150);
    expect(queueRefetches()).toBe(1);
    vi.useRealTimers();
  });

  it('reconnects with ?lastEventId= after the server refused the stream, and refetches everything on `reset`', async () => {
    vi.useFakeTimers();
    const { qc, a } = seeded();
    const sources: FakeSource[] = [];
    const onRefused = vi.fn();
    const live = new LiveInbox({
      qc,
      onRefused,
      createSource: (url) => {
        const s = new FakeSource(url);
        sources.push(s);
        return s as unknown as EventSource;
      },
    });
    live.start();
    expect(sources[0]!.url).toBe('/api/events');
    sources[0]!.open();
    expect(live.getState()).toBe('live');
    sources[0]!.message(ev('42', 'note.created', [a.id]));
    sources[0]!.fail(true); // closed: e.g. 401
    expect(live.getState()).toBe('down');
    expect(onRefused).toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2500);
    expect(sources[1]!.url).toBe('/api/events?lastEventId=42');
    const spy = vi.spyOn(qc, 'invalidateQueries');
    sources[1]!.emit('reset');
    expect(spy).toHaveBeenCalledWith();
    live.stop();
    vi.useRealTimers();
  });
});

class FakeSource {
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((m: MessageEvent<string>) => void) | null = null;
  onerror: (() => void) | null = null;
  private listeners = new Map<string, () => void>();
  constructor(readonly url: string) {}
  addEventListener(name: string, fn: () => void) {
    this.listeners.set(name, fn);
  }
  close() {
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  message(e: InboxEvent) {
    this.onmessage?.({ data: JSON.stringify(e) } as MessageEvent<string>);
  }
  fail(closed: boolean) {
    this.readyState = closed ? 2 : 0;
    this.onerror?.();
  }
  emit(name: string) {
    this.listeners.get(name)?.();
  }
}
