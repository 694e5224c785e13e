import { Injectable } from '@nestjs/common';
import type { AlertRuleRow } from '../alert-rules.repository';
import { AlertSignalsRepository, ItemRow } from '../alert-signals.repository';
import { AlertsRepository } from '../alerts.repository';
import { MIN_REFS, RECENT_REFS, referenceWindows, RefWindow } from '../detection/baseline';
import { planTerms, readTerms, termScope } from '../detection/terms';
import { withDefaults } from '../rule-params';
import { bookFrom, Evaluation, FireDraft, minutesBetween, toSample } from './evaluation';

/** Complaint terms rising fast (detection/terms.ts), against the same kind of baseline as spikes. */
@Injectable()
export class TermsEvaluator {
  constructor(
    private readonly signals: AlertSignalsRepository,
    private readonly alerts: AlertsRepository,
  ) {}

  async evaluate(rule: AlertRuleRow, now: Date): Promise<Evaluation> {
    const p = withDefaults('term_surge', rule.params);
    const sources = await this.signals.sources(rule.sourceId);
    const starts = sources
      .map((s) => s.historyStart && new Date(s.historyStart).getTime())
      .filter((t): t is number => !!t);
    const historyStart = starts.length ? Math.min(...starts) : null;
    const windows = referenceWindows(now, {
      windowMinutes: p.windowMinutes,
      baselineWeeks: 4,
      timeZone: rule.timeZone,
    });
    const refs = historyStart === null ? null : pickRefs(windows, historyStart);

    const open = await this.alerts.openEpisodes(rule.id);
    const clears = await this.alerts.recentClears(
      rule.id,
      new Date(now.getTime() - rule.cooldownMinutes * 60_000),
    );
    const book = bookFrom(open, clears);
    let current: ItemRow[] = [];
    let readings: ReturnType<typeof readTerms> = [];
    if (refs) {
      current = await this.signals.complaintItems(windows[0].from, now, rule.sourceId);
      const before: ItemRow[][] = [];
      for (const w of refs.windows)
        before.push(await this.signals.complaintItems(w.from, w.to, rule.sourceId));
      const asTerms = (list: ItemRow[]) => list.map((i) => ({ text: i.text, author: i.authorKey }));
      readings = readTerms(asTerms(current), before.map(asTerms), p, refs.mode !== 'weekly');
    }
    // Terms named in an open alert's "along with" are told already.
    const covered = new Set(
      open.flatMap((a) =>
        (a.details.kind === 'term_surge' ? (a.details.relatedKeys ?? []) : []).map(termScope),
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
    const fire: FireDraft[] = plan.fire.map((r) => ({
      kind: 'term_surge',
      scope: r.scope,
      episodic: true,
      channel: 'main',
      details: {
        kind: 'term_surge',
        term: r.label,
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
          q: r.label,
          ...(rule.sourceId ? { sourceId: rule.sourceId } : {}),
          from: windows[0].from.toISOString(),
          to: now.toISOString(),
        },
      },
      samples: r.items.slice(0, 3).map((i) => toSample(current[i])),
    }));
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

/** Weekly refs when two are covered, else daily (three), else the windows just before (two). */
export function pickRefs(
  windows: RefWindow[],
  historyStart: number,
): { mode: string; windows: RefWindow[] } | null {
  const covered = (w: RefWindow) => w.from.getTime() >= historyStart;
  const weekly = windows.filter((w) => w.kind === 'weekly' && w.lag === 0 && covered(w));
  if (weekly.length >= MIN_REFS.weekly) return { mode: 'weekly', windows: weekly };
  const daily = windows.filter((w) => w.kind === 'daily' && w.lag === 0 && covered(w));
  if (daily.length >= MIN_REFS.daily) return { mode: 'daily', windows: daily };
  const recent = windows.filter((w) => w.kind === 'recent' && w.lag <= RECENT_REFS && covered(w));
  if (recent.length >= MIN_REFS.recent) return { mode: 'recent', windows: recent };
  return null;
}
