import type { ConversationDetails, QueueRow } from '../api/client';

const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();
let n = 0;

export function row(over: Partial<QueueRow> = {}): QueueRow {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    sourceId: 'aaaaaaaa-0000-4000-8000-000000000001',
    sourceName: 'Acme во ВКонтакте',
    platform: 'vk',
    threadKey: `dm:${n}`,
    subject: null,
    status: 'open',
    assigneeId: null,
    assignedAt: null,
    agentActionAt: null,
    slaWarned80At: null,
    slaWarned50At: null,
    teamId: null,
    priority: 0,
    intent: 'support_question',
    sentimentLabel: 'negative',
    needsResponse: true,
    snoozedUntil: null,
    firstMessageAt: iso(-600_000),
    lastMessageAt: iso(-600_000),
    lastCustomerMessageAt: iso(-600_000),
    slaStartedAt: iso(-600_000),
    dueAt: iso(3_000_000),
    slaBreachedAt: null,
    firstResponseAt: null,
    firstResponseSeconds: null,
    resolvedAt: null,
    createdAt: iso(-600_000),
    updatedAt: iso(-600_000),
    customerId: null,
    language: 'ru',
    contact: {
      id: `c${n}`,
      platform: 'vk',
      externalId: String(n),
      displayName: `Клиент ${n}`,
      username: null,
    },
    tags: [],
    lastText: 'Где мой заказ?',
    lastDirection: 'inbound',
    ...over,
  };
}

export function details(conv: QueueRow, over: Partial<ConversationDetails> = {}): ConversationDetails {
  const { lastText: _t, lastDirection: _d, ...conversation } = conv;
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
        createdAt: conv.firstMessageAt!,
        receivedAt: conv.firstMessageAt!,
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
