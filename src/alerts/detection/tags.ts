/**
 * Tag surge (plain TypeScript): a tag put on many more conversations than usual in the window
 * (by hand or by an auto-tag rule: `conversation_tags.created_at`), from several customers. The
 * same test and planning as complaint terms (terms.ts): each tag is a key, its conversations the
 * items, so tags that land on the same conversations are one story and one message.
 */
import type { Sensitivity } from './spike';
import { Mention, readTallies, tallyMentions, TermReading } from './terms';

export interface TagParams {
  windowMinutes: number;
  /** fewest conversations tagged in the window */
  minCount: number;
  /** fewest different customers among them */
  minAuthors: number;
  /** count ≥ this × the usual */
  minRatio: number;
  sensitivity: Sensitivity;
  /** tag ids to watch (empty: every tag); a watched tag needs two fewer conversations */
  tags: string[];
  maxAlertsPerRun: number;
  clearRatio: number;
}

export const DEFAULT_TAG_PARAMS: TagParams = {
  windowMinutes: 60,
  minCount: 5,
  minAuthors: 3,
  minRatio: 3,
  sensitivity: 'medium',
  tags: [],
  maxAlertsPerRun: 2,
  clearRatio: 1.5,
};

/** A tag put on a conversation: `conversation` and `customer` say whose; `tag` is its name now. */
export interface Tagging {
  tagId: string;
  tag: string;
  conversation: string;
  customer: string;
}

/**
 * Tags spread less than words: a conversation is tagged once however long its thread, so one
 * talkative customer cannot make a surge. A lighter prior spread than terms' (3).
 */
const TAG_PRIOR_R = 8;

export const tagScope = (tagId: string) => `tag:${tagId}`;

/** Readings per tag of the current window against the reference windows (at least two). */
export function readTagSurges(
  current: readonly Tagging[],
  refs: readonly (readonly Tagging[])[],
  p: TagParams,
  fallback: boolean,
): TermReading[] {
  const watched = new Set(p.tags);
  const mentions = (list: readonly Tagging[]): Mention[] => {
    // items are conversations: index them by first appearance
    const index = new Map<string, number>();
    return list.map((t) => {
      let i = index.get(t.conversation);
      if (i === undefined) index.set(t.conversation, (i = index.size));
      return { key: t.tagId, surface: t.tag, author: t.customer, item: i };
    });
  };
  return readTallies(
    tallyMentions(mentions(current)),
    refs.map((r) => tallyMentions(mentions(r))),
    {
      ...p,
      priorR: TAG_PRIOR_R,
      fallback,
      scope: tagScope,
      watched: (key) => watched.has(key),
      include: (key) => watched.size === 0 || watched.has(key),
      minCountFor: (key) => (watched.has(key) ? Math.max(3, p.minCount - 2) : p.minCount),
    },
  );
}

/** The conversations of the current window, in the order readTagSurges indexed them. */
export function conversationOrder(current: readonly Tagging[]): string[] {
  const seen = new Set<string>();
  for (const t of current) seen.add(t.conversation);
  return [...seen];
}
