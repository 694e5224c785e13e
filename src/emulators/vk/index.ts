export { startVkEmulator } from './server';
export type { VkEmulator, VkEmulatorOptions } from './server';
export { VkControl } from './control';
export type { TokenKind, OutboxEntry, RequestLogEntry } from './state';
export { seedVkBasics, VK_DEMO } from './seed';
