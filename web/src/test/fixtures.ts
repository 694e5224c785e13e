import type { ConversationDetails, QueueRow } from '../api/client';

const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();
let n = 0;

/** A queue row as GET /api/conversations gives it (QueueRowView). */
export function row(over: Partial<QueueRow> = {}): QueueRow {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    sourceName: 'Acme во ВКонтакте',
    platform: 'vk',
    subject: null,
    status: 'open',
    assigneeId: null,
    teamId: null,
    priority: 0,
    intent: 'support_question',
    sentimentLabel: 'negative',
    language: 'ru',
    snoozedUntil: null,
    lastMessageAt: iso(-600_000),
    slaStartedAt: iso(-600_000),
    dueAt: iso(3_000_000),
    slaBreachedAt: null,
    contact: { displayName: `Клиент ${n}`, username: null },
    tags: [],
    lastText: 'Где мой заказ?',
    lastDirection: 'inbound',
    ...over,
  };
}

type Conversation = ConversationDetails['conversation'];

/**
 * The conversation view of a queue row (GET /api/conversations/{id}): the row's fields plus what
 * only the detail carries, `extra` over the defaults.
 */
export function details(
  conv: QueueRow,
  over: Partial<ConversationDetails> = {},
  extra: Partial<Conversation> = {},
): ConversationDetails {
  const { lastText: _t, lastDirection: _d, contact, tags, ...fields } = conv;
  const at = fields.lastMessageAt ?? iso(-600_000);
  const conversation: Conversation = {
    sourceId: 'aaaaaaaa-0000-4000-8000-000000000001',
    threadKey: `dm:${fields.id}`,
    needsResponse: true,
    firstMessageAt: at,
    lastCustomerMessageAt: at,
    firstResponseAt: null,
    firstResponseSeconds: null,
    resolvedAt: null,
    createdAt: at,
    updatedAt: at,
    customerId: null,
    slaWarned50At: null,
    slaWarned80At: null,
    assignedAt: null,
    agentActionAt: null,
    ...fields,
    contact: contact
      ? { id: `c-${fields.id}`, platform: fields.platform, externalId: fields.id, ...contact }
      : null,
    tags: tags.map((t) => ({ createdAt: at, createdBy: null, ruleId: null, ...t })),
    ...extra,
  };
  return {
    conversation,
    items: [
      {
        id: '101',
        kind: 'message',
        direction: 'inbound',
        externalId: 'm1',
        parentExternalId: null,
        threadExternalId: 'dm:1',
        authorExternalId: '1',
        authorName: 'Ирина',
        text: conv.lastText ?? '',
        previousTexts: [],
        version: 1,
        createdAt: conversation.firstMessageAt!,
        receivedAt: conversation.firstMessageAt!,
        editedAt: null,
        language: 'ru',
        sentimentLabel: 'negative',
        sentimentScore: -0.5,
        intent: 'support_question',
        intentConfidence: 0.8,
        needsResponse: true,
        deadlineAt: null,
        archivedAt: null,
        cleaned: null,
        reviewedAt: null,
        reviewReason: null,
        why: null,
        platform: conv.platform,
        url: null,
      },
    ],
    post: null,
    replies: [],
    notes: [],
    otherConversations: [],
    loadedAt: new Date().toISOString(),
    slaEvents: [],
    ...over,
  };
}

export const LABELS = {
  intents: ['complaint', 'sales_question', 'support_question', 'praise', 'spam', 'other'],
  sentiments: ['negative', 'neutral', 'positive'],
};
