/**
 * Source health as an alert condition (plain TypeScript): a source that needs a person (revoked
 * token, wrong settings), or that has gone silent — no item and no successful call for a while.
 */
import type { Signal } from './episodes';

export interface SourceWatchParams {
  /** silent this long (no item and no successful call) → alert */
  silentMinutes: number;
}

export const DEFAULT_SOURCE_WATCH_PARAMS: SourceWatchParams = { silentMinutes: 180 };

export interface WatchedSource {
  id: string;
  enabled: boolean;
  status: string;
  statusChangedAt: Date;
  lastSyncedAt: Date | null;
  lastItemAt: Date | null;
  createdAt: Date;
}

export type SourceProblem = { kind: 'needs_attention' } | { kind: 'silent'; sinceMs: number; lastSign: Date };

export function sourceProblem(s: WatchedSource, now: Date, p: SourceWatchParams): SourceProblem | null {
  if (!s.enabled || s.status === 'disabled') return null;
  if (s.status === 'needs_attention') return { kind: 'needs_attention' };
  // A source that was just created, re-enabled or fixed has not had time to be silent.
  const signs = [s.lastSyncedAt, s.lastItemAt, s.createdAt, s.statusChangedAt].filter((d): d is Date => !!d);
  const lastSign = new Date(Math.max(...signs.map((d) => d.getTime())));
  const since = now.getTime() - lastSign.getTime();
  return since >= p.silentMinutes * 60_000 ? { kind: 'silent', sinceMs: since, lastSign } : null;
}

export function sourceSignal(problem: SourceProblem | null): Signal {
  return problem ? 'active' : 'calm';
}

export const sourceScope = (id: string) => `source-health:${id}`;
