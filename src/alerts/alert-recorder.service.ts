import { Injectable, Logger } from '@nestjs/common';
import { JobQueue } from '../jobs/job-queue';
import { Metrics } from '../observability/metrics.service';
import { ALERT_DELIVER_JOB, deliverJobOptions } from './alert-jobs';
import type { AlertRuleRow } from './alert-rules.repository';
import { AlertRow, AlertsRepository } from './alerts.repository';
import { quietUntil } from './detection/quiet-hours';
import { ClearDraft, FireDraft, titleOf, WidenDraft } from './evaluators/evaluation';

/** Messages go now (wall-clock time, whatever moment was evaluated), or when quiet hours end. */
function deliveryTime(rule: AlertRuleRow): Date {
  const wall = new Date();
  return quietUntil(wall, rule.quietHours, rule.timeZone) ?? wall;
}

/**
 * Records alerts and all-clears, each with its delivery job in the same transaction (a recorded
 * alert always has a job; the sweep re-queues one that got lost anyway). Quiet hours only delay
 * the message: the alert is recorded, listed and logged at once.
 */
@Injectable()
export class AlertRecorder {
  private readonly log = new Logger('Alerts');
  private readonly fired;

  constructor(
    private readonly alerts: AlertsRepository,
    private readonly jobs: JobQueue,
    metrics: Metrics,
  ) {
    this.fired = metrics.counter({
      name: 'otklik_alerts_fired_total',
      help: 'Alerts recorded, by kind and message type (alert or all_clear)',
      labelNames: ['kind', 'type'],
    });
  }

  async fire(rule: AlertRuleRow, draft: FireDraft, now: Date): Promise<AlertRow | null> {
    const deliverAt = deliveryTime(rule);
    const row = await this.alerts.transaction(async (m) => {
      // An evaluator that read the open episodes before another one's alert for this scope was
      // committed (the scheduled run and a manual one overlapping) must not open a second episode.
      if (draft.episodic && (await this.alerts.hasOpen(m, rule.id, draft.scope))) return null;
      // Episodes are numbered per scope: two evaluators racing compute the same key, one insert wins.
      const dedupeKey =
        draft.dedupeKey ?? `${draft.scope}#${(await this.alerts.episodeCount(m, rule.id, draft.scope)) + 1}`;
      const inserted = await this.alerts.insert(m, {
        ruleId: rule.id,
        kind: draft.kind,
        messageType: 'alert',
        scope: draft.scope,
        dedupeKey,
        channel: draft.channel,
        language: rule.language,
        title: titleOf(draft.kind, draft.details, rule.language),
        details: draft.details,
        samples: draft.samples,
        firedAt: now,
        nextAttemptAt: deliverAt,
      });
      if (inserted) {
        await this.jobs.enqueue(
          ALERT_DELIVER_JOB,
          { alertId: inserted.id },
          { ...deliverJobOptions(inserted.id, deliverAt), transaction: m },
        );
      }
      return inserted;
    });
    if (row) {
      this.fired.inc({ kind: row.kind, type: 'alert' });
      this.log.log(
        { alertId: row.id, ruleId: rule.id, kind: row.kind, scope: row.scope, deliverAt },
        `alert: ${row.title}`,
      );
    }
    return row;
  }

  /** An open incident now speaks for more scopes (no message of its own). */
  async widen(w: WidenDraft): Promise<void> {
    await this.alerts.widenCovers(w.alert.id, w.covers);
  }

  /**
   * Ends an episode. An all-clear message follows only if the alert was (or may have been)
   * announced: one that never went out (still waiting, e.g. in quiet hours, or refused by Slack)
   * is just marked resolved.
   */
  async clear(rule: AlertRuleRow, c: ClearDraft, now: Date): Promise<AlertRow | null> {
    const deliverAt = deliveryTime(rule);
    const parent = c.alert;
    const row = await this.alerts.transaction(async (m) => {
      const before = await this.alerts.resolve(m, parent.id, now);
      if (!before || !['sent', 'sending', 'unknown', 'logged'].includes(before)) return null;
      const inserted = await this.alerts.insert(m, {
        ruleId: rule.id,
        kind: parent.kind,
        messageType: 'all_clear',
        parentId: parent.id,
        scope: parent.scope,
        dedupeKey: `${parent.dedupeKey}:clear`,
        channel: parent.channel,
        language: rule.language,
        title: titleOf(parent.kind, parent.details, rule.language, 'all_clear', c.clear),
        details: parent.details,
        clear: c.clear,
        samples: [],
        firedAt: now,
        nextAttemptAt: deliverAt,
      });
      if (inserted) {
        await this.jobs.enqueue(
          ALERT_DELIVER_JOB,
          { alertId: inserted.id },
          { ...deliverJobOptions(inserted.id, deliverAt), transaction: m },
        );
      }
      return inserted;
    });
    this.log.log(
      { alertId: parent.id, ruleId: rule.id, allClear: row?.id ?? null },
      `resolved: ${parent.title}`,
    );
    if (row) this.fired.inc({ kind: row.kind, type: 'all_clear' });
    return row;
  }
}
