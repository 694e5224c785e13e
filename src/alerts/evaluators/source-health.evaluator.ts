import { Injectable } from '@nestjs/common';
import type { AlertRuleRow } from '../alert-rules.repository';
import { AlertSignalsRepository } from '../alert-signals.repository';
import { AlertsRepository } from '../alerts.repository';
import { decideEpisode } from '../detection/episodes';
import { sourceProblem, sourceScope, sourceSignal } from '../detection/source-watch';
import { withDefaults } from '../rule-params';
import { bookFrom, ClearDraft, Evaluation, FireDraft, minutesBetween } from './evaluation';

/** A source that needs a person, or that went silent; the all-clear when it is fine again. */
@Injectable()
export class SourceHealthEvaluator {
  constructor(
    private readonly signals: AlertSignalsRepository,
    private readonly alerts: AlertsRepository,
  ) {}

  async evaluate(rule: AlertRuleRow, now: Date): Promise<Evaluation> {
    const p = withDefaults('source_health', rule.params);
    const rows = await this.signals.sourceHealth(rule.sourceId);
    const open = await this.alerts.openEpisodes(rule.id);
    const clears = await this.alerts.recentClears(
      rule.id,
      new Date(now.getTime() - rule.cooldownMinutes * 60_000),
    );
    const book = bookFrom(open, clears);
    const timing = { cooldownMs: rule.cooldownMinutes * 60_000, minOpenMs: 0 };
    const fire: FireDraft[] = [];
    const clear: ClearDraft[] = [];
    const seen = new Set<string>();
    for (const s of rows) {
      const scope = sourceScope(s.id);
      seen.add(scope);
      const problem = sourceProblem(
        {
          ...s,
          statusChangedAt: new Date(s.statusChangedAt),
          createdAt: new Date(s.createdAt),
          lastSyncedAt: s.lastSyncedAt && new Date(s.lastSyncedAt),
          lastItemAt: s.lastItemAt && new Date(s.lastItemAt),
        },
        now,
        p,
      );
      const action = decideEpisode(scope, sourceSignal(problem), book, now, timing);
      if (action === 'fire' && problem) {
        fire.push({
          kind: 'source_health',
          scope,
          episodic: true,
          channel: 'main',
          details: {
            kind: 'source_health',
            sourceId: s.id,
            sourceLabel: s.name,
            problem: problem.kind,
            reason: problem.kind === 'needs_attention' ? s.statusReason : null,
            silentMinutes: problem.kind === 'silent' ? Math.round(problem.sinceMs / 60_000) : null,
            filter: { view: 'sources', sourceId: s.id },
          },
          samples: [],
        });
      } else if (action === 'clear') {
        const alert = book.alerts.get(scope)!;
        clear.push({ alert, clear: { durationMinutes: minutesBetween(new Date(alert.firedAt), now) } });
      }
    }
    for (const [scope, alert] of book.alerts) {
      if (!seen.has(scope))
        clear.push({ alert, clear: { durationMinutes: minutesBetween(new Date(alert.firedAt), now) } });
    }
    return { fire, clear };
  }
}
