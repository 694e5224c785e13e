/** A YouTube source's settings and credentials, read with defaults; wrong shapes are configuration errors. */
import { ConnectorError, SourceContext } from '../connector';

export interface YouTubeSettings {
  /** The channel whose comment threads are read and answered (`UC…`). */
  channelId: string;
  apiBaseUrl: string;
  tokenUrl: string;
  /** The Google Cloud project's daily quota (YouTube's default: 10,000 units). */
  dailyQuota: number;
  /** The share of the daily quota polling may spend; the rest is kept for replies (50 units each). */
  readShare: number;
  /** How far back the first pass reads. */
  backfillDays: number;
  /** New replies under recent threads: threads this recent are re-read every `replySweepMinutes`. */
  replyLookbackHours: number;
  replySweepMinutes: number;
  requestTimeoutMs: number;
  /** commentThreads.list pages (100 threads each) read per fetch, i.e. per stored page. */
  listPagesPerFetch: number;
  /** Keep the channel's own comments (marked isBrand). Default: skip them. */
  includeBrand: boolean;
}

export interface YouTubeCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export const YOUTUBE_DEFAULT_API = 'https://youtube.googleapis.com/youtube/v3';
export const GOOGLE_DEFAULT_TOKEN_URL = 'https://oauth2.googleapis.com/token';
/** Google's hosts: the only places the refresh token and access tokens go unless custom API URLs are allowed. */
export const YOUTUBE_API_ENDPOINTS = {
  apiBaseUrl: ['youtube.googleapis.com', 'www.googleapis.com'],
  tokenUrl: ['oauth2.googleapis.com'],
} as const;

export function readYouTubeSettings(source: SourceContext): YouTubeSettings {
  const s = source.settings ?? {};
  const channelId = typeof s.channelId === 'string' ? s.channelId.trim() : '';
  const num = (v: unknown, d: number) => (v === undefined || v === null || v === '' ? d : Number(v));
  const settings: YouTubeSettings = {
    channelId,
    apiBaseUrl: String(s.apiBaseUrl ?? YOUTUBE_DEFAULT_API).replace(/\/$/, ''),
    tokenUrl: String(s.tokenUrl ?? GOOGLE_DEFAULT_TOKEN_URL),
    dailyQuota: num(s.dailyQuota, 10_000),
    readShare: num(s.readShare, 0.8),
    backfillDays: num(s.backfillDays, 7),
    replyLookbackHours: num(s.replyLookbackHours, 72),
    replySweepMinutes: num(s.replySweepMinutes, 15),
    requestTimeoutMs: num(s.requestTimeoutMs, 15_000),
    listPagesPerFetch: Math.max(1, Math.floor(num(s.listPagesPerFetch, 10))),
    includeBrand: s.includeBrand === true,
  };
  if (!(settings.dailyQuota > 0))
    throw new ConnectorError('configuration', 'settings.dailyQuota must be a positive number');
  if (!(settings.readShare > 0 && settings.readShare <= 1))
    throw new ConnectorError('configuration', 'settings.readShare must be between 0 and 1');
  return settings;
}

export function readYouTubeCredentials(source: SourceContext): YouTubeCredentials {
  const c = source.credentials ?? {};
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : '');
  const creds = {
    clientId: str(c.clientId),
    clientSecret: str(c.clientSecret),
    refreshToken: str(c.refreshToken),
  };
  if (!creds.clientId || !creds.clientSecret || !creds.refreshToken)
    throw new ConnectorError(
      'configuration',
      'A YouTube source needs credentials.clientId, clientSecret (the Google Cloud OAuth client) and refreshToken (granted by the channel owner with the youtube.force-ssl scope)',
    );
  return creds;
}
