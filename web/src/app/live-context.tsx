import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LiveInbox, LiveState } from '../realtime/live';

export const LiveContext = createContext<LiveInbox | null>(null);

/** 'live' while the event stream is open; queries poll otherwise. */
export function useLiveState(): LiveState {
  const live = useContext(LiveContext);
  return useSyncExternalStore(
    live?.subscribe ?? (() => () => undefined),
    live?.getState ?? (() => 'down' as const),
  );
}
