import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditLog } from './audit-log.entity';
import { AuditLogRepository, AuditRow } from './audit-log.repository';
import type { AuditQuery } from './audit.dto';

/**
 * The audit trail every module writes to. Pass the transaction's EntityManager so the audit row
 * commits (or rolls back) together with the change it describes.
 */
@Injectable()
export class AuditService {
  constructor(private readonly log: AuditLogRepository) {}

  async record(
    actorId: string | null,
    action: string,
    entityType: string,
    entityId: string | null,
    data: Record<string, unknown> = {},
    manager?: EntityManager,
  ): Promise<void> {
    await this.log.insert({ actorId, action, entityType, entityId, data }, manager);
  }

  forEntity(entityType: string, entityId: string, limit?: number): Promise<AuditLog[]> {
    return this.log.forEntity(entityType, entityId, limit);
  }

  /** The admin's audit screen: filters by entity, actor, action and time; newest first. */
  async search(q: AuditQuery): Promise<{ entries: AuditRow[]; nextCursor: string | null }> {
    const limit = q.limit ?? 50;
    const rows = await this.log.search({ ...q, before: q.cursor, limit: limit + 1 });
    const entries = rows.slice(0, limit);
    return { entries, nextCursor: rows.length > limit ? entries[entries.length - 1].id : null };
  }
}
