export { YouTubeConnector } from './youtube.connector';
export type { YouTubeConnectorOptions } from './youtube.connector';
export { ytIds, topLevelIdOf, parseYouTubeKey } from './normalize';
export { quotaDay, quotaResetAt } from './quota';
export { YT_CONTINUATION, YT_STREAMS } from './poll';
