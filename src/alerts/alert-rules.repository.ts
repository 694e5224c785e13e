import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Language, RuleKind } from './alert.types';
import type { QuietHours } from './detection/quiet-hours';

type Queryable = Pick<EntityManager, 'query'>;

/** A rule as stored; the sealed webhook URLs travel only inside the alerts module. */
export interface AlertRuleRow {
  id: string;
  name: string;
  kind: RuleKind;
  enabled: boolean;
  sourceId: string | null;
  params: Record<string, unknown>;
  language: Language;
  timeZone: string;
  quietHours: QuietHours | null;
  cooldownMinutes: number;
  webhookSealed: string | null;
  leadWebhookSealed: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, name, kind, enabled, source_id AS "sourceId", params, language, time_zone AS "timeZone",
  quiet_hours AS "quietHours", cooldown_minutes AS "cooldownMinutes",
  webhook_url_encrypted AS "webhookSealed", lead_webhook_url_encrypted AS "leadWebhookSealed",
  created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt"`;

const FIELDS: Record<string, string> = {
  name: 'name',
  enabled: 'enabled',
  sourceId: 'source_id',
  params: 'params',
  language: 'language',
  timeZone: 'time_zone',
  quietHours: 'quiet_hours',
  cooldownMinutes: 'cooldown_minutes',
  webhookSealed: 'webhook_url_encrypted',
  leadWebhookSealed: 'lead_webhook_url_encrypted',
};

export type AlertRuleChanges = Partial<
  Pick<
    AlertRuleRow,
    | 'name'
    | 'enabled'
    | 'sourceId'
    | 'params'
    | 'language'
    | 'timeZone'
    | 'quietHours'
    | 'cooldownMinutes'
    | 'webhookSealed'
    | 'leadWebhookSealed'
  >
>;

const JSON_FIELDS = new Set(['params', 'quietHours']);

/** alert_rules I/O. */
@Injectable()
export class AlertRulesRepository {
  constructor(private readonly db: DataSource) {}

  list(): Promise<AlertRuleRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM alert_rules ORDER BY created_at, name`);
  }

  listEnabled(): Promise<AlertRuleRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM alert_rules WHERE enabled ORDER BY created_at, id`);
  }

  /**
   * Row-locked (FOR NO KEY UPDATE: foreign-key checks on the row still pass) when the caller
   * read-modifies-writes it: concurrent edits then queue, and each one's "before" is the last one's "after".
   */
  async find(id: string, m: Queryable = this.db, lock = false): Promise<AlertRuleRow | null> {
    const forUpdate = lock ? ' FOR NO KEY UPDATE' : '';
    const rows = await m.query(`SELECT ${COLUMNS} FROM alert_rules WHERE id = $1${forUpdate}`, [id]);
    return rows[0] ?? null;
  }

  async insert(m: Queryable, row: Omit<AlertRuleRow, 'createdAt' | 'updatedAt'>): Promise<AlertRuleRow> {
    const [saved] = await m.query(
      `INSERT INTO alert_rules (id, name, kind, enabled, source_id, params, language, time_zone, quiet_hours,
                                cooldown_minutes, webhook_url_encrypted, lead_webhook_url_encrypted, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
      [
        row.id,
        row.name,
        row.kind,
        row.enabled,
        row.sourceId,
        JSON.stringify(row.params),
        row.language,
        row.timeZone,
        row.quietHours ? JSON.stringify(row.quietHours) : null,
        row.cooldownMinutes,
        row.webhookSealed,
        row.leadWebhookSealed,
        row.createdBy,
      ],
    );
    return saved;
  }

  async update(m: Queryable, id: string, changes: AlertRuleChanges): Promise<AlertRuleRow | null> {
    const sets: string[] = [];
    const values: unknown[] = [id];
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      values.push(JSON_FIELDS.has(key) && value !== null ? JSON.stringify(value) : value);
      sets.push(`${FIELDS[key]} = $${values.length}`);
    }
    sets.push('updated_at = now()');
    const rows = await m.query(
      `UPDATE alert_rules SET ${sets.join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`,
      values,
    );
    // TypeORM returns [rows, count] for UPDATE … RETURNING
    const list = Array.isArray(rows[0]) ? rows[0] : rows;
    return list[0] ?? null;
  }

  async remove(m: Queryable, id: string): Promise<boolean> {
    const rows = await m.query(`DELETE FROM alert_rules WHERE id = $1 RETURNING id`, [id]);
    const list = Array.isArray(rows[0]) ? rows[0] : rows;
    return list.length > 0;
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
