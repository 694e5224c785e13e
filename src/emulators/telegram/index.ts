export { startTelegramEmulator } from './server';
export type { TelegramEmulator, TelegramEmulatorOptions } from './server';
export { TelegramControl } from './control';
export type { SendInput, UserInput, LoggedRequest } from './control';
export { TelegramState, DEFAULT_BOT_TOKEN, TELEGRAM_SERVICE_USER } from './state';
export type { ChatInput } from './state';
export type { TgMessage, TgUser, TgChat, OutboxEntry } from './types';
