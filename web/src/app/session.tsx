import { createContext, useContext } from 'react';
import type { Me } from '../api/client';

export interface Session {
  me: Me;
  /** Ends the session on the server and shows the sign-in form. */
  signOut(notice?: string): void;
  /** The profile changed (name, language). */
  update(me: Me): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in app');
  return s;
}

export const canWrite = (me: Me) => me.role === 'admin' || me.role === 'agent';
