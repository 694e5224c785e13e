/**
 * The YouTube emulator's HTTP server: the Data API v3 under `/youtube/v3/…` (JSON, Google's error
 * format), Google's OAuth 2 token endpoint at `/token`, and `/__control/…`. Fault rules name the
 * API method (`commentThreads.list`, `comments.insert`, …, `token`); an `api_error` rule answers
 * with its `code` as the HTTP status and its `msg` as the error reason (`quotaExceeded`,
 * `rateLimitExceeded`, `backendError`, …).
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultAction, FaultBook } from '../shared/faults';
import { authorise, charge, insertComment, listChannels, listComments, listCommentThreads } from './api';
import { ControlNotFound, handleControlRequest, YouTubeControl } from './control';
import { YouTubeState } from './state';
import { errorBody, YtApiError } from './types';

export interface YouTubeEmulatorOptions {
  port?: number;
  host?: string;
  seed?: number;
}

export interface YouTubeEmulator {
  url: string;
  /** For the source's `apiBaseUrl` (ends in /youtube/v3). */
  apiBaseUrl: string;
  /** For the source's `tokenUrl`. */
  tokenUrl: string;
  control: YouTubeControl;
  stop(): Promise<void>;
}

const ROUTES: Record<string, string> = {
  'GET channels': 'channels.list',
  'GET commentThreads': 'commentThreads.list',
  'GET comments': 'comments.list',
  'POST comments': 'comments.insert',
};

const REQUEST_FAULTS: FaultAction['type'][] = [
  'api_error',
  'http',
  'delay',
  'commit_then_delay',
  'commit_then_reset',
  'commit_then_http',
  'reset',
];

