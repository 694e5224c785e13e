/**
 * What an alert is, as the detectors record it and the messages render it (plain TypeScript).
 */
export const RULE_KINDS = [
  'negative_spike',
  'term_surge',
  'tag_surge',
  'high_reach',
  'sla',
  'source_health',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** Alert kinds: a rule's own kind, plus the SLA rule's escalation to the lead channel. */
export type AlertKind = RuleKind | 'sla_escalation';

export const ALERT_STATES = ['fired', 'sending', 'sent', 'logged', 'failed', 'unknown', 'resolved'] as const;
/**
 * fired: recorded, its message waits (queue, retry backoff or quiet hours);
 * sending: a worker holds it and is talking to Slack;
 * sent: Slack accepted it; logged: no webhook configured, written to the log only;
 * failed: Slack refused it or every retry failed; unknown: a worker stopped mid-send, so it may
 * or may not have arrived (never resent automatically; a person may resend);
 * resolved: the condition is over (all-clear recorded).
 */
export type AlertState = (typeof ALERT_STATES)[number];
export type MessageType = 'alert' | 'all_clear';
export type Language = 'ru' | 'en';

export interface AlertSample {
  itemId?: string;
  conversationId?: string | null;
  text: string;
  author: string;
  platform: string;
  /** the item on its platform, when it has a public address */
  url?: string | null;
  at?: string;
}

export interface SpikeDetails {
  kind: 'negative_spike';
  scope: string;
  scopeLabel: string;
  windowMinutes: number;
  observed: number;
  total: number;
  expected: number;
  ratio: number;
  share: number | null;
  baselineShare: number | null;
  pValue: number;
  baselineMode: string;
  parts: { label: string; observed: number; expected: number }[];
  /** the enclosing scopes' numbers (platform, overall), nearest first: the same incident seen wider */
  wider?: { label: string; observed: number; expected: number }[];
  /** scopes this incident speaks for while open and cooling down (detection/spike.ts `covers`) */
  covers?: string[];
  /** filter of the inbox link */
  filter: InboxFilter;
}

export interface TermDetails {
  kind: 'term_surge';
  term: string;
  related: string[];
  /** stems of the related terms: they do not alert on their own while this one is open */
  relatedKeys?: string[];
  windowMinutes: number;
  count: number;
  authors: number;
  expected: number;
  ratio: number;
  filter: InboxFilter;
}

export interface TagDetails {
  kind: 'tag_surge';
  tagId: string;
  /** the tag's name when it fired */
  tag: string;
  related: string[];
  relatedKeys?: string[];
  windowMinutes: number;
  count: number;
  authors: number;
  expected: number;
  ratio: number;
  filter: InboxFilter;
}

export interface HighReachDetails {
  kind: 'high_reach';
  sourceLabel: string;
  comments: number;
  reactions: number;
  reposts: number;
  views: number;
  filter: InboxFilter;
}

export interface SlaDetails {
  kind: 'sla';
  windowMinutes: number;
  from: string;
  to: string;
  breached: number;
  dueSoon: number;
  filter: InboxFilter;
}

export interface EscalationDetails {
  kind: 'sla_escalation';
  escalateAfterMinutes: number;
  unanswered: number;
  filter: InboxFilter;
}

export interface SourceHealthDetails {
  kind: 'source_health';
  sourceId: string;
  sourceLabel: string;
  problem: 'needs_attention' | 'silent';
  reason: string | null;
  silentMinutes: number | null;
  filter: InboxFilter;
}

export type AlertDetails =
  | SpikeDetails
  | TermDetails
  | TagDetails
  | HighReachDetails
  | SlaDetails
  | EscalationDetails
  | SourceHealthDetails;

/** What an all-clear adds: how long it lasted and, for counts, where they are now. */
export interface ClearDetails {
  durationMinutes: number;
  observed?: number;
  expected?: number;
}

/**
 * The link's view and filter in the web app. Inbox filters use the inbox's own query names (the
 * same as GET /api/conversations): see links.ts.
 */
export interface InboxFilter {
  view: 'inbox' | 'sources' | 'alerts';
  /** every status (a storm's conversations may be answered and resolved already) */
  status?: 'all';
  sourceId?: string;
  platform?: string;
  sentiment?: 'negative';
  q?: string;
  /** at_risk: 80 % of the time used ('due_soon' in alerts stored before the inbox named it) */
  sla?: 'breached' | 'at_risk' | 'due_soon';
  tagId?: string;
  from?: string;
  to?: string;
  /** one conversation: /inbox/<id> */
  conversationId?: string;
}

/** Everything a message needs. */
export interface RenderableAlert {
  id: string;
  kind: AlertKind;
  messageType: MessageType;
  language: Language;
  firedAt: Date;
  details: AlertDetails;
  clear?: ClearDetails | null;
  samples: AlertSample[];
  ruleName: string | null;
}
