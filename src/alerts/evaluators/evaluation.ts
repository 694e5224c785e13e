import type {
  AlertDetails,
  AlertKind,
  AlertSample,
  ClearDetails,
  Language,
  RenderableAlert,
} from '../alert.types';
import type { ItemRow } from '../alert-signals.repository';
import type { AlertRow } from '../alerts.repository';
import type { EpisodeBook } from '../detection/episodes';
import { platformUrl } from '../links';
import { alertTitle, trim } from '../slack/block-kit';
import { words } from '../slack/i18n';

/** An alert a detector wants recorded. Episodic ones get their key from the recorder (scope#n). */
export interface FireDraft {
  kind: AlertKind;
  scope: string;
  episodic: boolean;
  dedupeKey?: string;
  channel: 'main' | 'lead';
  details: AlertDetails;
  samples: AlertSample[];
}

export interface ClearDraft {
  alert: AlertRow;
  clear: ClearDetails;
}

/** An open incident that now speaks for more scopes (a spike wave that spread): no new message. */
export interface WidenDraft {
  alert: AlertRow;
  covers: string[];
}

export interface Evaluation {
  fire: FireDraft[];
  clear: ClearDraft[];
  widen?: WidenDraft[];
}

export const NOTHING: Evaluation = { fire: [], clear: [] };

export function toSample(i: ItemRow): AlertSample {
  return {
    itemId: i.id,
    conversationId: i.conversationId,
    text: trim(i.text ?? '', 500),
    author: trim(i.author || '—', 120),
    platform: i.platform,
    url: platformUrl({
      platform: i.platform,
      externalId: i.externalId,
      chatUsername: i.chatUsername,
      videoId: i.videoId,
    }),
    at: new Date(i.at).toISOString(),
  };
}

export function titleOf(
  kind: AlertKind,
  details: AlertDetails,
  language: Language,
  messageType: 'alert' | 'all_clear' = 'alert',
  clear: ClearDetails | null = null,
): string {
  const r: RenderableAlert = {
    id: '',
    kind,
    messageType,
    language,
    firedAt: new Date(),
    details,
    clear,
    samples: [],
    ruleName: null,
  };
  return alertTitle(r);
}

export function platformLabel(platform: string, language: Language): string {
  const names: Record<string, [string, string]> = {
    vk: ['ВКонтакте', 'VK'],
    telegram: ['Telegram', 'Telegram'],
    webhook: ['вебхук', 'webhook'],
  };
  const n = names[platform];
  return n ? n[language === 'ru' ? 0 : 1] : platform;
}

export function overallLabel(language: Language): string {
  return words(language).overall;
}

/** The episode book of a rule, from its open alerts and the all-clears inside the cooldown. */
export function bookFrom(
  open: AlertRow[],
  clears: Map<string, Date>,
): EpisodeBook & { alerts: Map<string, AlertRow> } {
  return {
    open: new Map(open.map((a) => [a.scope, new Date(a.firedAt)])),
    lastClearedAt: clears,
    alerts: new Map(open.map((a) => [a.scope, a])),
  };
}

export const minutesBetween = (a: Date, b: Date) =>
  Math.max(0, Math.round((b.getTime() - a.getTime()) / 60_000));
