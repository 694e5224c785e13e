/** A VK source's settings and credentials, read with defaults; wrong shapes are configuration errors. */
import { ConnectorError, SourceContext } from '../connector';

export interface VkSettings {
  groupId: number;
  apiBaseUrl: string;
  apiTimeoutMs: number;
  apiWaitMs: number;
  apiRetryLimit: number;
  /** Service-level deadline per API call (vk-io alone retries error 6 forever). */
  callDeadlineMs: number;
  pollingWaitMs: number;
  backfillDays: number;
  /** rps of a service key: 5/20/40/50/60 by the app's audience; 5 is safe for any app. */
  serviceApiLimit: number;
  includeBrand: boolean;
  boardTopicIds: number[];
  /** Long Poll fast path is backed by a periodic reconciliation (0 = only on start and gaps). */
  reconcileIntervalMs: number;
  keywords: string[];
}

export interface VkCredentials {
  groupToken?: string;
  serviceToken?: string;
  userToken?: string;
  callbackSecret?: string;
  callbackConfirmation?: string;
}

export const VK_DEFAULT_API = 'https://api.vk.ru/method';
/** VK's API hosts: the only places a VK token goes unless custom API URLs are allowed. */
export const VK_API_ENDPOINTS = { apiBaseUrl: ['api.vk.com', 'api.vk.ru'] } as const;

export function readVkSettings(source: SourceContext, needGroup = true): VkSettings {
  const s = source.settings ?? {};
  const groupId = Math.abs(Number(s.groupId ?? 0));
  if (needGroup && !(groupId > 0))
    throw new ConnectorError('configuration', 'VK source needs settings.groupId (the community id)');
  const num = (v: unknown, d: number) => (v === undefined || v === null || v === '' ? d : Number(v));
  return {
    groupId,
    apiBaseUrl: String(s.apiBaseUrl ?? VK_DEFAULT_API).replace(/\/$/, ''),
    apiTimeoutMs: num(s.apiTimeoutMs, 10_000),
    apiWaitMs: num(s.apiWaitMs, 1000),
    apiRetryLimit: num(s.apiRetryLimit, 3),
    callDeadlineMs: num(s.callDeadlineMs, 30_000),
    pollingWaitMs: num(s.pollingWaitMs, 3000),
    backfillDays: num(s.backfillDays, 7),
    serviceApiLimit: num(s.serviceApiLimit, 5),
    includeBrand: s.includeBrand === true,
    boardTopicIds: Array.isArray(s.boardTopicIds) ? s.boardTopicIds.map(Number) : [],
    reconcileIntervalMs: num(s.reconcileIntervalMs, 300_000),
    keywords: Array.isArray(s.keywords) ? s.keywords.map(String).filter(Boolean) : [],
  };
}

export function readVkCredentials(source: SourceContext): VkCredentials {
  const c = source.credentials ?? {};
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  return {
    groupToken: str(c.groupToken ?? c.token),
    serviceToken: str(c.serviceToken),
    userToken: str(c.userToken),
    callbackSecret: str(c.callbackSecret),
    callbackConfirmation: str(c.callbackConfirmation),
  };
}
