import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from './audit-log.entity';

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  /** An exact action, or a prefix when it ends with a dot. */
  action?: string;
  from?: Date;
  to?: Date;
  /** Entries with a smaller id (the previous page's last). */
  before?: string;
  limit: number;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: Record<string, unknown>;
}

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

  /** Newest first (by id, which follows commit order closely), keyset-paginated. */
  async search(f: AuditFilter): Promise<AuditRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (f.entityType) add((p) => `a.entity_type = ${p}`, f.entityType);
    if (f.entityId) add((p) => `a.entity_id = ${p}`, f.entityId);
    if (f.actorId) add((p) => `a.actor_id = ${p}::uuid`, f.actorId);
    if (f.action?.endsWith('.')) add((p) => `starts_with(a.action, ${p})`, f.action);
    else if (f.action) add((p) => `a.action = ${p}`, f.action);
    if (f.from) add((p) => `a.at >= ${p}`, f.from);
    if (f.to) add((p) => `a.at < ${p}`, f.to);
    if (f.before) add((p) => `a.id < ${p}::bigint`, f.before);
    params.push(f.limit);
    return this.db.query(
      `SELECT a.id::text AS id, a.at, a.actor_id AS "actorId", u.name AS "actorName", a.action,
              a.entity_type AS "entityType", a.entity_id AS "entityId", a.data
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.id DESC LIMIT $${params.length}`,
      params,
    );
  }
}
