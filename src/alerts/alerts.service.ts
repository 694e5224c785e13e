import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { JobQueue } from '../jobs/job-queue';
import { AlertDeliveryService, SLACK_SENDER } from './alert-delivery.service';
import { ALERT_DELIVER_JOB, deliverJobOptions } from './alert-jobs';
import type { RenderableAlert } from './alert.types';
import type { AlertRuleRow } from './alert-rules.repository';
import { AlertRulesService, Channel } from './alert-rules.service';
import { AlertListFilter, AlertRow, AlertsRepository } from './alerts.repository';
import { AlertDetailDto, AlertListDto, AlertViewDto, ListAlertsQuery, TestResultDto } from './dto/alerts.dto';
import { otklikUrl } from './links';
import { renderAlert } from './slack/block-kit';
import { SlackSender } from './slack/slack-sender';
import { quietUntil } from './detection/quiet-hours';

/** The alert list and detail for the web app, a person's resend, and a rule's test message. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly rules: AlertRulesService,
    private readonly delivery: AlertDeliveryService,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
    @Inject(SLACK_SENDER) private readonly sender: SlackSender,
  ) {}

  async list(q: ListAlertsQuery): Promise<AlertListDto> {
    const limit = q.limit ?? 50;
    const filter: AlertListFilter = {
      state: q.state,
      kind: q.kind as AlertListFilter['kind'],
      ruleId: q.ruleId,
      messageType: q.type,
      from: q.from,
      to: q.to,
      before: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit: limit + 1,
    };
    const rows = await this.alerts.list(filter);
    const page = rows.slice(0, limit);
    const names = await this.ruleNames();
    const views = await Promise.all(page.map((r) => this.view(r, names)));
    const last = page[page.length - 1];
    return { alerts: views, next: rows.length > limit && last ? encodeCursor(last) : null };
  }

  async get(id: string): Promise<AlertDetailDto> {
    const a = await this.alerts.find(id);
    if (!a) throw new NotFoundException('alert not found');
    const rule = a.ruleId ? await this.rules.find(a.ruleId) : null;
    const view = await this.view(a, new Map(rule ? [[rule.id, rule.name]] : []));
    return {
      ...view,
      deliveries: await this.alerts.deliveries(id),
      message: this.delivery.message(a, rule) as unknown as Record<string, unknown>,
    };
  }

  /** Failed or unknown: a person decided it should go (again). */
  async resend(id: string, actorId: string | null): Promise<AlertViewDto> {
    const a = await this.alerts.requeue(id);
    if (!a) {
      if (!(await this.alerts.find(id))) throw new NotFoundException('alert not found');
      throw new ConflictException('only a failed or unknown alert that is not resolved can be sent again');
    }
    await this.jobs.enqueue(
      ALERT_DELIVER_JOB,
      { alertId: a.id },
      deliverJobOptions(a.id, new Date(a.nextAttemptAt)),
    );
    await this.audit.record(actorId, 'alert.resent', 'alert', id, {});
    return this.view(a, await this.ruleNames());
  }

  /** Unknown: a person saw the message in the channel, so it counts as sent and never goes again. */
  async markSent(id: string, actorId: string | null): Promise<AlertViewDto> {
    const a = await this.alerts.markSent(id);
    if (!a) {
      if (!(await this.alerts.find(id))) throw new NotFoundException('alert not found');
      throw new ConflictException('only an alert in the unknown state can be marked sent');
    }
    await this.audit.record(actorId, 'alert.marked_sent', 'alert', id, {});
    return this.view(a, await this.ruleNames());
  }

  /** A sample message to the rule's channel (or an address to try), answered synchronously. */
  async test(
    ruleId: string,
    channel: Channel,
    tryUrl: string | undefined,
    actorId: string | null,
  ): Promise<TestResultDto> {
    const rule = await this.rules.mustFind(ruleId);
    const url = tryUrl ?? this.rules.webhookFor(rule, channel);
    if (!url) throw new ConflictException('no webhook: set one on the rule or SLACK_WEBHOOK_URL');
    const outcome = await this.sender.send(
      url,
      renderAlert(sampleAlert(rule), this.delivery.renderContext(rule)),
    );
    await this.audit.record(actorId, 'alert_rule.tested', 'alert_rule', ruleId, {
      channel,
      outcome: outcome.kind,
      address: tryUrl ? 'given' : 'saved',
    });
    return {
      delivered: outcome.kind === 'sent',
      outcome: outcome.kind,
      ...('status' in outcome && outcome.status ? { httpStatus: outcome.status } : {}),
      ...('error' in outcome ? { error: outcome.error } : {}),
    };
  }

  /**
   * After a rule's quiet hours changed: messages it holds go when the new hours allow (now, if
   * they no longer cover this moment), not at the old end.
   */
  async rescheduleHeld(ruleId: string): Promise<number> {
    const rule = await this.rules.mustFind(ruleId);
    const now = new Date();
    const at = quietUntil(now, rule.quietHours, rule.timeZone) ?? now;
    const held = await this.alerts.held(ruleId, now);
    let moved = 0;
    for (const a of held) {
      if (new Date(a.nextAttemptAt).getTime() === at.getTime() || !(await this.alerts.postpone(a.id, at)))
        continue;
      await this.jobs.enqueue(ALERT_DELIVER_JOB, { alertId: a.id }, deliverJobOptions(a.id, at));
      moved++;
    }
    return moved;
  }

  private async ruleNames(): Promise<Map<string, string>> {
    return new Map((await this.rules.list()).map((r) => [r.id, r.name]));
  }

  private async view(a: AlertRow, names: Map<string, string>): Promise<AlertViewDto> {
    const clear = a.messageType === 'alert' && a.resolvedAt ? await this.alerts.allClearOf(a.id) : null;
    return {
      id: a.id,
      ruleId: a.ruleId,
      ruleName: a.ruleId ? (names.get(a.ruleId) ?? null) : null,
      kind: a.kind,
      type: a.messageType,
      parentId: a.parentId,
      scope: a.scope,
      channel: a.channel,
      language: a.language,
      state: a.state,
      title: a.title,
      details: a.details as unknown as Record<string, unknown>,
      clear: a.clear as unknown as Record<string, unknown> | null,
      samples: a.samples,
      link: otklikUrl(this.delivery.renderContext(null).baseUrl, a.details.filter, a.parentId ?? a.id),
      firedAt: a.firedAt,
      resolvedAt: a.resolvedAt,
      sentAt: a.sentAt,
      nextAttemptAt: a.nextAttemptAt,
      attempts: a.attempts,
      lastError: a.lastError,
      allClear: clear ? { id: clear.id, state: clear.state, sentAt: clear.sentAt } : null,
    };
  }
}

