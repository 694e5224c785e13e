import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Queryable, sqlOne, sqlRows } from '../database/sql';
import type { AutoAckRule } from './auto-ack';

export interface AutoAckRuleRow extends AutoAckRule {
  updatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface AckCandidate {
  conversationId: string;
  sourceId: string;
  intent: string | null;
  policyId: string | null;
  dueAt: Date;
  /** the customer item that started the clock: the acknowledgement answers it */
  itemId: string;
  kind: string;
  language: string | null;
  writtenAt: Date;
}

const RULE_COLUMNS = `id, source_id AS "sourceId", intent, enabled, outside_hours AS "outsideHours",
  wait_over_minutes AS "waitOverMinutes", public_comments AS "publicComments", template_ru AS "templateRu",
  template_en AS "templateEn", updated_by AS "updatedBy", created_at AS "createdAt", updated_at AS "updatedAt"`;

export type AutoAckRuleFields = Partial<Omit<AutoAckRule, 'id'>>;

/** auto_ack_rules (their only writer) and the reads the acknowledgement sweep needs. */
@Injectable()
export class AutoAckRepository {
  constructor(private readonly db: DataSource) {}

  rules(): Promise<AutoAckRuleRow[]> {
    return sqlRows<AutoAckRuleRow>(
      this.db,
      `SELECT ${RULE_COLUMNS} FROM auto_ack_rules ORDER BY source_id NULLS FIRST, intent NULLS FIRST, id`,
    );
  }

  find(db: Queryable, id: string) {
    return sqlOne<AutoAckRuleRow>(db, `SELECT ${RULE_COLUMNS} FROM auto_ack_rules WHERE id = $1`, [id]);
  }

  async create(
    db: Queryable,
    f: AutoAckRuleFields & Pick<AutoAckRule, 'templateRu' | 'templateEn'>,
    userId: string,
  ) {
    const row = await sqlOne<{ id: string }>(
      db,
      `INSERT INTO auto_ack_rules (source_id, intent, enabled, outside_hours, wait_over_minutes, public_comments,
         template_ru, template_en, updated_by)
       VALUES ($1, $2, COALESCE($3, true), COALESCE($4, true), $5, COALESCE($6, false), $7, $8, $9) RETURNING id`,
      [
        f.sourceId ?? null,
        f.intent ?? null,
        f.enabled ?? null,
        f.outsideHours ?? null,
        f.waitOverMinutes ?? null,
        f.publicComments ?? null,
        f.templateRu,
        f.templateEn,
        userId,
      ],
    );
    return row!.id;
  }

  async update(db: Queryable, id: string, f: AutoAckRuleFields, userId: string): Promise<boolean> {
    const columns: Record<string, string> = {
      sourceId: 'source_id',
      intent: 'intent',
      enabled: 'enabled',
      outsideHours: 'outside_hours',
      waitOverMinutes: 'wait_over_minutes',
      publicComments: 'public_comments',
      templateRu: 'template_ru',
      templateEn: 'template_en',
    };
    const sets = ['updated_at = now()', 'updated_by = $2'];
    const params: unknown[] = [id, userId];
    for (const [key, column] of Object.entries(columns)) {
      const v = f[key as keyof AutoAckRuleFields];
      if (v === undefined) continue;
      params.push(v);
      sets.push(`${column} = $${params.length}`);
    }
    const rows = await sqlRows(
      db,
      `UPDATE auto_ack_rules SET ${sets.join(', ')} WHERE id = $1 RETURNING id`,
      params,
    );
    return rows.length > 0;
  }

  /**
   * Conversations whose clock started in the last `windowMinutes` and that have no reply of any
   * kind since (queued, sent or acknowledged), with the customer item that started the clock.
   */
  candidates(windowMinutes: number, limit = 200): Promise<AckCandidate[]> {
    return sqlRows<AckCandidate>(
      this.db,
      `SELECT c.id AS "conversationId", c.source_id AS "sourceId", c.intent, c.sla_policy_id AS "policyId",
              c.due_at AS "dueAt", i.id::text AS "itemId", i.kind, i.language, i.created_at_platform AS "writtenAt"
         FROM conversations c
         JOIN LATERAL (
           SELECT id, kind, language, created_at_platform FROM items
            WHERE conversation_id = c.id AND direction = 'inbound' AND created_at_platform >= c.sla_started_at
            ORDER BY created_at_platform, id LIMIT 1) i ON true
        WHERE c.due_at IS NOT NULL AND c.status = 'open' AND c.sla_paused_at IS NULL
          AND c.sla_started_at > now() - make_interval(mins => $1)
          AND NOT EXISTS (SELECT 1 FROM replies r WHERE r.conversation_id = c.id AND r.created_at >= c.sla_started_at)
        ORDER BY c.sla_started_at LIMIT $2`,
      [windowMinutes, limit],
    );
  }

  /**
   * The queue's expected wait now: the median time to first response of the conversations
   * answered in the last three hours (null with fewer than three: too few to say).
   */
  async expectedWaitMinutes(): Promise<number | null> {
    const row = await sqlOne<{ n: number; median: number | null }>(
      this.db,
      `SELECT count(*)::int AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response_seconds) AS median
         FROM conversations WHERE first_response_at > now() - interval '3 hours' AND first_response_seconds IS NOT NULL`,
    );
    return row && row.n >= 3 && row.median !== null ? row.median / 60 : null;
  }

  /** The company's time zone (reports' settings), for a policy without a calendar. */
  async companyZone(): Promise<string> {
    const row = await sqlOne<{ zone: string }>(
      this.db,
      `SELECT time_zone AS zone FROM company_settings LIMIT 1`,
    );
    return row?.zone ?? 'Europe/Moscow';
  }
}
