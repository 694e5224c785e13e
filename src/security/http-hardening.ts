import { HttpException, HttpStatus } from '@nestjs/common';
import type { Socket } from 'node:net';
import { json, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { jsonShapeProblem, type JsonShapeLimits } from './json-shape';

/**
 * How much JSON a route may receive: bytes (checked from Content-Length before anything is read,
 * else while reading) and shape (depth and members, checked on the raw bytes before JSON.parse).
 * Most routes take a few fields; only the webhooks receive batches. Everything after parsing
 * (class-transformer, class-validator, the handlers) costs per member, so these bounds are what
 * keeps one anonymous client from stalling everyone else's requests.
 */
export interface BodyRule extends JsonShapeLimits {
  /** For people: the route(s) as they appear in the API document. */
  routes: string;
  /** Matched against the request path. */
  path: RegExp;
  /** Largest body in bytes. */
  limit: number;
}

const KB = 1024;
/** A form: a few fields, a small calendar or settings object. */
const FORM_SHAPE: JsonShapeLimits = { maxDepth: 10, maxMembers: 500 };

export const BODY_RULES: readonly BodyRule[] = [
  // anonymous: e-mail ≤ 320 and password ≤ 1024 characters, ≤ 3 UTF-8 bytes each
  {
    routes: 'POST /api/auth/login',
    path: /^\/api\/auth\/login$/,
    limit: 8 * KB,
    maxDepth: 1,
    maxMembers: 20,
  },
  // the generic webhook: ≤ 500 items of chat text (docs/webhook-source.md promises 1 MB)
  {
    routes: 'POST /api/ingest/:sourceId',
    path: /^\/api\/ingest\/[^/]*$/,
    limit: 1024 * KB,
    maxDepth: 32,
    maxMembers: 20_000,
  },
  // one VK Callback event or one Telegram update each: far below this
  {
    routes: 'POST /api/webhooks/:platform/:sourceId',
    path: /^\/api\/webhooks\//,
    limit: 256 * KB,
    maxDepth: 32,
    maxMembers: 10_000,
  },
  // texts people write: ≤ 10,000 characters, up to 6 bytes each as \u escapes
  {
    routes: 'POST /api/conversations/:id/{replies,notes}, /api/templates',
    path: /^\/api\/(conversations\/[^/]*\/(replies|notes)|templates(\/[^/]*)?)$/,
    limit: 64 * KB,
    ...FORM_SHAPE,
  },
];
/** Every other route. */
export const DEFAULT_BODY_RULE: BodyRule = {
  routes: 'every other route',
  path: /^/,
  limit: 16 * KB,
  ...FORM_SHAPE,
};

export function bodyRuleFor(path: string): BodyRule {
  return BODY_RULES.find((r) => r.path.test(path)) ?? DEFAULT_BODY_RULE;
}

/**
 * The only body parser: JSON (UTF-8) within the route's rule, the exact bytes kept as
 * `req.rawBody` for the signed webhooks. Any other non-empty body on a write is 415: no route
 * takes forms or text, and a parser nobody needs is only more surface.
 */
export function jsonBodies(): RequestHandler {
  const parsers = new Map<BodyRule, RequestHandler>();
  for (const rule of [...BODY_RULES, DEFAULT_BODY_RULE]) {
    parsers.set(
      rule,
      json({
        limit: rule.limit,
        verify: (req, _res, buf) => {
          (req as Request & { rawBody?: Buffer }).rawBody = buf;
          const problem = jsonShapeProblem(buf, rule);
          if (problem) throw new HttpException(`${problem} (the limit for ${rule.routes})`, 400);
        },
      }),
    );
  }
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || !hasBody(req)) return next();
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type))
      return next(unsupported('send JSON (Content-Type: application/json)'));
    const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(type)?.[1].toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
      return next(unsupported('JSON must be UTF-8'));
    const rule = bodyRuleFor(req.path);
    // Refused from the header alone: answered at once (body-parser would read it all first, to
    // answer only then), then the connection is closed the lingering way.
    const declared = Number(req.headers['content-length']);
    if (declared > rule.limit) {
      closeAfterDraining(req, res, declared);
      return next(tooLarge(rule));
    }
    // Without Content-Length (chunked) the size shows only while reading: body-parser would read
    // the rest of an oversized body to its end before answering, and a client streaming without
    // end would hold the request for as long as it liked. Answered as soon as the limit is passed.
    let answered = false;
    if (req.headers['content-length'] === undefined) {
      let seen = 0;
      const watch = (buf: Buffer) => {
        seen += buf.length;
        if (seen > rule.limit + LINGER.maxBytes) req.socket.destroy();
        else if (seen > rule.limit && !answered) {
          answered = true;
          closeAfterDraining(req, res, seen);
          next(tooLarge(rule));
        }
      };
      // added in the same tick body-parser adds its own 'data' listener: no chunk is missed
      req.on('data', watch);
    }
    parsers.get(rule)!(req, res, (err?: unknown) => {
      if (answered) return;
      next((err as { type?: string } | undefined)?.type === 'entity.too.large' ? tooLarge(rule) : err);
    });
  };
}

