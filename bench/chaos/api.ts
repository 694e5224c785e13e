/**
 * The chaos run's view of Otklik's HTTP API: one signed-in session used against every API
 * process (sessions live in the database), requests spread over them, and retried on another
 * one when a process does not answer or answers 5xx.
 */
import { Client, type Reply } from '../../test/auth/client';

export interface ApiStats {
  requests: number;
  retried: number;
  /** Answers with status ≥ 500 (each one is a bug or an outage worth a look). */
  serverErrors: number;
  networkErrors: number;
  /** A few of the 5xx answers, for the report. */
  serverErrorSamples: string[];
}

export class ApiPool {
  readonly stats: ApiStats = {
    requests: 0,
    retried: 0,
    serverErrors: 0,
    networkErrors: 0,
    serverErrorSamples: [],
  };
  private readonly clients: Client[];
  private next = 0;
  private credentials?: { email: string; password: string };

  constructor(bases: string[]) {
    this.clients = bases.map((b) => new Client(b));
  }

  /** Signs in on one process and shares the session with the others. */
  async login(email: string, password: string, deadlineMs = 60_000): Promise<void> {
    this.credentials = { email, password };
    const until = Date.now() + deadlineMs;
    for (let i = 0; ; i++) {
      const c = this.clients[i % this.clients.length];
      try {
        const r = await c.login(email, password);
        if (r.status === 200) {
          for (const other of this.clients) {
            other.cookie = c.cookie;
            other.csrf = c.csrf;
          }
          return;
        }
        if (r.status < 500) throw new Error(`login ${email}: ${r.status} ${JSON.stringify(r.body)}`);
      } catch (err) {
        if (err instanceof Error && err.message.startsWith('login ')) throw err;
      }
      if (Date.now() > until) throw new Error(`login ${email}: no API process answered`);
      await sleep(500);
    }
  }

  /**
   * Sends until an answer below 500 arrives (rotating over the processes), or the deadline.
   * Callers make the request safe to repeat (Idempotency-Key for replies).
   */
  async send(
    method: string,
    path: string,
    body?: unknown,
    opts: { deadlineMs?: number; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const until = Date.now() + (opts.deadlineMs ?? 120_000);
    for (let attempt = 0; ; attempt++) {
      if (attempt) this.stats.retried++;
      const c = this.clients[this.next++ % this.clients.length];
      this.stats.requests++;
      try {
        const r = await c.send(method, path, body, { headers: opts.headers, timeoutMs: 20_000 });
        if (r.status === 401 && this.credentials) {
          await this.login(this.credentials.email, this.credentials.password);
          continue;
        }
        if (r.status < 500) return r;
        this.stats.serverErrors++;
        if (this.stats.serverErrorSamples.length < 10)
          this.stats.serverErrorSamples.push(
            `${method} ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`,
          );
      } catch {
        this.stats.networkErrors++;
      }
      if (Date.now() > until) throw new Error(`${method} ${path}: no answer below 500 before the deadline`);
      await sleep(Math.min(2000, 200 * (attempt + 1)));
    }
  }

  async post(path: string, body: unknown, headers?: Record<string, string>): Promise<Reply> {
    return this.send('POST', path, body, { headers });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
