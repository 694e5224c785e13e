import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { JobQueue } from '../jobs/job-queue';
import { Metrics } from '../observability/metrics.service';
import { ALERT_DELIVER_JOB, deliverJobOptions } from './alert-jobs';
import type { RenderableAlert } from './alert.types';
import type { AlertRuleRow } from './alert-rules.repository';
import { AlertRulesService } from './alert-rules.service';
import { AlertRow, AlertsRepository, ClaimedAlert } from './alerts.repository';
import { AlertRetryPolicy, decideAfterSend } from './delivery-policy';
import { quietUntil } from './detection/quiet-hours';
import { RenderContext, renderAlert, SlackMessage } from './slack/block-kit';
import { SlackSender } from './slack/slack-sender';

/** A send that has not answered in this long is given up on as `unknown`. */
export const SEND_TIMEOUT_MS = 10_000;
/** An all-clear waits this long for the alert it clears to finish sending. */
const WAIT_FOR_PARENT_MS = 5_000;

export const SLACK_SENDER = Symbol('SLACK_SENDER');

/**
 * Delivers one alert message to Slack, exactly once:
 *   fired → (claim: one UPDATE … WHERE state = 'fired' plus the attempt row, one statement)
 *   → sending → POST → sent | fired again later (5xx/429/no connection: surely not accepted)
 *   | failed (4xx) | unknown (timeout or reset: it may have arrived; never resent by itself).
 * A worker killed between the claim and the answer leaves `sending`; the sweep turns it into
 * `unknown` after the lease. Without any webhook the alert is `logged` (log line, API).
 */
@Injectable()
export class AlertDeliveryService {
  private readonly log = new Logger('Alerts');
  /** Names this instance in attempt rows (several instances may share a process in tests). */
  private readonly worker = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly outcomes;
  readonly policy: AlertRetryPolicy;

  constructor(
    private readonly alerts: AlertsRepository,
    private readonly rules: AlertRulesService,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SLACK_SENDER) private readonly sender: SlackSender,
    metrics: Metrics,
  ) {
    this.policy = {
      maxAttempts: 8,
      baseDelayMs: config.JOB_RETRY_DELAY_SECONDS * 1000,
      maxDelayMs: 5 * 60_000,
    };
    this.outcomes = metrics.counter({
      name: 'otklik_alert_deliveries_total',
      help: 'Alert delivery attempts by outcome (sent, logged, retry, failed, unknown)',
      labelNames: ['outcome'],
    });
  }

  /** Where the button points: PUBLIC_URL, else this instance's local address. */
  renderContext(rule: AlertRuleRow | null): RenderContext {
    return {
      baseUrl: this.config.PUBLIC_URL ?? `http://localhost:${this.config.PORT}`,
      timeZone: rule?.timeZone ?? 'Europe/Moscow',
    };
  }

  message(a: AlertRow, rule: AlertRuleRow | null): SlackMessage {
    return renderAlert(renderable(a, rule), this.renderContext(rule));
  }

  async deliver(alertId: string): Promise<void> {
    const a = await this.alerts.find(alertId);
    if (!a || a.state !== 'fired') return;
    const now = new Date();
    // An earlier job for a message moved later (quiet hours, backoff): the later job will come.
    if (new Date(a.nextAttemptAt).getTime() > now.getTime() + 1000) return;
    const rule = a.ruleId ? await this.rules.find(a.ruleId) : null;
    const quiet = rule && quietUntil(now, rule.quietHours, rule.timeZone);
    if (quiet) return this.postpone(a, quiet);
    if (a.parentId) {
      const parent = await this.alerts.find(a.parentId);
      if (parent?.state === 'sending') return this.postpone(a, new Date(now.getTime() + WAIT_FOR_PARENT_MS));
    }

    const claimed = await this.alerts.claim(a.id, this.worker);
    if (!claimed) return;
    let url: string | null;
    try {
      url = this.rules.webhookFor(rule, claimed.channel);
    } catch {
      return this.settle(claimed, {
        outcome: 'failed',
        state: 'failed',
        error: 'the webhook address cannot be decrypted (SECRETS_KEY changed?)',
      });
    }
    if (!url) {
      // No channel configured: the log and the API are where it shows.
      this.log.warn(
        {
          alertId: claimed.id,
          kind: claimed.kind,
          type: claimed.messageType,
          samples: claimed.samples.length,
        },
        `ALERT (no Slack webhook configured): ${claimed.title}`,
      );
      return this.settle(claimed, { outcome: 'logged', state: 'logged' });
    }
    const outcome = await this.sender.send(url, this.message(claimed, rule));
    const next = decideAfterSend(outcome, claimed.attempts - claimed.attemptsBase, this.policy);
    const httpStatus = 'status' in outcome ? (outcome.status ?? null) : null;
    if (next.state === 'fired') {
      const at = new Date(Date.now() + next.retryInMs);
      await this.settle(claimed, {
        outcome: 'retry',
        state: 'fired',
        nextAttemptAt: at,
        httpStatus,
        error: next.error,
      });
      await this.jobs
        .enqueue(ALERT_DELIVER_JOB, { alertId: claimed.id }, deliverJobOptions(claimed.id, at))
        .catch((err) =>
          this.log.warn({ err, alertId: claimed.id }, 'could not queue the retry; the sweep will'),
        );
      return;
    }
    await this.settle(claimed, {
      outcome: next.state,
      state: next.state,
      httpStatus,
      error: next.state === 'sent' ? null : next.error,
    });
  }

  private async settle(c: ClaimedAlert, r: Parameters<AlertsRepository['finish']>[3]): Promise<void> {
    const applied = await this.alerts.finish(c.id, c.deliveryId, c.attempts, r);
    this.outcomes.inc({ outcome: r.outcome });
    const fields = {
      alertId: c.id,
      attempt: c.attempts,
      outcome: r.outcome,
      httpStatus: r.httpStatus ?? undefined,
    };
    if (r.outcome === 'sent' || r.outcome === 'logged')
      this.log.log(fields, `alert delivered (${r.outcome})`);
    else this.log.warn({ ...fields, error: r.error, applied }, `alert delivery: ${r.outcome}`);
  }

  private async postpone(a: AlertRow, until: Date): Promise<void> {
    if (!(await this.alerts.postpone(a.id, until))) return;
    await this.jobs.enqueue(ALERT_DELIVER_JOB, { alertId: a.id }, deliverJobOptions(a.id, until));
  }
}

export function renderable(a: AlertRow, rule: AlertRuleRow | null): RenderableAlert {
  return {
    id: a.parentId ?? a.id,
    kind: a.kind,
    messageType: a.messageType,
    language: a.language,
    firedAt: new Date(a.firedAt),
    details: a.details,
    clear: a.clear,
    samples: a.samples,
    ruleName: rule?.name ?? null,
  };
}