const MESSAGES: Record<string, string> = {
  quotaExceeded:
    'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
  rateLimitExceeded: 'The request cannot be completed because you have exceeded your rate limit.',
  backendError: 'Backend Error',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startYouTubeEmulator(options: YouTubeEmulatorOptions = {}): Promise<YouTubeEmulator> {
  const seed = options.seed ?? 1;
  const faults = new FaultBook();
  let state = new YouTubeState(seed);
  const control = new YouTubeControl(
    () => state,
    faults,
    () => (state = new YouTubeState(seed)),
  );

  const json = (res: ServerResponse, status: number, body: unknown) => {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(body));
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string, url: URL, raw: string) {
    const params = Object.fromEntries(url.searchParams);
    delete params.access_token;
    let status = 200;
    let reason: string | undefined;
    let cost = 0;
    let clientId: string | undefined;
    const log = () => state.logRequest({ at: Date.now(), method, params, status, reason, cost, clientId });
    const fail = (err: YtApiError) => {
      status = err.code;
      reason = err.reason;
      log();
      json(res, err.code, errorBody(err));
    };
    let fault = faults.take(method, params, REQUEST_FAULTS);
    if (fault?.type === 'reset') {
      status = 0;
      log();
      return void req.socket.destroy();
    }
    if (fault?.type === 'http') {
      status = fault.status;
      log();
      res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'text/html' });
      return void res.end(fault.body ?? '<html><body>Error</body></html>');
    }
    if (fault?.type === 'api_error') {
      const why = fault.msg ?? 'backendError';
      return fail(
        new YtApiError(
          fault.code,
          why,
          MESSAGES[why] ?? why,
          why === 'quotaExceeded' ? 'youtube.quota' : 'global',
        ),
      );
    }
    if (fault?.type === 'delay') {
      await sleep(fault.ms);
      fault = undefined;
    }
    let body: unknown;
    try {
      const auth = req.headers.authorization;
      const token = auth?.startsWith('Bearer ')
        ? auth.slice(7).trim()
        : (url.searchParams.get('access_token') ?? undefined);
      const { grant, client } = authorise(state, token);
      clientId = client.clientId;
      cost = charge(state, client.clientId, method);
      let parsed: unknown = undefined;
      if (raw) {
        try {
          parsed = JSON.parse(raw);
        } catch {
          throw new YtApiError(400, 'parseError', 'Parse Error', 'global');
        }
      }
      const call = { method, query: url.searchParams, body: parsed, token };
      body =
        method === 'channels.list'
          ? listChannels(state, call, grant.channelId)
          : method === 'commentThreads.list'
            ? listCommentThreads(state, call, grant.channelId)
            : method === 'comments.list'
              ? listComments(state, call, grant.channelId)
              : insertComment(state, call, grant.channelId);
    } catch (err) {
      if (err instanceof YtApiError) return fail(err);
      throw err;
    }
    log();
    if (fault?.type === 'commit_then_reset') return void req.socket.destroy();
    if (fault?.type === 'commit_then_http') {
      res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'text/html' });
      return void res.end(fault.body ?? '<html><body>Error</body></html>');
    }
    if (fault?.type === 'commit_then_delay') await sleep(fault.ms);
    json(res, 200, body);
  }

  /** Google's token endpoint, refresh_token grant only. */
  function handleToken(res: ServerResponse, raw: string) {
    const p = new URLSearchParams(raw);
    const params = { grant_type: p.get('grant_type') ?? '' };
    const fault = faults.take('token', params, ['api_error', 'http']);
    if (fault?.type === 'http') {
      state.logRequest({ at: Date.now(), method: 'token', params, status: fault.status, cost: 0 });
      res.writeHead(fault.status, { 'content-type': 'text/html' });
      return void res.end('<html><body>Error</body></html>');
    }
    const refuse = (status: number, error: string, description: string) => {
      state.logRequest({ at: Date.now(), method: 'token', params, status, reason: error, cost: 0 });
      json(res, status, { error, error_description: description });
    };
    if (fault?.type === 'api_error')
      return refuse(fault.code, fault.msg ?? 'server_error', 'Injected failure');
    if (p.get('grant_type') !== 'refresh_token')
      return refuse(400, 'unsupported_grant_type', 'Invalid grant_type');
    const client = state.clients.get(p.get('client_id') ?? '');
    if (!client || client.clientSecret !== p.get('client_secret'))
      return refuse(401, 'invalid_client', 'The OAuth client was not found.');
    const grant = state.refreshGrants.get(p.get('refresh_token') ?? '');
    if (!grant || grant.revoked || grant.clientId !== client.clientId)
      return refuse(400, 'invalid_grant', 'Token has been expired or revoked.');
    const access = state.issueAccessToken(grant);
    state.logRequest({
      at: Date.now(),
      method: 'token',
      params,
      status: 200,
      cost: 0,
      clientId: client.clientId,
    });
    json(res, 200, {
      access_token: access.accessToken,
      expires_in: Math.round((access.expiresAt - state.now()) / 1000),
      scope: grant.scopes.join(' '),
      token_type: 'Bearer',
    });
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://local');
    const raw = await readBody(req);
    const api = /^\/youtube\/v3\/([A-Za-z]+)$/.exec(url.pathname);
    if (api) {
      const method = ROUTES[`${req.method} ${api[1]}`];
      if (!method) return json(res, 404, errorBody(new YtApiError(404, 'notFound', 'Not Found', 'global')));
      return handleApi(req, res, method, url, raw);
    }
    if (url.pathname === '/token' && req.method === 'POST') return handleToken(res, raw);
    if (url.pathname.startsWith('/__control/')) {
      try {
        const result = handleControlRequest(
          control,
          req.method ?? 'GET',
          url.pathname.slice('/__control/'.length),
          raw ? JSON.parse(raw) : {},
          url.searchParams,
        );
        return json(res, 200, result ?? null);
      } catch (err) {
        return json(res, err instanceof ControlNotFound ? 404 : 400, { error: (err as Error).message });
      }
    }
    json(res, 404, errorBody(new YtApiError(404, 'notFound', 'Not Found', 'global')));
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((err) => {
      if (!res.headersSent && !res.destroyed)
        json(
          res,
          500,
          errorBody(new YtApiError(500, 'internalError', String((err as Error).message), 'global')),
        );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const url = `http://${options.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiBaseUrl: `${url}/youtube/v3`,
    tokenUrl: `${url}/token`,
    control,
    async stop() {
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
