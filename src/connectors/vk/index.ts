export { VkConnector, vkConnector } from './vk.connector';
export { VkMentionsConnector, vkMentionsConnector } from './mentions.connector';
export { handleVkCallback } from './callback';
export type { VkCallbackConfig, VkCallbackResult } from './callback';
export type { ReceiveHooks } from './longpoll';
export type { VkSettings, VkCredentials } from './settings';
export { deriveGuid, deriveRandomId, parseVkId, vkIds, vkStreams } from './ids';
export { mapVkError } from './errors';
export { normalizeEvent, VK_EVENT_TYPES } from './normalize';
