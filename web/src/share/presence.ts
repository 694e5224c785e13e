import { useEffect, useRef, useSyncExternalStore } from 'react';
import { post, type Schemas } from '../api/client';

export type Presence = Schemas['PresenceView'];

/**
 * Who is viewing or typing where, as the live stream says (`event: presence`). Claims lapse at
 * their `until`, so a closed tab disappears by itself; the store drops them on read.
 */
class PresenceStore {
  private readonly byConversation = new Map<string, Map<string, Presence>>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  apply(p: Presence): void {
    const m = this.byConversation.get(p.conversationId) ?? new Map<string, Presence>();
    if (p.state === 'left') m.delete(p.userId);
    else m.set(p.userId, p);
    this.byConversation.set(p.conversationId, m);
    this.changed();
  }

  load(list: readonly Presence[]): void {
    this.byConversation.clear();
    for (const p of list) this.apply(p);
    this.changed();
  }

  /** The live claims on a conversation (others' and one's own). */
  of(conversationId: string, now = Date.now()): Presence[] {
    const m = this.byConversation.get(conversationId);
    return m ? [...m.values()].filter((p) => Date.parse(p.until) > now) : [];
  }

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getVersion = () => this.version;

  private changed(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }
}

export const presenceStore = new PresenceStore();

// lapsed claims vanish without an event: re-render watchers every few seconds
setInterval(() => presenceStore['changed'](), 5000);

/** Others' presence on a conversation (never one's own). */
export function usePresence(conversationId: string, meId: string): Presence[] {
  useSyncExternalStore(presenceStore.subscribe, presenceStore.getVersion);
  return presenceStore.of(conversationId).filter((p) => p.userId !== meId);
}

/**
 * Tells the others this person is viewing the conversation (renewed every 10 s, `left` on
 * leaving) and typing (at most every 3 s while the text changes).
 */
export function useOwnPresence(conversationId: string, text: string): void {
  const lastTyping = useRef(0);
  const firstText = useRef(text);
  useEffect(() => {
    const say = (state: Presence['state']) =>
      void post('/api/presence', { conversationId, state }).catch(() => undefined);
    say('viewing');
    const timer = setInterval(() => say('viewing'), 10_000);
    return () => {
      clearInterval(timer);
      say('left');
    };
  }, [conversationId]);
  useEffect(() => {
    if (text === firstText.current) return;
    const now = Date.now();
    if (now - lastTyping.current < 3000) return;
    lastTyping.current = now;
    void post('/api/presence', { conversationId, state: 'typing' }).catch(() => undefined);
  }, [conversationId, text]);
}
