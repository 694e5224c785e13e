/**
 * Episodes turn a per-tick signal into alerts (plain TypeScript): one alert when a condition
 * starts (not one per window while it lasts), an all-clear when it has subsided, and a cooldown
 * after the all-clear before the same scope may alert again.
 */
export type Signal = 'active' | 'calm' | 'neutral';

export interface EpisodeBook {
  /** scope → when its open episode fired */
  open: ReadonlyMap<string, Date>;
  /** scope → when its last episode was cleared */
  lastClearedAt: ReadonlyMap<string, Date>;
  /**
   * scope → the wider scopes its latest episode also spoke for (spike incidents: while open or
   * cooling down, those stay quiet too). Absent: only the scope itself.
   */
  covers?: ReadonlyMap<string, readonly string[]>;
}

export interface EpisodeTiming {
  /** after an all-clear, the same scope stays quiet this long */
  cooldownMs: number;
  /** an episode is at least this long before it may clear (a sliding window must drain first) */
  minOpenMs: number;
}

export type EpisodeAction = 'fire' | 'clear' | 'none';

/**
 * `active`: the condition holds (fire if no episode is open and the cooldown is over);
 * `calm`: back to normal (clear an open episode); `neutral`: neither (keep what is).
 */
export function decideEpisode(
  scope: string,
  signal: Signal,
  book: EpisodeBook,
  now: Date,
  t: EpisodeTiming,
): EpisodeAction {
  const openedAt = book.open.get(scope);
  if (openedAt) {
    return signal === 'calm' && now.getTime() - openedAt.getTime() >= t.minOpenMs ? 'clear' : 'none';
  }
  if (signal !== 'active') return 'none';
  const cleared = book.lastClearedAt.get(scope);
  if (cleared && now.getTime() - cleared.getTime() < t.cooldownMs) return 'none';
  return 'fire';
}

/** An in-memory book for simulations and tests (the service keeps it in the alerts table). */
export class MemoryEpisodeBook implements EpisodeBook {
  readonly open = new Map<string, Date>();
  readonly lastClearedAt = new Map<string, Date>();
  readonly covers = new Map<string, readonly string[]>();

  apply(scope: string, action: EpisodeAction, now: Date, covers?: readonly string[]): void {
    if (action === 'fire') {
      this.open.set(scope, now);
      if (covers) this.covers.set(scope, covers);
      else this.covers.delete(scope);
    }
    if (action === 'clear') {
      this.open.delete(scope);
      this.lastClearedAt.set(scope, now);
    }
  }

  /** An open incident now speaks for these scopes too (a wave that spread). */
  widen(scope: string, covers: readonly string[]): void {
    if (this.open.has(scope)) this.covers.set(scope, covers);
  }
}
