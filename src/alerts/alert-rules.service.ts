import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { SecretBox } from '../security/secret-box';
import type { RuleKind } from './alert.types';
import { AlertRuleChanges, AlertRuleRow, AlertRulesRepository } from './alert-rules.repository';
import { CreateAlertRuleDto, UpdateAlertRuleDto } from './dto/alert-rule.dto';
import { PG, pgCode } from '../database/pg-errors';
import { DEFAULT_PARAMS, ParamsByKind, paramsProblems, withDefaults } from './rule-params';

export type Channel = 'main' | 'lead';

/** A rule as the API shows it: the webhook only as "configured or not", never its address. */
export interface AlertRuleView {
  id: string;
  name: string;
  kind: RuleKind;
  enabled: boolean;
  sourceId: string | null;
  params: ParamsByKind[RuleKind];
  language: 'ru' | 'en';
  timeZone: string;
  quietHours: { from: string; to: string } | null;
  cooldownMinutes: number;
  webhook: { configured: boolean; usesDefault: boolean };
  leadWebhook: { configured: boolean };
  createdAt: Date;
  updatedAt: Date;
}

/** The sealed addresses are bound to their rule and channel: a copied ciphertext does not open. */
const aad = (ruleId: string, channel: Channel) => `alert_rule:${ruleId}:${channel}`;

/** Admin use cases on alert rules, audited (the audit never carries a webhook address). */
@Injectable()
export class AlertRulesService {
  constructor(
    private readonly rules: AlertRulesRepository,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<AlertRuleView[]> {
    return (await this.rules.list()).map((r) => this.view(r));
  }

  async get(id: string): Promise<AlertRuleView> {
    return this.view(await this.mustFind(id));
  }

  defaults() {
    return DEFAULT_PARAMS;
  }

  async create(dto: CreateAlertRuleDto, actorId: string | null): Promise<AlertRuleView> {
    const id = randomUUID();
    return this.rules.transaction(async (m) => {
      const row = await this.rules
        .insert(m, {
          id,
          name: dto.name.trim(),
          kind: dto.kind,
          enabled: dto.enabled ?? true,
          sourceId: dto.sourceId ?? null,
          params: dto.params ?? {},
          language: dto.language ?? 'ru',
          timeZone: dto.timeZone ?? 'Europe/Moscow',
          quietHours: dto.quietHours ? { from: dto.quietHours.from, to: dto.quietHours.to } : null,
          cooldownMinutes: dto.cooldownMinutes ?? 60,
          webhookSealed: dto.webhookUrl ? this.box.encrypt(dto.webhookUrl, aad(id, 'main')) : null,
          leadWebhookSealed: dto.leadWebhookUrl
            ? this.box.encrypt(dto.leadWebhookUrl, aad(id, 'lead'))
            : null,
          createdBy: actorId,
        })
        .catch(sourceMissing);
      await this.audit.record(actorId, 'alert_rule.created', 'alert_rule', id, auditData(dto), m);
      return this.view(row);
    });
  }

  async update(id: string, dto: UpdateAlertRuleDto, actorId: string | null): Promise<AlertRuleView> {
    return this.rules.transaction(async (m) => {
      const current = await this.rules.find(id, m, true); // params are merged
      if (!current) throw new NotFoundException('alert rule not found');
      if (dto.params !== undefined) {
        const problems = paramsProblems(current.kind, dto.params);
        if (problems.length) throw new BadRequestException(problems);
      }
      const changes: AlertRuleChanges = {
        name: dto.name?.trim(),
        enabled: dto.enabled,
        sourceId: dto.sourceId,
        params: dto.params === undefined ? undefined : { ...current.params, ...dto.params },
        language: dto.language,
        timeZone: dto.timeZone,
        quietHours: dto.quietHours === undefined ? undefined : dto.quietHours && { ...dto.quietHours },
        cooldownMinutes: dto.cooldownMinutes,
        webhookSealed: sealed(this.box, dto.webhookUrl, aad(id, 'main')),
        leadWebhookSealed: sealed(this.box, dto.leadWebhookUrl, aad(id, 'lead')),
      };
      const row = await this.rules.update(m, id, changes).catch(sourceMissing);
      if (!row) throw new NotFoundException('alert rule not found');
      await this.audit.record(actorId, 'alert_rule.updated', 'alert_rule', id, auditData(dto), m);
      return this.view(row);
    });
  }

  /** Its alerts stay (they are a record); they lose the link to the rule. */
  async remove(id: string, actorId: string | null): Promise<void> {
    await this.rules.transaction(async (m) => {
      if (!(await this.rules.remove(m, id))) throw new NotFoundException('alert rule not found');
      await this.audit.record(actorId, 'alert_rule.deleted', 'alert_rule', id, {}, m);
    });
  }

  enabledRules(): Promise<AlertRuleRow[]> {
    return this.rules.listEnabled();
  }

  find(id: string): Promise<AlertRuleRow | null> {
    return this.rules.find(id);
  }

  async mustFind(id: string): Promise<AlertRuleRow> {
    const r = await this.rules.find(id);
    if (!r) throw new NotFoundException('alert rule not found');
    return r;
  }

  /**
   * Where a rule's messages go: its own webhook, for escalations its lead webhook first, else
   * SLACK_WEBHOOK_URL; null when none is configured (the alert is recorded and logged only).
   */
  webhookFor(rule: AlertRuleRow | null, channel: Channel): string | null {
    if (rule && channel === 'lead' && rule.leadWebhookSealed)
      return this.box.decrypt(rule.leadWebhookSealed, aad(rule.id, 'lead'));
    if (rule?.webhookSealed) return this.box.decrypt(rule.webhookSealed, aad(rule.id, 'main'));
    return this.config.SLACK_WEBHOOK_URL ?? null;
  }

  view(r: AlertRuleRow): AlertRuleView {
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      enabled: r.enabled,
      sourceId: r.sourceId,
      params: withDefaults(r.kind, r.params),
      language: r.language,
      timeZone: r.timeZone,
      quietHours: r.quietHours,
      cooldownMinutes: r.cooldownMinutes,
      webhook: {
        configured: !!r.webhookSealed,
        usesDefault: !r.webhookSealed && !!this.config.SLACK_WEBHOOK_URL,
      },
      leadWebhook: { configured: !!r.leadWebhookSealed },
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  }
}

function sealed(box: SecretBox, url: string | null | undefined, bound: string): string | null | undefined {
  if (url === undefined) return undefined;
  return url === null ? null : box.encrypt(url, bound);
}

/** What changed, for the audit log: every field except the webhook addresses (only "changed"). */
function auditData(dto: CreateAlertRuleDto | UpdateAlertRuleDto): Record<string, unknown> {
  const { webhookUrl, leadWebhookUrl, ...rest } = dto;
  return {
    ...rest,
    ...(webhookUrl !== undefined ? { webhookUrl: webhookUrl === null ? 'cleared' : 'set' } : {}),
    ...(leadWebhookUrl !== undefined ? { leadWebhookUrl: leadWebhookUrl === null ? 'cleared' : 'set' } : {}),
  };
}

function sourceMissing(err: unknown): never {
  if (pgCode(err) === PG.FOREIGN_KEY_VIOLATION) throw new NotFoundException('source not found');
  throw err;
}
