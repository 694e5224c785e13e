import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditLog } from './audit-log.entity';
import { AuditLogRepository } from './audit-log.repository';

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
}
