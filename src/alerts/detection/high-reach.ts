/**
 * A single negative item with a large audience (plain TypeScript): a post or comment that many
 * people answered or reacted to is a fire of its own, whatever the counts around it say. Reach is
 * read from the platform's own counters in the raw payload (VK: comments, likes, reposts, views)
 * and from the replies Otklik has stored under the item.
 */
export interface HighReachParams {
  /** comments + reactions + reposts at least this */
  minReach: number;
  /** only items written this recently (their reach grows after they are stored) */
  lookbackHours: number;
}

export const DEFAULT_HIGH_REACH_PARAMS: HighReachParams = { minReach: 50, lookbackHours: 24 };

export interface Reach {
  comments: number;
  reactions: number;
  reposts: number;
  views: number;
  score: number;
}

function counter(raw: unknown, field: string): number {
  if (!raw || typeof raw !== 'object') return 0;
  const v = (raw as Record<string, unknown>)[field];
  const n = v && typeof v === 'object' ? (v as { count?: unknown }).count : v;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/** Reach from the raw payload and the replies seen; views are shown but do not count. */
export function reachOf(raw: unknown, repliesSeen: number): Reach {
  const comments = Math.max(counter(raw, 'comments'), repliesSeen);
  const reactions = counter(raw, 'likes') + counter(raw, 'reactions');
  const reposts = counter(raw, 'reposts') + counter(raw, 'forwards');
  const views = counter(raw, 'views');
  return { comments, reactions, reposts, views, score: comments + reactions + reposts };
}

export function isHighReach(r: Reach, p: HighReachParams): boolean {
  return r.score >= p.minReach;
}
