import { Injectable, Logger } from '@nestjs/common';
import type { RuleKind } from './alert.types';
import { AlertRecorder } from './alert-recorder.service';
import type { AlertRuleRow } from './alert-rules.repository';
import { AlertRulesService } from './alert-rules.service';
import type { Evaluation } from './evaluators/evaluation';
import { HighReachEvaluator } from './evaluators/high-reach.evaluator';
import { SlaEvaluator } from './evaluators/sla.evaluator';
import { SourceHealthEvaluator } from './evaluators/source-health.evaluator';
import { SpikeEvaluator } from './evaluators/spike.evaluator';
import { TagsEvaluator } from './evaluators/tags.evaluator';
import { TermsEvaluator } from './evaluators/terms.evaluator';

export interface RuleRun {
  ruleId: string;
  kind: RuleKind;
  fired: string[];
  cleared: string[];
  /** open incidents that widened to another part of their wave (no message) */
  widened: string[];
  error?: string;
}

/**
 * One evaluation of every enabled rule (the `alerts.evaluate` job, once a minute across the
 * cluster): each rule's evaluator decides, the recorder records. A failing rule is logged and the
 * others still run.
 */
@Injectable()
export class AlertsEvaluationService {
  private readonly log = new Logger('Alerts');
  private readonly evaluators: Record<
    RuleKind,
    { evaluate(rule: AlertRuleRow, now: Date): Promise<Evaluation> }
  >;

  constructor(
    private readonly rules: AlertRulesService,
    private readonly recorder: AlertRecorder,
    spike: SpikeEvaluator,
    terms: TermsEvaluator,
    tags: TagsEvaluator,
    highReach: HighReachEvaluator,
    sla: SlaEvaluator,
    sources: SourceHealthEvaluator,
  ) {
    this.evaluators = {
      negative_spike: spike,
      term_surge: terms,
      tag_surge: tags,
      high_reach: highReach,
      sla,
      source_health: sources,
    };
  }

  async evaluate(now: Date = new Date(), only?: RuleKind[]): Promise<RuleRun[]> {
    const out: RuleRun[] = [];
    for (const rule of await this.rules.enabledRules()) {
      if (only && !only.includes(rule.kind)) continue;
      out.push(await this.evaluateRule(rule, now));
    }
    return out;
  }

  async evaluateRule(rule: AlertRuleRow, now: Date): Promise<RuleRun> {
    const run: RuleRun = { ruleId: rule.id, kind: rule.kind, fired: [], cleared: [], widened: [] };
    try {
      const ev = await this.evaluators[rule.kind].evaluate(rule, now);
      for (const c of ev.clear) {
        await this.recorder.clear(rule, c, now);
        run.cleared.push(c.alert.id);
      }
      for (const w of ev.widen ?? []) {
        await this.recorder.widen(w);
        run.widened.push(w.alert.id);
      }
      for (const f of ev.fire) {
        const row = await this.recorder.fire(rule, f, now);
        if (row) run.fired.push(row.id);
      }
    } catch (err) {
      run.error = err instanceof Error ? err.message : String(err);
      this.log.warn({ err, ruleId: rule.id, kind: rule.kind }, 'alert rule evaluation failed');
    }
    return run;
  }
}
