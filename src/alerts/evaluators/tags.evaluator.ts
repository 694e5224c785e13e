import { Injectable } from '@nestjs/common';
import type { AlertRuleRow } from '../alert-rules.repository';
import { AlertSignalsRepository, TaggingRow } from '../alert-signals.repository';
import { AlertsRepository } from '../alerts.repository';
import { referenceWindows } from '../detection/baseline';
import { conversationOrder, readTagSurges, tagScope } from '../detection/tags';
import { planTerms, TermReading } from '../detection/terms';
import { withDefaults } from '../rule-params';
import { bookFrom, Evaluation, FireDraft, minutesBetween, toSample } from './evaluation';
import { pickRefs } from './terms.evaluator';

/**
 * Tags put on many more conversations than usual (detection/tags.ts), against the same kind of
 * baseline as complaint terms; the reference windows start when tagging began.
 */
@Injectable()
export class TagsEvaluator {
  constructor(
    private readonly signals: AlertSignalsRepository,
    private readonly alerts: AlertsRepository,
  ) {}

  async evaluate(rule: AlertRuleRow, now: Date): Promise<Evaluation> {
    const p = withDefaults('tag_surge', rule.params);
    const started = await this.signals.firstTagging(rule.sourceId);
    const windows = referenceWindows(now, {
      windowMinutes: p.windowMinutes,
      baselineWeeks: 4,
      timeZone: rule.timeZone,
    });
    const refs = started ? pickRefs(windows, started.getTime()) : null;
    const open = await this.alerts.openEpisodes(rule.id);
    const clears = await this.alerts.recentClears(
      rule.id,
      new Date(now.getTime() - rule.cooldownMinutes * 60_000),
    );
    const book = bookFrom(open, clears);
    let current: TaggingRow[] = [];
    let readings: TermReading[] = [];
    if (refs) {
      current = await this.signals.taggings(windows[0].from, now, rule.sourceId);
      const before: TaggingRow[][] = [];
      for (const w of refs.windows) before.push(await this.signals.taggings(w.from, w.to, rule.sourceId));
      readings = readTagSurges(current, before, p, refs.mode !== 'weekly');
    }
    const covered = new Set(
      open.flatMap((a) =>
        (a.details.kind === 'tag_surge' ? (a.details.relatedKeys ?? []) : []).map(tagScope),
      ),
    );
    const plan = planTerms(
      readings,
      book,
      now,
      {
        cooldownMinutes: rule.cooldownMinutes,
        windowMinutes: p.windowMinutes,
        maxAlertsPerRun: p.maxAlertsPerRun,
      },
      covered,
    );
    const conversations = conversationOrder(current);
    const fire: FireDraft[] = [];
    for (const r of plan.fire) {
      const ids = r.items.map((i) => conversations[i]);
      fire.push({
        kind: 'tag_surge',
        scope: r.scope,
        episodic: true,
        channel: 'main',
        details: {
          kind: 'tag_surge',
          tagId: r.key,
          tag: r.label,
          related: r.related.slice(0, 8),
          relatedKeys: r.relatedKeys,
          windowMinutes: p.windowMinutes,
          count: r.count,
          authors: r.authors,
          expected: Math.round(r.expected * 10) / 10,
          ratio: Math.round(r.ratio * 10) / 10,
          filter: {
            view: 'inbox',
            status: 'all',
            tagId: r.key,
            ...(rule.sourceId ? { sourceId: rule.sourceId } : {}),
          },
        },
        samples: (await this.signals.latestItems(ids)).map(toSample),
      });
    }
    const clear = plan.clear.map((c) => {
      const alert = book.alerts.get(c.scope)!;
      return {
        alert,
        clear: {
          durationMinutes: minutesBetween(new Date(alert.firedAt), now),
          ...(c.reading
            ? { observed: c.reading.count, expected: Math.round(c.reading.expected * 10) / 10 }
            : {}),
        },
      };
    });
    return { fire, clear };
  }
}
