import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultAction, FaultBook } from '../shared/faults';
import { RequestLog, TelegramControl } from './control';
import { controlRoutes, matchControl } from './control-routes';
import { SendLimiter } from './limits';
import { createMethods } from './methods';
import { TelegramState } from './state';
import { TgApiError } from './types';
import { UpdateHub, sleep } from './updates';

export interface TelegramEmulatorOptions {
  port?: number;
  host?: string;
  seed?: number;
  /** Long polls are held at most this long, whatever `timeout` asks (keeps CI fast). */
  maxHoldMs?: number;
  /** Telegram's sending limits (1/s per chat, 20/min per group, 30/s); off unless asked. */
  limits?: boolean;
  retryAfterSec?: number;
  webhookTimeoutMs?: number;
  redeliveryMs?: number;
}

export interface TelegramEmulator {
  url: string;
  /** For `new Telegraf(token, {telegram: {apiRoot}})`; ends with `/`. */
  apiRoot: string;
  control: TelegramControl;
  state: TelegramState;
  stop(): Promise<void>;
}

/** Request-level fault actions; `ignore_ack`/`duplicate` are taken inside getUpdates and webhook delivery. */
const REQUEST_FAULTS: FaultAction['type'][] = [
  'api_error',
  'http',
  'delay',
  'commit_then_delay',
  'commit_then_reset',
  'commit_then_http',
  'reset',
];

/** Starts the Telegram Bot API emulator on 127.0.0.1 (port 0 = any free port). */
export async function startTelegramEmulator(opts: TelegramEmulatorOptions = {}): Promise<TelegramEmulator> {
  const state = new TelegramState(opts.seed ?? 1);
  const faults = new FaultBook();
  const limiter = new SendLimiter({ enabled: opts.limits ?? false, retryAfterSec: opts.retryAfterSec ?? 1 });
  const hub = new UpdateHub(state, faults, {
    maxHoldMs: opts.maxHoldMs ?? 500,
    webhookTimeoutMs: opts.webhookTimeoutMs ?? 5000,
    redeliveryMs: opts.redeliveryMs ?? 200,
  });
  state.onUpdate = (bot) => hub.notify(bot);
  const methods = createMethods({ state, hub, limiter });
  hub.runMethod = async (bot, method, params) => methods[method]?.(bot, params, { onClose: () => undefined });
  const log = new RequestLog();
  const control = new TelegramControl({ state, hub, faults, limiter, log });
  const routes = controlRoutes(control);

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const raw = await readBody(req);
    if (url.pathname.startsWith('/__control/')) {
      const found = matchControl(routes, req.method ?? 'GET', url.pathname.slice('/__control/'.length));
      if (!found) return json(res, 404, { error: 'no such control route' });
      try {
        const body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
        return json(res, 200, (await found.route(body, url.searchParams, found.param)) ?? { ok: true });
      } catch (err) {
        const status = err instanceof TgApiError ? err.code : 400;
        return json(res, status, { error: (err as Error).message });
      }
    }

    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!m) return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, methodName] = m;
    let params: Record<string, unknown>;
    try {
      params = { ...Object.fromEntries(url.searchParams), ...parseBody(raw, req.headers['content-type']) };
    } catch {
      return apiError(res, new TgApiError(400, "Bad Request: can't parse JSON object"));
    }
    const bot = state.bots.get(decodeURIComponent(token));
    const entry = log.add(methodName, bot?.user.id, params);
    const reply = (status: number, body: unknown) => {
      entry.status = status;
      json(res, status, body);
    };
    if (!bot) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = methods[methodName] ?? methods[caseInsensitive(methods, methodName)];
    if (!method) return reply(404, { ok: false, error_code: 404, description: 'Not Found' });

    const fault = faults.take(methodName, params, REQUEST_FAULTS);
    if (fault?.type === 'reset') return destroy(req, entry);
    if (fault?.type === 'http') {
      entry.status = fault.status;
      res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'text/html' });
      return void res.end(fault.body ?? `<html><body><h1>${fault.status}</h1></body></html>`);
    }
    if (fault?.type === 'api_error') {
      const retry = fault.retry_after !== undefined ? { retry_after: fault.retry_after } : undefined;
      const description =
        fault.msg ??
        (fault.code === 429 ? `Too Many Requests: retry after ${fault.retry_after ?? 1}` : 'Error');
      return apiError(res, new TgApiError(fault.code, description, retry), entry);
    }
    if (fault?.type === 'delay') await sleep(fault.ms);

    let status = 200;
    let body: unknown;
    try {
      const result = await method(bot, params, { onClose: (cb) => res.on('close', cb) });
      body = { ok: true, result };
    } catch (err) {
      const e = err instanceof TgApiError ? err : new TgApiError(500, 'Internal Server Error');
      status = e.code;
      body = {
        ok: false,
        error_code: e.code,
        description: e.description,
        ...(e.parameters ? { parameters: e.parameters } : {}),
      };
    }
    // The side effects are applied; now the client may never learn of them.
    if (fault?.type === 'commit_then_reset') return destroy(req, entry);
    if (fault?.type === 'commit_then_http') {
      entry.status = fault.status;
      res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'text/html' });
      return void res.end(fault.body ?? `<html><body><h1>${fault.status}</h1></body></html>`);
    }
    if (fault?.type === 'commit_then_delay') await sleep(fault.ms);
    if (res.destroyed || res.writableEnded) return;
    reply(status, body);
  };

  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent && !res.destroyed)
        json(res, 500, { ok: false, error_code: 500, description: String(err) });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host ?? '127.0.0.1'}:${port}`;

  return {
    url,
    apiRoot: `${url}/`,
    control,
    state,
    stop: async () => {
      hub.stop();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON, or form/urlencoded values (objects arrive as JSON strings and are parsed by each method). */
function parseBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  if (!raw.length) return {};
  const text = raw.toString('utf8');
  if ((contentType ?? '').includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  const parsed = JSON.parse(text);
  return parsed && typeof parsed === 'object' ? parsed : {};
}

function caseInsensitive(methods: Record<string, unknown>, name: string): string {
  return Object.keys(methods).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
}

function destroy(req: http.IncomingMessage, entry: { status?: number }): void {
  entry.status = 0;
  req.socket.destroy();
}

function apiError(res: http.ServerResponse, e: TgApiError, entry?: { status?: number }): void {
  if (entry) entry.status = e.code;
  json(res, e.code, {
    ok: false,
    error_code: e.code,
    description: e.description,
    ...(e.parameters ? { parameters: e.parameters } : {}),
  });
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
