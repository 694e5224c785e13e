import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from './audit-log.entity';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: Record<string, unknown>;
}

@Injectable()
export class AuditLogRepository {
  constructor(private readonly db: DataSource) {}

  async insert(entry: AuditEntry, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_id, action, entity_type, entity_id, data) VALUES ($1, $2, $3, $4, $5)`,
      [entry.actorId, entry.action, entry.entityType, entry.entityId, JSON.stringify(entry.data)],
    );
  }

  /** Newest first; for the admin screens and for tests. */
  async forEntity(entityType: string, entityId: string, limit = 100): Promise<AuditLog[]> {
    return this.db.getRepository(AuditLog).find({
      where: { entityType, entityId },
      order: { at: 'DESC', id: 'DESC' },
      take: limit,
    });
  }
}