/** The bounds of a lingering close (see closeAfterDraining). */
export const LINGER = { maxBytes: 4 * 1024 * KB, maxMs: 5_000 };

/**
 * A lingering close for an answer sent before the body was read. Closing the socket as soon as
 * the answer is written (what Node does for `Connection: close`) while the client is still sending
 * makes the kernel answer the unread bytes with a reset, and a client that had not read the answer
 * yet gets ECONNRESET instead of it. So: the answer with `Connection: close`, then our half of the
 * connection closed (FIN), the rest of the body read and thrown away (Node's parser discards a
 * request nobody reads), and the socket closed once the body is in. A slow client holds the socket
 * for at most LINGER.maxMs; a body declared beyond LINGER.maxBytes gets no lingering at all.
 */
function closeAfterDraining(req: Request, res: Response, declared: number): void {
  res.setHeader('Connection', 'close');
  if (declared > LINGER.maxBytes) return; // closed right after the answer, as Node does
  const socket = req.socket;
  // Node ends a `Connection: close` exchange with destroySoon() once the answer is written.
  socket.destroySoon = function lingeringClose(this: Socket) {
    if (this.writable) this.end(); // FIN after the answer; reading goes on (the server allows half-open)
    const close = () => {
      clearTimeout(timer);
      if (this.writableFinished) this.destroy();
      else this.once('finish', () => this.destroy());
    };
    const timer = setTimeout(() => this.destroy(), LINGER.maxMs).unref();
    this.once('close', () => clearTimeout(timer));
    if (req.complete) close();
    else req.once('end', close);
  };
}

function tooLarge(rule: BodyRule) {
  return new HttpException(
    `The body is larger than ${rule.limit / KB} kB, the limit for ${rule.routes}`,
    HttpStatus.PAYLOAD_TOO_LARGE,
  );
}

function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length']);
  return Number.isFinite(length) && length > 0;
}

function unsupported(message: string) {
  return new HttpException(message, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
}

/** API answers are data, never a page: nothing may run, load or frame from them. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers every answer carries (helmet's essentials, without the dependency). Set before the
 * handlers run, so a route may still override one (the web UI sends its own CSP and caching for
 * its files; the API docs keep only `frame-ancestors`, since Swagger UI runs its own scripts).
 * API answers hold customer data: `no-store` keeps them out of browser and proxy caches.
 */
export function securityHeaders(opts: { hsts: boolean }): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (opts.hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    const path = req.path;
    const docs = path === '/api/docs' || path.startsWith('/api/docs/') || path.startsWith('/api/docs-');
    res.setHeader('Content-Security-Policy', docs ? "frame-ancestors 'none'" : API_CSP);
    if (path.startsWith('/api/') || path === '/metrics') res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
