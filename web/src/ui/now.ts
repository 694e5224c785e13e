import { useSyncExternalStore } from 'react';

/**
 * One shared clock for every countdown on the page: a single 1 s timer, and components that
 * read it re-render on each tick (no server request involved). The clock is read fresh when it
 * (re)starts, so a countdown never opens on a stale time.
 */
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function ensureTicking(): void {
  if (timer) return;
  now = Date.now();
  timer = setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, 1000);
}

function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  ensureTicking();
  return () => {
    listeners.delete(fn);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function snapshot(): number {
  ensureTicking();
  return now;
}

export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot);
}
