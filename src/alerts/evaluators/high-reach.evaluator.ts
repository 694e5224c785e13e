import { Injectable } from '@nestjs/common';
import type { AlertRuleRow } from '../alert-rules.repository';
import { AlertSignalsRepository } from '../alert-signals.repository';
import { isHighReach, reachOf } from '../detection/high-reach';
import { withDefaults } from '../rule-params';
import { Evaluation, FireDraft, toSample } from './evaluation';

/** At most this many new high-reach alerts per run (a flood is the spike rule's business). */
const MAX_PER_RUN = 5;

/** One alert per negative item whose reach crosses the threshold (once per item, ever). */
@Injectable()
export class HighReachEvaluator {
  constructor(private readonly signals: AlertSignalsRepository) {}

  async evaluate(rule: AlertRuleRow, now: Date): Promise<Evaluation> {
    const p = withDefaults('high_reach', rule.params);
    const since = new Date(now.getTime() - p.lookbackHours * 3600_000);
    const rows = await this.signals.reachCandidates(since, rule.sourceId, p.minReach, rule.id);
    const names = new Map((await this.signals.sources(rule.sourceId)).map((s) => [s.id, s.name]));
    const fire: FireDraft[] = [];
    for (const row of rows) {
      const reach = reachOf(row.counters, row.replies);
      if (!isHighReach(reach, p)) continue;
      fire.push({
        kind: 'high_reach',
        scope: `item:${row.id}`,
        episodic: false,
        dedupeKey: `item:${row.id}`,
        channel: 'main',
        details: {
          kind: 'high_reach',
          sourceLabel: names.get(row.sourceId) ?? row.platform,
          comments: reach.comments,
          reactions: reach.reactions,
          reposts: reach.reposts,
          views: reach.views,
          filter: row.conversationId
            ? { view: 'inbox', conversationId: row.conversationId }
            : { view: 'inbox', status: 'all', sourceId: row.sourceId, sentiment: 'negative' },
        },
        samples: [toSample(row)],
      });
      if (fire.length >= MAX_PER_RUN) break;
    }
    return { fire, clear: [] };
  }
}
