import { Injectable } from '@nestjs/common';
import type { SpikeDetails } from '../alert.types';
import type { AlertRuleRow } from '../alert-rules.repository';
import { AlertSignalsRepository, SourceInfo } from '../alert-signals.repository';
import { AlertsRepository } from '../alerts.repository';
import { WindowCount } from '../detection/baseline';
import { planSpikes, readScopes, SourceSeries, SpikeFire, spikeWindows } from '../detection/spike';
import { withDefaults } from '../rule-params';
import {
  bookFrom,
  ClearDraft,
  Evaluation,
  FireDraft,
  minutesBetween,
  overallLabel,
  platformLabel,
  toSample,
} from './evaluation';

/** Negative spikes per source, platform and overall (detection/spike.ts on the rule's data). */
@Injectable()
export class SpikeEvaluator {
  constructor(
    private readonly signals: AlertSignalsRepository,
    private readonly alerts: AlertsRepository,
  ) {}

  async evaluate(rule: AlertRuleRow, now: Date): Promise<Evaluation> {
    const p = withDefaults('negative_spike', rule.params);
    const sources = await this.signals.sources(rule.sourceId);
    const windows = spikeWindows(now, p, rule.timeZone);
    // Past days of the other kind (weekend against a working day) are only read when some source
    // lacks two weeks of history: only the daily fallback uses them.
    const needDaily = sources.some(
      (s) =>
        !s.historyStart || new Date(s.historyStart).getTime() > now.getTime() - (2 * 7 * 24 + 6) * 3600_000,
    );
    const wanted = windows
      .map((w, i) => ({ w, i }))
      .filter(({ w }) => needDaily || w.kind !== 'daily' || w.sameKindOfDay);
    const fetched = sources.length
      ? await this.signals.windowCounts(
          wanted.map((x) => x.w),
          rule.sourceId,
        )
      : [];
    const rows = fetched.map((r) => ({ ...r, i: wanted[r.i].i }));
    const counts = new Map<string, WindowCount[]>(
      sources.map((s) => [s.id, windows.map(() => ({ total: 0, negative: 0 }))]),
    );
    for (const r of rows) {
      const list = counts.get(r.sourceId);
      if (list) list[r.i] = { total: r.total, negative: r.negative };
    }
    const series: SourceSeries[] = sources.map((s) => ({
      sourceId: s.id,
      platform: s.platform,
      historyStart: s.historyStart ? new Date(s.historyStart) : null,
      counts: counts.get(s.id)!,
    }));
    const readings = readScopes(windows, series, p);
    const open = await this.alerts.openEpisodes(rule.id);
    const clears = await this.alerts.recentClears(
      rule.id,
      new Date(now.getTime() - rule.cooldownMinutes * 60_000),
    );
    const covers = await this.alerts.recentClearCovers(
      rule.id,
      new Date(now.getTime() - rule.cooldownMinutes * 60_000),
    );
    // an open incident's covered scopes come with it; a cleared one's through its cooldown
    for (const a of open) {
      if (a.details.kind === 'negative_spike' && a.details.covers) covers.set(a.scope, a.details.covers);
    }
    const book = { ...bookFrom(open, clears), covers };
    const plan = planSpikes(readings, book, now, {
      cooldownMinutes: rule.cooldownMinutes,
      windowMinutes: p.windowMinutes,
    });

    const byId = new Map(sources.map((s) => [s.id, s]));
    const from = windows[0].from;
    const fire: FireDraft[] = [];
    for (const r of plan.fire) {
      const ids = this.sourcesOf(r.scope, sources);
      const samples = (await this.signals.negativeSamples(ids, from, now)).map(toSample);
      fire.push({
        kind: 'negative_spike',
        scope: r.scope,
        episodic: true,
        channel: 'main',
        details: this.details(r, rule, byId, from, now, p.windowMinutes),
        samples,
      });
    }
    const clear: ClearDraft[] = plan.clear.map((c) => ({
      alert: book.alerts.get(c.scope)!,
      clear: {
        durationMinutes: minutesBetween(new Date(book.alerts.get(c.scope)!.firedAt), now),
        ...(c.reading ? { observed: c.reading.observed.negative, expected: round1(c.reading.expected) } : {}),
      },
    }));
    const widen = plan.widen
      .filter((w) => book.alerts.has(w.scope))
      .map((w) => ({ alert: book.alerts.get(w.scope)!, covers: w.covers }));
    return { fire, clear, widen };
  }

  private sourcesOf(scope: string, sources: SourceInfo[]): string[] {
    if (scope.startsWith('source:')) return [scope.slice('source:'.length)];
    if (scope.startsWith('platform:')) {
      const p = scope.slice('platform:'.length);
      return sources.filter((s) => s.platform === p).map((s) => s.id);
    }
    return sources.map((s) => s.id);
  }

  private details(
    r: SpikeFire,
    rule: AlertRuleRow,
    byId: Map<string, SourceInfo>,
    from: Date,
    to: Date,
    windowMinutes: number,
  ): SpikeDetails {
    const lang = rule.language;
    const label = (scope: string) => {
      if (scope.startsWith('source:')) return byId.get(scope.slice(7))?.name ?? scope;
      if (scope.startsWith('platform:')) return platformLabel(scope.slice(9), lang);
      return overallLabel(lang);
    };
    const sourceId = r.scope.startsWith('source:') ? r.scope.slice(7) : undefined;
    const platform = r.scope.startsWith('platform:') ? r.scope.slice(9) : undefined;
    return {
      kind: 'negative_spike',
      scope: r.scope,
      scopeLabel: label(r.scope),
      windowMinutes,
      observed: r.observed.negative,
      total: r.observed.total,
      expected: round1(r.expected),
      ratio: round1(r.ratio),
      share: r.share === null ? null : round3(r.share),
      baselineShare: r.baselineShare === null ? null : round3(r.baselineShare),
      pValue: r.pValue,
      baselineMode: r.baseline.mode,
      parts: r.parts
        .filter((x) => x.observed > 0)
        .slice(0, 5)
        .map((x) => ({ label: label(x.scope), observed: x.observed, expected: round1(x.expected) })),
      wider: r.wider.map((x) => ({
        label: label(x.scope),
        observed: x.observed,
        expected: round1(x.expected),
      })),
      covers: r.covers,
      filter: {
        view: 'inbox',
        status: 'all',
        sentiment: 'negative',
        ...(sourceId ? { sourceId } : {}),
        ...(platform ? { platform } : {}),
        from: from.toISOString(),
        to: to.toISOString(),
      },
    };
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
