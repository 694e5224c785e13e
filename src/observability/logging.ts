import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { AppConfig } from '../config/config.schema';
import { isSecretKey, REDACTED, redactSecrets } from './redact';

/** Keys pino hands to serializers (raw req/res/errors); they are redacted there, after serialising. */
const SERIALIZED_KEYS = new Set(['req', 'res', 'err']);

/**
 * pino / pino-http options: JSON lines on stdout, secrets redacted at any depth (see redact.ts),
 * pretty output only for a developer at a terminal. Health probes and metric scrapes are not
 * logged per request (they would drown everything else).
 */
export function pinoHttpOptions(
  config: Pick<AppConfig, 'LOG_LEVEL' | 'NODE_ENV'>,
  opts: { pretty?: boolean } = {},
): Options {
  const pretty =
    opts.pretty ?? (process.stdout.isTTY === true && config.NODE_ENV === 'development' && hasPretty());
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
    serializers: {
      req: (req) => redactSecrets(req),
      res: (res) => redactSecrets(res),
      err: (err) => redactSecrets(err),
    },
    // Also pino's path redaction for the well-known spots, in case a serializer is replaced.
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      censor: REDACTED,
    },
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
    },
    autoLogging: {
      ignore: (req: IncomingMessage) => {
        const url = req.url ?? '';
        return url.startsWith('/health/') || url === '/metrics';
      },
    },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true } } } : {}),
  };
}

/** nestjs-pino accepts options, or options plus a destination (tests capture the stream). */
export function pinoHttpParams(
  config: Pick<AppConfig, 'LOG_LEVEL' | 'NODE_ENV'>,
  destination?: DestinationStream,
): Options | [Options, DestinationStream] {
  return destination ? [pinoHttpOptions(config, { pretty: false }), destination] : pinoHttpOptions(config);
}

function hasPretty(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false; // production installs without devDependencies
  }
}
