/**
 * Fault rules shared by the VK and Telegram emulators (POST /__control/faults).
 * A rule matches a request by method (and optionally other params), fires `times` times
 * (or forever when omitted), optionally with a probability drawn from a seeded generator,
 * so chaos runs are reproducible.
 */
import { seededRandom } from '../../common/seeded-random';

export { seededRandom };

export type FaultAction =
  | { type: 'api_error'; code: number; msg?: string; retry_after?: number }
  | { type: 'http'; status: number; body?: string; contentType?: string }
  | { type: 'delay'; ms: number }
  | { type: 'commit_then_delay'; ms: number }
  | { type: 'commit_then_reset' }
  /** The call takes effect (a message is posted), then the answer is this HTTP status (e.g. a 502 page). */
  | { type: 'commit_then_http'; status: number; body?: string; contentType?: string }
  | { type: 'reset' }
  | { type: 'lp_failed'; code: 1 | 2 | 3 }
  | { type: 'duplicate'; n?: number }
  | { type: 'ignore_ack'; n?: number };

export interface FaultRule {
  id: number;
  match: { method?: string; [param: string]: unknown };
  times?: number;
  probability?: number;
  seed?: number;
  action: FaultAction;
  fired: number;
}

export type FaultRuleInput = Omit<FaultRule, 'id' | 'fired'>;

export class FaultBook {
  private rules: FaultRule[] = [];
  private nextId = 1;
  private readonly rngs = new Map<number, () => number>();

  add(input: FaultRuleInput): FaultRule {
    if (!input || typeof input !== 'object' || !input.action || typeof input.action.type !== 'string') {
      throw new Error('fault rule needs an action with a type');
    }
    const rule: FaultRule = { ...input, match: input.match ?? {}, id: this.nextId++, fired: 0 };
    this.rules.push(rule);
    this.rngs.set(rule.id, seededRandom(input.seed ?? rule.id));
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
    this.rngs.clear();
  }

  /**
   * Returns the first live rule matching this call and counts it as fired.
   * `kinds` limits the search to some action types (e.g. only `lp_failed` on the long-poll path).
   */
  take(
    method: string,
    params: Record<string, unknown> = {},
    kinds?: FaultAction['type'][],
  ): FaultAction | undefined {
    for (const rule of this.rules) {
      if (rule.times !== undefined && rule.fired >= rule.times) continue;
      if (kinds && !kinds.includes(rule.action.type)) continue;
      if (!matches(rule.match, method, params)) continue;
      if (rule.probability !== undefined && this.rngs.get(rule.id)!() >= rule.probability) continue;
      rule.fired++;
      return rule.action;
    }
    return undefined;
  }
}

function matches(match: FaultRule['match'], method: string, params: Record<string, unknown>): boolean {
  for (const [key, expected] of Object.entries(match)) {
    if (key === 'method') {
      if (expected !== undefined && expected !== '*' && expected !== method) return false;
      continue;
    }
    if (String(params[key]) !== String(expected)) return false;
  }
  return true;
}
