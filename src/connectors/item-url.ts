import { telegramItemUrl } from './telegram/item-url';
import { vkItemUrl } from './vk/item-url';
import { youtubeItemUrl } from './youtube/item-url';

export interface LinkableItem {
  platform: string;
  externalId: string;
  /** Telegram: the public @username of the chat, when it has one */
  chatUsername?: string | null;
  /** YouTube: the video a comment is under (`raw.snippet.videoId`) */
  videoId?: string | null;
}

/** One line per platform whose items have public addresses (plain functions: alerts render offline). */
const ITEM_URLS: Readonly<Record<string, (item: LinkableItem) => string | null>> = {
  vk: (i) => vkItemUrl(i.externalId),
  telegram: (i) => telegramItemUrl(i.externalId, i.chatUsername),
  youtube: (i) => youtubeItemUrl(i.externalId, i.videoId),
};

/** The item's public address on its platform, or null (direct messages and private chats have none). */
export function itemUrl(item: LinkableItem): string | null {
  return ITEM_URLS[item.platform]?.(item) ?? null;
}
