import { telegramPostOf } from './telegram/post-of';
import { vkPostOf } from './vk/post-of';

export interface ThreadedItem {
  platform: string;
  kind: string;
  threadExternalId: string;
}

/** One line per platform whose comments answer a post (plain functions, like item-url.ts). */
const POSTS: Readonly<Record<string, (item: ThreadedItem) => string | null>> = {
  vk: (i) => vkPostOf(i.threadExternalId),
  telegram: (i) => (i.kind === 'comment' ? telegramPostOf(i.threadExternalId) : null),
};

/** The external id of the post an item's thread comments on, or null (messages, chats, boards). */
export function postOf(item: ThreadedItem): string | null {
  return POSTS[item.platform]?.(item) ?? null;
}
