import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { stdSerializers, type DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { AppConfig } from '../config/config.schema';
import { isSecretKey, REDACTED, redactSecrets } from './redact';

/** Keys pino hands to serializers (raw req/res/errors); they are redacted there, after serialising. */
const SERIALIZED_KEYS = new Set(['req', 'res', 'err']);

/** A random prefix per process start, so ids from different instances or restarts never meet. */
const REQUEST_ID_PREFIX = randomBytes(6).toString('hex');
let requestSeq = 0;

/**
 * A request's id when the caller sent none: this process's prefix and a counter (a random UUID
 * per request cost ~2 % of the API's CPU on cached queue pages, and an id only has to be unique).
 */
export function nextRequestId(): string {
  return `${REQUEST_ID_PREFIX}-${(++requestSeq).toString(36)}`;
}

/** Whether a person is watching stdout (a terminal), rather than a log shipper reading a pipe. */
export function stdoutIsTerminal(): boolean {
  return process.stdout.isTTY === true;
}

/** A request's path, without the query string (which may carry what people searched for). */
function pathOf(url: string | undefined): string {
  const u = url ?? '';
  const q = u.indexOf('?');
  return q < 0 ? u : u.slice(0, q);
}

/**
 * pino / pino-http options: JSON lines on stdout (the default, for log shippers), pretty lines
 * when stdout is a terminal; secrets redacted at any depth (see redact.ts). A request is one
 * line at info — method, path, status and time — never its headers (a browser polling every few
 * seconds would write them all each time). Health probes and metric scrapes are not logged per
 * request (they would drown everything else).
 */
export function pinoHttpOptions(config: Pick<AppConfig, 'LOG_LEVEL' | 'NODE_ENV'>): Options {
  return {
    level: config.LOG_LEVEL,
    formatters: {
      log: (record) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(record)) {
          out[k] = isSecretKey(k) ? REDACTED : SERIALIZED_KEYS.has(k) ? v : redactSecrets(v);
        }
        return out;
      },
    },
    // Ours see the raw request and response (pino-http would first copy each into pino's standard
    // shape, headers and all, per request, only for these to keep three fields of it).
    wrapSerializers: false,
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string; originalUrl?: string }) => ({
        id: req.id,
        method: req.method,
        url: pathOf(req.originalUrl ?? req.url),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (err) => redactSecrets(stdSerializers.err(err)),
    },
    customSuccessMessage: (req, res, responseTime) =>
      `${req.method} ${pathOf(req.url)} ${res.statusCode} ${Math.round(responseTime)} ms`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req.url)} ${res.statusCode} failed`,
    // Also pino's path redaction for the well-known spots, in case a serializer is replaced.
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      censor: REDACTED,
    },
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : nextRequestId();
    },
    autoLogging: {
      ignore: (req: IncomingMessage) => {
        const url = req.url ?? '';
        return url.startsWith('/health/') || url === '/metrics';
      },
    },
  };
}

/** Pretty-printed lines for a person at the terminal: what the request line's message says is not repeated. */
const PRETTY_OPTIONS = {
  singleLine: true,
  translateTime: 'SYS:HH:MM:ss.l',
  ignore: 'pid,hostname,req,res,responseTime',
};

/**
 * nestjs-pino takes options, or options plus a destination: the tests' capture stream, or at a
 * terminal pino-pretty in this thread (written in order with what main.ts prints itself).
 */
export function pinoHttpParams(
  config: Pick<AppConfig, 'LOG_LEVEL' | 'NODE_ENV'>,
  destination?: DestinationStream,
): Options | [Options, DestinationStream] {
  const options = pinoHttpOptions(config);
  if (destination) return [options, destination];
  const pretty = prettyStream();
  return pretty ? [options, pretty] : options;
}

/** pino-pretty to stdout when stdout is a terminal and pino-pretty is installed (a dev dependency). */
export function prettyStream(): DestinationStream | undefined {
  if (!stdoutIsTerminal()) return undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('pino-pretty') as (o: object) => DestinationStream;
    return pretty({ ...PRETTY_OPTIONS, sync: true });
  } catch {
    return undefined; // production installs without devDependencies
  }
}
