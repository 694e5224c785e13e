export { TelegramConnector, DEFAULT_ALLOWED_UPDATES } from './telegram.connector';
export type { TelegramConnectorOptions } from './telegram.connector';
export { handleTelegramWebhook, SECRET_HEADER } from './webhook';
export type { TelegramWebhookResult } from './webhook';
export { DiscussionThreads, mapUpdate, messageKey } from './mapping';
export { toConnectorError } from './errors';
