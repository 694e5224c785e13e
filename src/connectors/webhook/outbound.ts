/**
 * Replies of a generic webhook source: POSTed to the source's `settings.outboundUrl`, signed like
 * inbound items (HMAC-SHA256 over `<timestamp>.<raw body>`), with the reply id as the delivery id
 * the receiver dedupes by (docs/webhook-source.md). Because the receiver dedupes, a send whose
 * answer was lost may be repeated: timeouts, resets, 408 and 5xx are `temporary` (the outbox
 * retries with backoff), 429 waits its Retry-After, any other answer is the receiver refusing
 * this reply (`rejected`). Redirects are not followed.
 *
 * The address is an admin's choice, so it cannot be used to reach inside the network: it must be
 * https, and a host that is or resolves to a loopback, private or link-local address is refused
 * (checked at connect time, so a DNS answer cannot change it afterwards) — unless custom API URLs
 * are allowed (ALLOW_CUSTOM_API_URLS: demo mode and tests, where the receiver is local).
 */
import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { ConnectorError, OutgoingReply, SendResult } from '../connector';
import { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature';

export const DELIVERY_HEADER = 'x-otklik-delivery';
const MAX_ANSWER_BYTES = 64 * 1024;
const MAX_RETRY_AFTER_MS = 3600_000;

export interface OutboundOptions {
  /** Private, loopback and plain-http addresses allowed (ALLOW_CUSTOM_API_URLS). */
  allowPrivate: boolean;
  timeoutMs: number;
}

/** The JSON a receiver gets for a reply (documented in docs/webhook-source.md). */
export interface OutboundReply {
  type: 'reply';
  /** The reply's id: the same on every attempt; receivers dedupe by it. */
  id: string;
  sourceId: string;
  text: string;
  inReplyTo: { id: string; threadId: string; kind: string };
  sentAt: string;
}

/** What is wrong with an outbound URL, as one sentence, or null. */
export function outboundUrlProblem(value: unknown, allowPrivate: boolean): string | null {
  if (typeof value !== 'string') return 'settings.outboundUrl must be a URL';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'settings.outboundUrl must be a URL';
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:'))
    return 'settings.outboundUrl must be an https URL';
  if (url.username || url.password) return 'settings.outboundUrl must not contain a user name or password';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (host === 'localhost' || (isIP(host) && isPrivateAddress(host))))
    return 'settings.outboundUrl must be a public address';
  return null;
}

/** Loopback, private, link-local, CGNAT, unspecified and multicast addresses (IPv4 and IPv6). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]);
  if (isIP(address) === 4) {
    const [a, b] = address.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  const v6 = address.toLowerCase();
  return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || /^ff/.test(v6);
}

export function outboundBody(sourceId: string, reply: OutgoingReply, now = new Date()): OutboundReply {
  return {
    type: 'reply',
    id: reply.replyId,
    sourceId,
    text: reply.text,
    inReplyTo: {
      id: reply.inReplyTo.externalId,
      threadId: reply.inReplyTo.threadExternalId,
      kind: reply.inReplyTo.kind,
    },
    sentAt: now.toISOString(),
  };
}

/** POSTs one reply; resolves with the receiver's message id (or ours), or throws a ConnectorError. */
export async function postReply(
  target: { url: string; secret: string; sourceId: string },
  reply: OutgoingReply,
  opts: OutboundOptions,
): Promise<SendResult> {
  const problem = outboundUrlProblem(target.url, opts.allowPrivate);
  if (problem) throw new ConnectorError('configuration', problem);
  const raw = Buffer.from(JSON.stringify(outboundBody(target.sourceId, reply)), 'utf8');
  const timestamp = String(Math.floor(Date.now() / 1000));
  const answer = await request(
    new URL(target.url),
    raw,
    {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Otklik-Webhook/1',
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: signWebhook(target.secret, raw, timestamp),
      [DELIVERY_HEADER]: reply.replyId,
      'idempotency-key': reply.replyId,
    },
    opts,
  );
  const status = answer.status;
  if (status >= 200 && status < 300)
    return { platformMessageId: receiverId(answer.body) ?? `webhook:${reply.replyId}` };
  const what = `the outbound webhook answered HTTP ${status}`;
  if (status === 429)
    throw new ConnectorError('rate_limited', what, retryAfterMs(answer.retryAfter), { code: status });
  if (status === 408 || status >= 500)
    throw new ConnectorError('temporary', what, undefined, { code: status });
  if (status >= 300 && status < 400)
    throw new ConnectorError('rejected', `${what} (a redirect: not followed)`);
  throw new ConnectorError('rejected', what, undefined, { code: status });
}

function receiverId(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { id?: unknown };
    if (typeof parsed?.id === 'string' && parsed.id.length > 0 && parsed.id.length <= 200) return parsed.id;
    if (typeof parsed?.id === 'number' && Number.isFinite(parsed.id)) return String(parsed.id);
  } catch {
    // an empty or non-JSON 2xx is fine: delivered, with our own id
  }
  return undefined;
}

function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : new Date(header).getTime() - Date.now();
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : undefined;
}

interface Answer {
  status: number;
  body: string;
  retryAfter?: string;
}

function request(
  url: URL,
  body: Buffer,
  headers: Record<string, string>,
  opts: OutboundOptions,
): Promise<Answer> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Answer>((resolve, reject) => {
    const fail = (why: string, cause?: unknown) =>
      reject(
        new ConnectorError(
          'temporary',
          `the outbound webhook could not be reached: ${why}`,
          undefined,
          cause,
        ),
      );
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(body.length) },
        timeout: opts.timeoutMs,
        agent: false,
        lookup: opts.allowPrivate ? undefined : publicOnlyLookup,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(c);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            retryAfter: res.headers['retry-after'] as string | undefined,
          }),
        );
        res.on('error', (err) => fail(err.message, err));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
    req.on('error', (err) => {
      if (err instanceof ConnectorError) reject(err);
      else fail(err.message, err);
    });
    req.end(body);
  });
}

/** DNS that refuses private answers: the check happens on the address actually connected to. */
function publicOnlyLookup(
  hostname: string,
  options: object,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const list = addresses as LookupAddress[];
    if (list.some((a) => isPrivateAddress(a.address)))
      return callback(
        new ConnectorError('configuration', 'settings.outboundUrl resolves to a private address') as never,
        [],
      );
    if ((options as { all?: boolean }).all) return callback(null, list);
    callback(null, list[0].address, list[0].family);
  });
}