/** What a spike alert looks like, with invented numbers, in the rule's language. */
export function sampleAlert(rule: AlertRuleRow): RenderableAlert {
  const ru = rule.language === 'ru';
  return {
    id: '00000000-0000-4000-8000-000000000000',
    kind: 'negative_spike',
    messageType: 'alert',
    language: rule.language,
    firedAt: new Date(),
    ruleName: rule.name,
    details: {
      kind: 'negative_spike',
      scope: 'overall',
      scopeLabel: ru ? 'Проверка связи' : 'Connection check',
      windowMinutes: 60,
      observed: 42,
      total: 70,
      expected: 8.4,
      ratio: 5,
      share: 0.6,
      baselineShare: 0.22,
      pValue: 1e-9,
      baselineMode: 'weekly',
      parts: [],
      filter: { view: 'alerts' },
    },
    samples: [
      {
        text: ru ? 'Это тестовое сообщение Отклика: так выглядит оповещение.' : 'A test message from Otklik.',
        author: 'Отклик',
        platform: 'otklik',
      },
    ],
  };
}

function encodeCursor(a: AlertRow): string {
  return Buffer.from(`${new Date(a.firedAt).toISOString()}|${a.id}`).toString('base64url');
}

function decodeCursor(c: string): { firedAt: Date; id: string } {
  const [at, id] = Buffer.from(c, 'base64url').toString().split('|');
  const firedAt = new Date(at);
  if (Number.isNaN(firedAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id ?? ''))
    throw new ConflictException('cursor is not a cursor from this API');
  return { firedAt, id };
}
