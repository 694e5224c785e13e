import { parseVkId } from './ids';

/** A VK item's public address, or null (direct messages and chats have none). */
export function vkItemUrl(externalId: string): string | null {
  const id = parseVkId(externalId);
  switch (id.type) {
    case 'wall_post':
    case 'mention':
      return `https://vk.com/wall${id.ownerId}_${id.postId}`;
    case 'wall_comment':
      return `https://vk.com/wall${id.ownerId}_${id.postId}?reply=${id.commentId}`;
    case 'photo_comment':
      return `https://vk.com/photo${id.ownerId}_${id.objectId}`;
    case 'video_comment':
      return `https://vk.com/video${id.ownerId}_${id.objectId}`;
    case 'market_comment':
      return `https://vk.com/product${id.ownerId}_${id.objectId}`;
    case 'board':
      return `https://vk.com/topic-${id.groupId}_${id.topicId}?post=${id.commentId}`;
    default:
      return null;
  }
}
