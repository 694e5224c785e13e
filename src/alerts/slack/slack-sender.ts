/**
 * Posts a message to a Slack incoming webhook with Slack's own client (@slack/webhook, no retries
 * of its own: retries belong to the delivery job, which records each attempt first), and says
 * what happened in terms the exactly-once bookkeeping needs. Never puts the URL, which is the
 * secret, into an error or a log line.
 */
import { ErrorCode, type FetchFunction, IncomingWebhook } from '@slack/webhook';
import type { SlackMessage } from './block-kit';

export type SendOutcome =
  /** Slack (or the receiver) accepted it */
  | { kind: 'sent'; status: number }
  /** surely not accepted: 5xx, 429, or no connection at all — safe to try again */
  | { kind: 'retry'; status?: number; error: string }
  /** refused for good: 4xx (no such hook, archived channel, bad payload) */
  | { kind: 'failed'; status?: number; error: string }
  /** the request may have arrived (timeout or a reset after sending): never sent again by itself */
  | { kind: 'unknown'; error: string };

/** Errors that happen before a single byte reached the server. */
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_INVALID_URL',
]);

export class SlackSender {
  constructor(private readonly timeoutMs = 10_000) {}

  async send(url: string, message: SlackMessage): Promise<SendOutcome> {
    const hook = new IncomingWebhook(url, {
      timeout: this.timeoutMs,
      retryConfig: { retries: 0 },
      fetch: keepCause,
    });
    try {
      await hook.send({
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      return { kind: 'sent', status: 200 };
    } catch (err) {
      return classifySlackError(err);
    }
  }
}

/**
 * fetch, with its failure rethrown as an Error of this realm carrying the network code and name:
 * the library keeps only `instanceof Error` failures intact (a fetch error from another realm, as
 * under a test runner, would reach us as a bare string).
 */
const keepCause: FetchFunction = async (input, init) => {
  try {
    return await fetch(input, init as RequestInit);
  } catch (err) {
    const portable = new Error(err instanceof Object && 'message' in err ? String(err.message) : String(err));
    portable.name = (err as { name?: string })?.name ?? 'Error';
    const code = errorCode(err);
    if (code) (portable as { code?: string }).code = code;
    const cause = (err as { cause?: { message?: unknown } })?.cause;
    if (cause?.message) portable.cause = { message: String(cause.message) };
    throw portable;
  }
};

export function classifySlackError(err: unknown): SendOutcome {
  // By the library's error codes rather than instanceof (a second copy of the module, as test
  // runners load them, would not match).
  const e = err as { code?: unknown; statusCode?: unknown; body?: unknown; original?: unknown };
  if (e?.code === ErrorCode.HTTPError && typeof e.statusCode === 'number') {
    const status = e.statusCode;
    const what = `HTTP ${status}${slackWord(e.body)}`;
    if (status >= 500 || status === 429 || status === 408) return { kind: 'retry', status, error: what };
    return { kind: 'failed', status, error: what };
  }
  const original = e?.code === ErrorCode.RequestError ? e.original : err;
  const code = errorCode(original);
  // fetch refuses some ports outright (the "bad ports" of the Fetch standard): never connects.
  if (causeMessages(original).includes('bad port'))
    return { kind: 'failed', error: 'the webhook address uses a port that fetch refuses' };
  if (code && NOT_CONNECTED.has(code)) return { kind: 'retry', error: `no connection (${code})` };
  if (isTimeout(original))
    return { kind: 'unknown', error: 'no answer in time (the message may have arrived)' };
  return {
    kind: 'unknown',
    error: `connection broke (${code ?? 'network error'}; the message may have arrived)`,
  };
}

/** Slack answers errors with one snake_case word (invalid_payload, no_service, channel_is_archived). */
function slackWord(body: unknown): string {
  const s = typeof body === 'string' ? body.trim() : '';
  return /^[a-z_]{2,64}$/.test(s) ? `: ${s}` : '';
}

function errorCode(err: unknown): string | undefined {
  for (let e: any = err, depth = 0; e && depth < 4; e = e.cause, depth++) {
    if (typeof e.code === 'string' && !e.code.startsWith('slack_')) return e.code;
  }
  return undefined;
}

function causeMessages(err: unknown): string[] {
  const out: string[] = [];
  for (let e: any = err, depth = 0; e && depth < 4; e = e.cause, depth++) out.push(String(e.message ?? ''));
  return out;
}

function isTimeout(err: unknown): boolean {
  for (let e: any = err, depth = 0; e && depth < 4; e = e.cause, depth++) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError' || e.code === 'UND_ERR_HEADERS_TIMEOUT')
      return true;
  }
  return false;
}
