import { Injectable } from '@nestjs/common';
import type { AlertRuleRow } from '../alert-rules.repository';
import { AlertSlaRepository } from '../alert-sla.repository';
import { AlertsRepository } from '../alerts.repository';
import { closedBuckets } from '../detection/windows';
import { withDefaults } from '../rule-params';
import { Evaluation, FireDraft, toSample } from './evaluation';

/** The sweep stamps events with its own start time; a minute covers its transaction. */
const GRACE_MS = 60_000;
/** Buckets looked back over (covers a short outage of the evaluator; older ones are let go). */
const LOOKBACK_MINUTES = 15;

/**
 * SLA: one message per rule and window with the breaches and due-soon warnings raised in it (not
 * one per conversation), and one escalation per window to the lead channel for breaches still
 * unanswered after `escalateAfterMinutes`.
 */
@Injectable()
export class SlaEvaluator {
  constructor(
    private readonly sla: AlertSlaRepository,
    private readonly alerts: AlertsRepository,
  ) {}

  async evaluate(rule: AlertRuleRow, now: Date): Promise<Evaluation> {
    const p = withDefaults('sla', rule.params);
    const lookback = Math.max(1, Math.ceil(LOOKBACK_MINUTES / p.windowMinutes)) + 1;
    const buckets = closedBuckets(now, p.windowMinutes, GRACE_MS, lookback);
    const keys = buckets.flatMap((b) => [`sla:${b.key}`, `sla-escalation:${b.key}`]);
    const done = await this.alerts.exists(rule.id, keys);
    const fire: FireDraft[] = [];
    for (const b of buckets) {
      if (!done.has(`sla:${b.key}`)) {
        const c = await this.sla.counts(b.from, b.to, p.events, rule.sourceId);
        if (c.breached + c.dueSoon > 0) {
          const ids = await this.sla.eventConversations(b.from, b.to, p.events, rule.sourceId);
          fire.push({
            kind: 'sla',
            scope: 'sla',
            episodic: false,
            dedupeKey: `sla:${b.key}`,
            channel: 'main',
            details: {
              kind: 'sla',
              windowMinutes: p.windowMinutes,
              from: b.from.toISOString(),
              to: b.to.toISOString(),
              breached: c.breached,
              dueSoon: c.dueSoon,
              filter: { view: 'inbox', sla: c.breached ? 'breached' : 'at_risk' },
            },
            samples: (await this.sla.lastCustomerItems(ids)).map(toSample),
          });
        }
      }
      if (p.escalateAfterMinutes > 0 && !done.has(`sla-escalation:${b.key}`)) {
        const shift = p.escalateAfterMinutes * 60_000;
        const ids = await this.sla.stillUnanswered(
          new Date(b.from.getTime() - shift),
          new Date(b.to.getTime() - shift),
          rule.sourceId,
        );
        if (ids.length) {
          fire.push({
            kind: 'sla_escalation',
            scope: 'sla-escalation',
            episodic: false,
            dedupeKey: `sla-escalation:${b.key}`,
            channel: 'lead',
            details: {
              kind: 'sla_escalation',
              escalateAfterMinutes: p.escalateAfterMinutes,
              unanswered: ids.length,
              filter: { view: 'inbox', sla: 'breached' },
            },
            samples: (await this.sla.lastCustomerItems(ids.slice(0, 3))).map(toSample),
          });
        }
      }
    }
    return { fire, clear: [] };
  }
}
