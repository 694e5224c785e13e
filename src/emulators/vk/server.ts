/**
 * The VK API emulator's HTTP server: `/method/:name` (form, query or Bearer), `/lp/:groupId`,
 * `/captcha.php` and `/__control/...`. VK's wire format: HTTP 200 with `{response}` or `{error}`.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultAction, FaultBook } from '../shared/faults';
import { ControlNotFound, handleControlRequest, VkControl } from './control';
import { LongPoll } from './longpoll';
import { defaultMessage, invokeMethod } from './methods';
import { runExecute } from './methods/execute';
import { VkApiError, VkState, VkToken } from './state';

export interface VkEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  seed?: number;
  /** Longest Long Poll hold, whatever `wait` asks (VK: 25 s; tests: 200–500 ms). */
  maxHoldMs?: number;
  /** Per-token requests-per-second buckets (error 6). Default true. */
  rateLimits?: boolean;
}

export interface VkEmulator {
  url: string;
  apiBaseUrl: string;
  control: VkControl;
  stop(): Promise<void>;
}

const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const MAIN_KINDS: FaultAction['type'][] = [
  'api_error',
  'http',
  'delay',
  'commit_then_delay',
  'commit_then_reset',
  'commit_then_http',
  'reset',
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startVkEmulator(options: VkEmulatorOptions = {}): Promise<VkEmulator> {
  const seed = options.seed ?? 1;
  const rateLimits = options.rateLimits ?? true;
  const faults = new FaultBook();
  let state = new VkState(seed);
  let longPoll = new LongPoll(state, faults, options.maxHoldMs ?? 25_000);
  const buckets = new Map<string, number[]>();
  const control = new VkControl(
    () => state,
    faults,
    () => longPoll,
    () => {
      longPoll.releaseAll();
      state = new VkState(seed);
      longPoll = new LongPoll(state, faults, options.maxHoldMs ?? 25_000);
      buckets.clear();
    },
  );
  let baseUrl = '';

  function overLimit(token: VkToken): boolean {
    if (!rateLimits) return false;
    const now = Date.now();
    const stamps = (buckets.get(token.token) ?? []).filter((t) => now - t < 1000);
    buckets.set(token.token, stamps);
    if (stamps.length >= token.rps) return true;
    stamps.push(now);
    return false;
  }

  async function handleMethod(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    params: Record<string, string>,
  ) {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && !params.access_token) params.access_token = auth.slice(7).trim();
    const token = state.tokens.get(params.access_token ?? '');
    const { access_token: _t, ...logged } = params;
    const log = (extra: { errorCode?: number; httpStatus?: number }) =>
      state.logRequest({
        at: Date.now(),
        method,
        token: token?.token,
        tokenKind: token?.kind,
        params: logged,
        ...extra,
      });
    const reply = (body: unknown) => {
      if (res.destroyed) return;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const fail = (code: number, msg: string) => {
      log({ errorCode: code });
      const request_params = [
        { key: 'method', value: method },
        ...Object.entries(logged).map(([key, value]) => ({ key, value })),
      ];
      const error: Record<string, unknown> = { error_code: code, error_msg: msg, request_params };
      if (code === 14)
        Object.assign(error, { captcha_sid: '2396', captcha_img: `${baseUrl}/captcha.php?sid=2396` });
      reply({ error });
    };

    let fault = faults.take(method, params, MAIN_KINDS);
    if (fault?.type === 'reset') {
      log({ httpStatus: 0 });
      return void req.socket.destroy();
    }
    if (fault?.type === 'http') {
      log({ httpStatus: fault.status });
      res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'text/html' });
      return void res.end(fault.body ?? BAD_GATEWAY_HTML);
    }
    if (fault?.type === 'api_error') return fail(fault.code, fault.msg ?? defaultMessage(fault.code));
    if (fault?.type === 'delay') {
      await sleep(fault.ms);
      fault = undefined;
    }
    if (!params.v) return fail(8, defaultMessage(8));
    if (!token || token.revoked) return fail(5, defaultMessage(5));
    if (overLimit(token)) return fail(6, defaultMessage(6));

    let body: unknown;
    try {
      const ctx = { state, token, params, baseUrl };
      const inner = (m: string, p: Record<string, string>) => faults.take(m, p, ['api_error']);
      body =
        method === 'execute'
          ? runExecute(ctx, (c, m) => invokeMethod(c, m, inner))
          : { response: invokeMethod(ctx, method) };
    } catch (err) {
      if (err instanceof VkApiError) return fail(err.code, err.msg);
      log({ errorCode: 10 });
      return fail(10, `Internal server error: ${(err as Error).message}`);
    }
    log({});
    if (fault?.type === 'commit_then_reset') return void req.socket.destroy();
    if (fault?.type === 'commit_then_http') {
      res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'text/html' });
      return void res.end(fault.body ?? BAD_GATEWAY_HTML);
    }
    if (fault?.type === 'commit_then_delay') await sleep(fault.ms);
    reply(body);
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://local');
    const raw = await readBody(req);
    const path = url.pathname;
    if (path.startsWith('/method/')) {
      const params: Record<string, string> = Object.fromEntries(url.searchParams);
      const type = req.headers['content-type'] ?? '';
      if (raw && type.includes('application/json')) Object.assign(params, stringify(JSON.parse(raw)));
      else if (raw) Object.assign(params, Object.fromEntries(new URLSearchParams(raw)));
      return handleMethod(req, res, decodeURIComponent(path.slice('/method/'.length)), params);
    }
    const lp = /^\/lp\/(\d+)$/.exec(path);
    if (lp) {
      state.logRequest({
        at: Date.now(),
        method: 'lp.a_check',
        params: { ts: url.searchParams.get('ts') ?? '' },
      });
      return longPoll.handle(Number(lp[1]), url.searchParams, res);
    }
    if (path === '/captcha.php') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end('captcha');
    }
    if (path.startsWith('/__control/')) {
      try {
        const result = handleControlRequest(
          control,
          req.method ?? 'GET',
          path.slice('/__control/'.length),
          raw ? JSON.parse(raw) : {},
          url.searchParams,
        );
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify(result ?? null));
      } catch (err) {
        const status = err instanceof ControlNotFound ? 404 : 400;
        res.writeHead(status, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ error: (err as Error).message }));
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((err) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String((err as Error).message));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

  return {
    url: baseUrl,
    apiBaseUrl: `${baseUrl}/method`,
    control,
    async stop() {
      longPoll.releaseAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function stringify(obj: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(obj).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]),
  );
}
