/**
 * Each rule kind's parameters: defaults, and the checks an admin's input must pass (plain
 * TypeScript; the DTO calls `paramsProblems`, the services `withDefaults`).
 */
import type { RuleKind } from './alert.types';
import { DEFAULT_HIGH_REACH_PARAMS, HighReachParams } from './detection/high-reach';
import { DEFAULT_SOURCE_WATCH_PARAMS, SourceWatchParams } from './detection/source-watch';
import { DEFAULT_SPIKE_PARAMS, SpikeParams } from './detection/spike';
import { DEFAULT_TAG_PARAMS, TagParams } from './detection/tags';
import { DEFAULT_TERM_PARAMS, TermParams, termKey } from './detection/terms';

export interface SlaRuleParams {
  /** one message per this many minutes, with everything that came due in it */
  windowMinutes: number;
  /** which SLA events count: warning_80 / warning_50 are "due soon", breach is "breached" */
  events: ('warning_50' | 'warning_80' | 'breach')[];
  /** a breach still unanswered this long goes to the lead channel (0: never) */
  escalateAfterMinutes: number;
}

export const DEFAULT_SLA_RULE_PARAMS: SlaRuleParams = {
  windowMinutes: 5,
  events: ['warning_80', 'breach'],
  escalateAfterMinutes: 30,
};

export interface ParamsByKind {
  negative_spike: SpikeParams;
  term_surge: TermParams;
  tag_surge: TagParams;
  high_reach: HighReachParams;
  sla: SlaRuleParams;
  source_health: SourceWatchParams;
}

export const DEFAULT_PARAMS: { [K in RuleKind]: ParamsByKind[K] } = {
  negative_spike: DEFAULT_SPIKE_PARAMS,
  term_surge: DEFAULT_TERM_PARAMS,
  tag_surge: DEFAULT_TAG_PARAMS,
  high_reach: DEFAULT_HIGH_REACH_PARAMS,
  sla: DEFAULT_SLA_RULE_PARAMS,
  source_health: DEFAULT_SOURCE_WATCH_PARAMS,
};

type Check = (v: unknown) => string | null;
const num =
  (min: number, max: number, int = false): Check =>
  (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!int || Number.isInteger(v))
      ? null
      : `must be ${int ? 'a whole number' : 'a number'} from ${min} to ${max}`;
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? null : `must be one of ${values.join(', ')}`;
const listOf =
  (values: string[], min = 1): Check =>
  (v) =>
    Array.isArray(v) && v.length >= min && v.every((x) => values.includes(x)) && new Set(v).size === v.length
      ? null
      : `must be a list of ${values.join(', ')} (no repeats, at least ${min})`;
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');
const phrases: Check = (v) =>
  Array.isArray(v) &&
  v.length <= 50 &&
  v.every((p) => typeof p === 'string' && p.length <= 60 && termKey(p) !== null)
    ? null
    : 'must be up to 50 phrases of one or two words';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const tagIds: Check = (v) =>
  Array.isArray(v) && v.length <= 100 && v.every((x) => typeof x === 'string' && UUID.test(x))
    ? null
    : 'must be a list of up to 100 tag ids';

const CHECKS: { [K in RuleKind]: Record<keyof ParamsByKind[K], Check> } = {
  negative_spike: {
    windowMinutes: num(10, 24 * 60, true),
    baselineWeeks: num(1, 12, true),
    minNegatives: num(1, 10_000, true),
    minRatio: num(1, 100),
    minShareLift: num(0, 10),
    sensitivity: oneOf('low', 'medium', 'high'),
    clearRatio: num(1, 100),
    scopes: listOf(['overall', 'platform', 'source']),
  },
  term_surge: {
    windowMinutes: num(10, 24 * 60, true),
    minCount: num(2, 10_000, true),
    minAuthors: num(1, 10_000, true),
    minRatio: num(1, 100),
    sensitivity: oneOf('low', 'medium', 'high'),
    watch: phrases,
    discover: bool,
    maxAlertsPerRun: num(1, 10, true),
    clearRatio: num(1, 100),
  },
  tag_surge: {
    windowMinutes: num(10, 24 * 60, true),
    minCount: num(2, 10_000, true),
    minAuthors: num(1, 10_000, true),
    minRatio: num(1, 100),
    sensitivity: oneOf('low', 'medium', 'high'),
    tags: tagIds,
    maxAlertsPerRun: num(1, 10, true),
    clearRatio: num(1, 100),
  },
  high_reach: {
    minReach: num(1, 10_000_000, true),
    lookbackHours: num(1, 7 * 24, true),
  },
  sla: {
    windowMinutes: num(1, 24 * 60, true),
    events: listOf(['warning_50', 'warning_80', 'breach']),
    escalateAfterMinutes: num(0, 7 * 24 * 60, true),
  },
  source_health: {
    silentMinutes: num(10, 30 * 24 * 60, true),
  },
};

/** Problems with a (partial) params object for a kind; [] when it is fine. */
export function paramsProblems(kind: RuleKind, params: unknown): string[] {
  if (params === undefined) return [];
  if (!params || typeof params !== 'object' || Array.isArray(params)) return ['params must be an object'];
  const checks = CHECKS[kind] as Record<string, Check>;
  const out: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    const check = checks[key];
    if (!check) out.push(`params.${key} is not a setting of ${kind} rules`);
    else {
      const problem = check(value);
      if (problem) out.push(`params.${key} ${problem}`);
    }
  }
  return out;
}

/** The stored (partial) params over the kind's defaults. */
export function withDefaults<K extends RuleKind>(kind: K, params: unknown): ParamsByKind[K] {
  const stored = params && typeof params === 'object' && !Array.isArray(params) ? params : {};
  return { ...DEFAULT_PARAMS[kind], ...stored } as ParamsByKind[K];
}
