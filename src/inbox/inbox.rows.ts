import type { ConversationStatus } from '../conversations/conversation-lifecycle';
import type {
  ItemCleaningView,
  AnalysisWhyView,
  REVIEW_REASON_NAMES,
  ReplyStatusName,
} from './dto/inbox.views';

/**
 * The rows InboxRepository reads, as `pg` returns them (timestamps as Date). The API serialises
 * them as the shapes in dto/inbox.views.ts describe (the OpenAPI document and the web app's types).
 */
export interface ContactRow {
  id: string;
  platform: string;
  externalId: string;
  displayName: string | null;
  username: string | null;
}

export interface ConversationRow {
  id: string;
  sourceId: string;
  sourceName: string;
  platform: string;
  threadKey: string;
  subject: string | null;
  status: ConversationStatus;
  assigneeId: string | null;
  teamId: string | null;
  priority: number;
  intent: string | null;
  sentimentLabel: string | null;
  needsResponse: boolean;
  snoozedUntil: Date | null;
  firstMessageAt: Date | null;
  lastMessageAt: Date | null;
  lastCustomerMessageAt: Date | null;
  slaStartedAt: Date | null;
  dueAt: Date | null;
  slaBreachedAt: Date | null;
  firstResponseAt: Date | null;
  firstResponseSeconds: number | null;
  resolvedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  customerId: string | null;
  language: string | null;
  contact: ContactRow | null;
  slaWarned50At: Date | null;
  slaWarned80At: Date | null;
  assignedAt: Date | null;
  agentActionAt: Date | null;
}

export interface TimelineItemRow {
  id: string;
  kind: string;
  direction: 'inbound' | 'outbound';
  externalId: string;
  parentExternalId: string | null;
  threadExternalId: string | null;
  authorExternalId: string | null;
  authorName: string | null;
  text: string;
  previousTexts: { text: string; version: number; at: string | null }[];
  version: number;
  createdAt: Date;
  receivedAt: Date;
  editedAt: Date | null;
  language: string | null;
  sentimentLabel: string | null;
  sentimentScore: number | null;
  intent: string | null;
  intentConfidence: number | null;
  needsResponse: boolean | null;
  deadlineAt: Date | null;
  archivedAt: Date | null;
  cleaned: ItemCleaningView | null;
  why: AnalysisWhyView | null;
  reviewReason: (typeof REVIEW_REASON_NAMES)[number] | null;
  reviewedAt: Date | null;
  platform: string;
  /** the item's public address on its platform (connectors/item-url.ts), null when it has none */
  url: string | null;
}

export interface TimelineReplyRow {
  id: string;
  status: ReplyStatusName;
  text: string;
  authorId: string | null;
  authorName: string | null;
  inReplyToItemId: string | null;
  attempts: number;
  lastError: string | null;
  platformMessageId: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
  autoAck: boolean;
}

export interface NoteRow {
  id: string;
  text: string;
  authorId: string | null;
  authorName?: string | null;
  createdAt: Date;
}

export interface OtherConversationRow {
  id: string;
  platform: string;
  sourceId: string;
  sourceName: string;
  status: ConversationStatus;
  subject: string | null;
  intent: string | null;
  sentimentLabel: string | null;
  lastMessageAt: Date | null;
  lastText: string | null;
}
