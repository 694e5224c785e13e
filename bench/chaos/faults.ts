/**
 * The chaos run's fault plan: on every emulated API path, `rate` of the requests (20 % by default)
 * get a fault, spread evenly over every kind that path can have — API errors, 429s, 5xx pages,
 * delays (short ones and ones longer than the client's timeout), dropped connections before and
 * after the platform committed the call, a 5xx after the commit, Long Poll failures and duplicated or unconfirmed update
 * batches. Rules are seeded, so a run is reproducible up to the timing of the processes.
 */
import type { FaultAction, FaultRuleInput } from '../../src/emulators/shared/faults';

export interface FaultPlanOptions {
  rate: number;
  seed: number;
  /** The VK sources' apiTimeoutMs: "timeout" delays are longer than it. */
  vkApiTimeoutMs: number;
  /** Telegram's send timeout in the app (TelegramConnector.sendTimeoutMs, 15 s). */
  tgSendTimeoutMs: number;
}

/** VK methods Otklik calls directly (each gets every request-level kind). */
const VK_METHODS = [
  'execute',
  'wall.get',
  'wall.getComments',
  'wall.createComment',
  'messages.send',
  'messages.getConversations',
  'messages.getHistory',
  'groups.getLongPollServer',
  'groups.getById',
  'users.get',
];
/**
 * Methods that also run inside `execute`, where an `api_error` rule fires per inner call (25 per
 * request): they get no API-error rules, or an `execute` would fail far more often than `rate`.
 */
const VK_INNER = new Set(['wall.getComments', 'messages.getHistory', 'users.get', 'groups.getById']);

const TG_METHODS = ['getUpdates', 'sendMessage', 'getMe', 'deleteWebhook'];

/**
 * Rules so that each kind fires on `rate / kinds` of the matching requests: the FaultBook tries
 * rules in order, so rule i's probability is conditional on the ones before it not firing.
 */
function spread(
  match: FaultRuleInput['match'],
  actions: FaultAction[],
  rate: number,
  seed: number,
): FaultRuleInput[] {
  const share = rate / actions.length;
  return actions.map((action, i) => ({
    match,
    action,
    probability: Math.min(1, share / (1 - i * share)),
    seed: seed + i,
  }));
}

export function vkFaultRules(o: FaultPlanOptions): FaultRuleInput[] {
  const timeout = o.vkApiTimeoutMs + 1000;
  const rules: FaultRuleInput[] = [];
  VK_METHODS.forEach((method, m) => {
    const actions: FaultAction[] = [
      ...(VK_INNER.has(method)
        ? []
        : ([
            { type: 'api_error', code: 10 }, // Internal server error
            { type: 'api_error', code: 1 }, // Unknown error occurred
            { type: 'api_error', code: 6 }, // Too many requests per second (VK's 429)
          ] as FaultAction[])),
      { type: 'http', status: 502 },
      { type: 'http', status: 504, body: 'Gateway Time-out' },
      { type: 'delay', ms: 400 },
      { type: 'delay', ms: timeout }, // the client gives up first; VK still does it
      { type: 'reset' },
      { type: 'commit_then_reset' },
      { type: 'commit_then_delay', ms: timeout },
      { type: 'commit_then_http', status: 502 }, // done, then a 5xx page
    ];
    rules.push(...spread({ method }, actions, o.rate, o.seed * 1000 + m * 20));
  });
  return rules;
}

/** Bots Long Poll: the failed 1/2/3 answers and a batch delivered twice. */
export function vkLongPollRules(o: FaultPlanOptions): FaultRuleInput[] {
  const actions: FaultAction[] = [
    { type: 'lp_failed', code: 1 },
    { type: 'lp_failed', code: 2 },
    { type: 'lp_failed', code: 3 },
    { type: 'duplicate' },
  ];
  return spread({ method: 'a_check' }, actions, o.rate, o.seed * 1000 + 500);
}

export function tgFaultRules(o: FaultPlanOptions): FaultRuleInput[] {
  const rules: FaultRuleInput[] = [];
  TG_METHODS.forEach((method, m) => {
    const actions: FaultAction[] = [
      { type: 'api_error', code: 429, retry_after: 1 },
      { type: 'api_error', code: 502, msg: 'Bad Gateway' },
      { type: 'http', status: 502 },
      { type: 'delay', ms: 400 },
      { type: 'reset' },
      { type: 'commit_then_reset' },
      { type: 'commit_then_http', status: 502 }, // done, then a 5xx page
    ];
    if (method === 'sendMessage') {
      // Longer than the app's send timeout: the message is posted, the answer is lost.
      actions.push({ type: 'delay', ms: o.tgSendTimeoutMs + 1000 });
      actions.push({ type: 'commit_then_delay', ms: o.tgSendTimeoutMs + 1000 });
    }
    if (method === 'getUpdates') {
      // Taken when a poll would confirm earlier updates: the server forgets the confirmation.
      actions.push({ type: 'ignore_ack' }, { type: 'duplicate' });
    }
    rules.push(...spread({ method }, actions, o.rate, o.seed * 1000 + 700 + m * 20));
  });
  return rules;
}
