/**
 * What a batch of newly stored items does to their conversations, summed up per conversation
 * (pure). The conversation lifecycle turns each summary into the conversation's next state
 * (openConversation for a new one, applyActivity for an existing one: conversation-lifecycle.ts).
 */
export interface StoredItemFacts {
  conversationId: string;
  direction: 'inbound' | 'outbound';
  createdAt: Date;
  contactId: string | null;
  customerId: string | null;
  needsResponse: boolean;
  deadlineAt: Date | null;
  slaPolicyId: string | null;
  intent: string | null;
  sentimentLabel: string | null;
  priority: number;
}

export interface ConversationActivity {
  conversationId: string;
  firstAt: Date;
  lastAt: Date;
  /** Latest new customer message; null when only the brand wrote (those never open clocks). */
  lastCustomerAt: Date | null;
  contactId: string | null;
  customerId: string | null;
  needsResponse: boolean;
  /** Earliest deadline among the new customer items that need an answer. */
  dueAt: Date | null;
  slaPolicyId: string | null;
  /** When the earliest customer item that needs an answer was written: the SLA clock start. */
  slaStartAt: Date | null;
  intent: string | null;
  sentimentLabel: string | null;
  priority: number;
}

export function summariseActivity(items: readonly StoredItemFacts[]): ConversationActivity[] {
  const byConv = new Map<string, ConversationActivity>();
  // oldest first, so "latest" fields end up from the newest customer item
  const sorted = [...items].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const it of sorted) {
    let a = byConv.get(it.conversationId);
    if (!a) {
      a = {
        conversationId: it.conversationId,
        firstAt: it.createdAt,
        lastAt: it.createdAt,
        lastCustomerAt: null,
        contactId: null,
        customerId: null,
        needsResponse: false,
        dueAt: null,
        slaPolicyId: null,
        slaStartAt: null,
        intent: null,
        sentimentLabel: null,
        priority: 0,
      };
      byConv.set(it.conversationId, a);
    }
    a.lastAt = it.createdAt;
    if (it.direction === 'outbound') continue;
    a.lastCustomerAt = it.createdAt;
    a.contactId ??= it.contactId;
    a.customerId ??= it.customerId;
    a.sentimentLabel = it.sentimentLabel ?? a.sentimentLabel;
    if (it.needsResponse) {
      a.needsResponse = true;
      a.intent = it.intent;
      a.slaStartAt ??= it.createdAt;
      if (it.deadlineAt && (!a.dueAt || it.deadlineAt < a.dueAt)) {
        a.dueAt = it.deadlineAt;
        a.slaPolicyId = it.slaPolicyId;
      }
    } else if (!a.needsResponse) {
      a.intent = it.intent;
    }
    a.priority = Math.max(a.priority, it.priority);
  }
  return [...byConv.values()].sort((x, y) => (x.conversationId < y.conversationId ? -1 : 1));
}
