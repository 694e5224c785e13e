import type { ConversationDetails, Item, Note, Schemas, TimelineReply } from '../api/client';

export type SlaEvent = Schemas['SlaEventView'];

export type TimelineEntry =
  | { kind: 'item'; key: string; at: string; data: Item }
  | { kind: 'outbound'; key: string; at: string; data: Item }
  | { kind: 'reply'; key: string; at: string; data: TimelineReply }
  | { kind: 'note'; key: string; at: string; data: Note }
  | { kind: 'sla'; key: string; at: string; data: SlaEvent };

/**
 * One story, oldest first: what the customer wrote, what we answered (with delivery status) and
 * the team's internal notes. A delivered reply also comes back as an outbound item with the
 * platform's message id; that item is the same message, so only the reply is shown.
 */
export function buildTimeline(
  d: Pick<ConversationDetails, 'items' | 'replies' | 'notes'> & { slaEvents?: SlaEvent[] },
): TimelineEntry[] {
  const delivered = new Set(d.replies.map((r) => r.platformMessageId).filter(Boolean));
  const entries: TimelineEntry[] = [];
  for (const it of d.items) {
    if (it.direction === 'outbound' && delivered.has(it.externalId)) continue;
    if (it.direction === 'outbound' && it.externalId.startsWith('reply:')) continue;
    entries.push({
      kind: it.direction === 'outbound' ? 'outbound' : 'item',
      key: `i${it.id}`,
      at: it.createdAt,
      data: it,
    });
  }
  for (const r of d.replies) entries.push({ kind: 'reply', key: `r${r.id}`, at: r.createdAt, data: r });
  for (const n of d.notes) entries.push({ kind: 'note', key: `n${n.id}`, at: n.createdAt, data: n });
  // the SLA clock's 50 % / 80 % / breach, where they happened
  for (const s of d.slaEvents ?? []) entries.push({ kind: 'sla', key: `s${s.id}`, at: s.createdAt, data: s });
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.key.localeCompare(b.key));
}
