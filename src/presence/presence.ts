/**
 * Presence (pure): who is viewing or typing in which conversation. A browser says so every few
 * seconds while it is true; a claim lives until `until`, so a closed tab disappears by itself.
 * Carried to every API instance by NOTIFY `presence` and to browsers as SSE `event: presence`;
 * never stored in the inbox's event log (it is not history).
 */
export const PRESENCE_CHANNEL = 'presence';
export const PRESENCE_STATES = ['viewing', 'typing', 'left'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

/** A viewing claim lasts this long (the browser renews it every 10 s). */
export const VIEWING_TTL_MS = 30_000;
/** Typing shows this long after the last keystroke the browser reported. */
export const TYPING_TTL_MS = 8_000;

export interface Presence {
  userId: string;
  name: string;
  conversationId: string;
  state: PresenceState;
  until: string;
}

export function presenceUntil(state: PresenceState, now: Date): Date {
  return new Date(
    now.getTime() + (state === 'typing' ? TYPING_TTL_MS : state === 'viewing' ? VIEWING_TTL_MS : 0),
  );
}

export function parsePresence(payload: string | undefined): Presence | null {
  if (!payload) return null;
  try {
    const p = JSON.parse(payload) as Presence;
    return typeof p?.userId === 'string' &&
      typeof p.conversationId === 'string' &&
      PRESENCE_STATES.includes(p.state)
      ? p
      : null;
  } catch {
    return null;
  }
}
