import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { publishInboxEvents } from '../inbox/inbox-events';
import { type NewNotification, NotificationsRepository } from './notifications.repository';

/**
 * In-app notifications: written in the transaction of what caused them (an SLA event, a
 * conversation going back to the queue), each announced on the live stream as a
 * `notification.created` event naming its recipients (ids only), so their bell updates at once.
 */
@Injectable()
export class NotificationsService {
  constructor(private readonly repo: NotificationsRepository) {}

  async notify(tx: EntityManager, rows: readonly NewNotification[]): Promise<number> {
    const added = await this.repo.insert(tx, rows);
    const byConversation = new Map<string, Set<string>>();
    for (const r of added) {
      const set = byConversation.get(r.conversationId) ?? new Set<string>();
      set.add(r.userId);
      byConversation.set(r.conversationId, set);
    }
    await publishInboxEvents(
      tx,
      [...byConversation].map(([conversationId, users]) => ({
        type: 'notification.created' as const,
        conversationIds: [conversationId],
        data: { userIds: [...users] },
      })),
    );
    return added.length;
  }

  list(userId: string, f: { before?: string; unread?: boolean; limit?: number }) {
    return this.repo.list(userId, { ...f, limit: f.limit ?? 30 });
  }

  unreadCount(userId: string) {
    return this.repo.unreadCount(userId);
  }

  markRead(userId: string, ids: readonly string[] | 'all') {
    return this.repo.markRead(userId, ids);
  }

  teamMembers(tx: EntityManager, teamId: string | null) {
    return this.repo.teamMembers(tx, teamId);
  }

  leads(tx: EntityManager, teamId: string | null) {
    return this.repo.leads(tx, teamId);
  }
}
