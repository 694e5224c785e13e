import { YouTubeControl } from './control';

/** Fixed, printable values for the standalone emulator and demo mode. */
export const YOUTUBE_DEMO = {
  channelId: 'UCacmeDemoChannel0000001',
  channelTitle: 'Acme',
  clientId: 'otklik-demo.apps.googleusercontent.com',
  clientSecret: 'GOCSPX-otklik-demo-secret',
  refreshToken: '1//0otklik-demo-refresh-token',
} as const;

/** The demo channel, its OAuth client and the refresh token the channel's owner granted. */
export function seedYouTubeBasics(
  control: YouTubeControl,
  ids: Partial<Record<keyof typeof YOUTUBE_DEMO, string>> = {},
) {
  const v = { ...YOUTUBE_DEMO, ...ids };
  control.channel({ id: v.channelId, title: v.channelTitle, customUrl: '@acme' });
  control.client({ clientId: v.clientId, clientSecret: v.clientSecret });
  control.grant({ refreshToken: v.refreshToken, clientId: v.clientId, channelId: v.channelId });
  return v;
}
