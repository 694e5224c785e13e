/**
 * A small YouTube Data API v3 client: OAuth 2 access tokens from the source's refresh token
 * (refreshed before they expire, and once on a 401), every call's quota cost counted in the
 * source's ledger before it is made, a deadline per request, and Google's errors mapped onto
 * connector codes (errors.ts).
 */
import { createHash } from 'node:crypto';
import { ConnectorError, QuotaMeter } from '../connector';
import { googleError, networkError, tokenError } from './errors';
import { COSTS, quotaDay } from './quota';
import { YouTubeCredentials, YouTubeSettings } from './settings';

interface AccessToken {
  token: string;
  expiresAt: number;
}

export interface CallOptions {
  method: 'GET' | 'POST';
  /** `commentThreads`, `comments`, `channels`. */
  resource: string;
  /** For error messages and quota: `commentThreads.list`, `comments.insert`, … */
  name: string;
  query: Record<string, string | number | undefined>;
  body?: unknown;
  /** A write: a lost answer is an unknown outcome, never retried. */
  write?: boolean;
}

/** Access tokens by OAuth client and refresh token, shared by every call of the connector. */
export class TokenCache {
  private readonly tokens = new Map<string, AccessToken>();
  private readonly pending = new Map<string, Promise<AccessToken>>();

  async get(
    settings: YouTubeSettings,
    creds: YouTubeCredentials,
    now: () => number,
    force = false,
  ): Promise<string> {
    const key = createHash('sha256')
      .update(`${settings.tokenUrl}\0${creds.clientId}\0${creds.clientSecret}\0${creds.refreshToken}`)
      .digest('hex');
    const cached = this.tokens.get(key);
    if (!force && cached && cached.expiresAt - 60_000 > now()) return cached.token;
    let inFlight = this.pending.get(key);
    if (!inFlight) {
      inFlight = refresh(settings, creds, now).finally(() => this.pending.delete(key));
      this.pending.set(key, inFlight);
    }
    const fresh = await inFlight;
    this.tokens.set(key, fresh);
    return fresh.token;
  }

  clear(): void {
    this.tokens.clear();
  }
}

async function refresh(
  settings: YouTubeSettings,
  creds: YouTubeCredentials,
  now: () => number,
): Promise<AccessToken> {
  let res: Response;
  try {
    res = await fetch(settings.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: creds.clientId,
        client_secret: creds.clientSecret,
        refresh_token: creds.refreshToken,
      }),
      signal: AbortSignal.timeout(settings.requestTimeoutMs),
    });
  } catch (err) {
    throw networkError(err, 'OAuth token refresh', false);
  }
  const body = (await res.json().catch(() => ({}))) as {
    access_token?: string;
    expires_in?: number;
    error?: string;
  };
  if (!res.ok || typeof body.access_token !== 'string') throw tokenError(res.status, body);
  return { token: body.access_token, expiresAt: now() + Number(body.expires_in ?? 3600) * 1000 };
}

export class YouTubeClient {
  /** API calls made and quota units spent by this client (benchmarks). */
  calls = 0;
  units = 0;

  constructor(
    private readonly settings: YouTubeSettings,
    private readonly creds: YouTubeCredentials,
    private readonly tokens: TokenCache,
    private readonly quota: QuotaMeter | undefined,
    private readonly now: () => number,
  ) {}

  async call<T>(opts: CallOptions): Promise<T> {
    const cost = opts.write ? COSTS.insert : COSTS.list;
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.get(this.settings, this.creds, this.now, attempt > 0);
      // Counted before the request: YouTube charges failed calls too.
      await this.quota?.spend(quotaDay(new Date(this.now())), cost);
      this.units += cost;
      this.calls += 1;
      const url = new URL(`${this.settings.apiBaseUrl}/${opts.resource}`);
      for (const [k, v] of Object.entries(opts.query))
        if (v !== undefined) url.searchParams.set(k, String(v));
      let res: Response;
      try {
        res = await fetch(url, {
          method: opts.method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
          signal: AbortSignal.timeout(this.settings.requestTimeoutMs),
        });
      } catch (err) {
        throw networkError(err, opts.name, opts.write === true);
      }
      const text = await res.text().catch(() => '');
      if (res.ok) {
        try {
          return JSON.parse(text) as T;
        } catch {
          throw new ConnectorError(
            opts.write ? 'unknown_outcome' : 'temporary',
            `${opts.name}: YouTube answered ${res.status} with a body that is not JSON`,
          );
        }
      }
      // A 401 was refused before anything happened: refresh the token once and try again.
      if (res.status === 401 && attempt === 0) continue;
      throw googleError(
        res.status,
        text,
        res.headers.get('retry-after'),
        opts.name,
        opts.write === true,
        new Date(this.now()),
      );
    }
  }
}
