export { startYouTubeEmulator } from './server';
export type { YouTubeEmulator, YouTubeEmulatorOptions } from './server';
export { YouTubeControl } from './control';
export type { CommentInput } from './control';
export { YouTubeState } from './state';
export { seedYouTubeBasics, YOUTUBE_DEMO } from './seed';
export type { YtComment } from './types';
