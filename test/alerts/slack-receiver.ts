/**
 * A local HTTP receiver standing in for Slack's incoming webhooks (127.0.0.1, a free port):
 * records every request, answers from a script per path (status codes, or `hold` to keep the
 * request open until released), and tells which alert each accepted message was about.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** a status code; `hold`: keep the request open until released; `cut`: drop the connection after reading it */
export type Answer = number | 'hold' | 'cut';

export interface Received {
  path: string;
  body: any;
  status: number | 'held' | 'cut';
  at: number;
}

export class SlackReceiver {
  readonly requests: Received[] = [];
  private readonly scripts = new Map<string, Answer[]>();
  private readonly held: { res: http.ServerResponse; entry: Received }[] = [];
  private server!: http.Server;
  base = '';
  /** called when a request arrives (before it is answered) */
  onRequest?: (r: Received) => void;
  /** ms to wait before answering 200 (widens races on purpose) */
  delayMs = 0;

  static async start(): Promise<SlackReceiver> {
    const r = new SlackReceiver();
    r.server = http.createServer((req, res) => r.handle(req, res));
    await new Promise<void>((ok) => r.server.listen(0, '127.0.0.1', ok));
    r.base = `http://127.0.0.1:${(r.server.address() as AddressInfo).port}`;
    return r;
  }

  /** A webhook address with a secret-looking path. */
  url(channel: string): string {
    return `${this.base}/services/T0TEST/${channel}/s3cr3t-${channel}-token`;
  }

  script(channel: string, answers: Answer[]) {
    this.scripts.set(this.pathOf(channel), [...answers]);
  }

  /** Accepted messages (2xx) for a channel (all channels when omitted). */
  accepted(channel?: string): Received[] {
    return this.requests.filter(
      (r) => r.status === 200 && (channel === undefined || r.path === this.pathOf(channel)),
    );
  }

  /** Releases held requests with 200 (the client may be gone already). */
  release() {
    for (const { res, entry } of this.held.splice(0)) {
      entry.status = 200;
      if (!res.destroyed) res.writeHead(200).end('ok');
    }
  }

  async stop() {
    this.release();
    this.server.closeAllConnections?.();
    await new Promise<void>((ok) => this.server.close(() => ok()));
  }

  private pathOf(channel: string) {
    return new URL(this.url(channel)).pathname;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      let body: any = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        /* keep text */
      }
      const path = req.url ?? '';
      const script = this.scripts.get(path);
      const answer: Answer = script && script.length ? script.shift()! : 200;
      const entry: Received = {
        path,
        body,
        status: answer === 'hold' ? 'held' : answer === 'cut' ? 'cut' : answer,
        at: Date.now(),
      };
      this.requests.push(entry);
      this.onRequest?.(entry);
      if (answer === 'hold') {
        this.held.push({ res, entry });
        return;
      }
      if (answer === 'cut') {
        req.socket.destroy();
        return;
      }
      const send = () =>
        res.writeHead(answer).end(answer === 200 ? 'ok' : answer === 404 ? 'no_service' : 'oops');
      if (answer === 200 && this.delayMs) setTimeout(send, this.delayMs);
      else send();
    });
  }
}

/** The alert id a message is about (from its button link). */
export function alertIdOf(body: any): string | undefined {
  const actions = (body?.blocks ?? []).find((b: any) => b.type === 'actions');
  const url = actions?.elements?.[0]?.url;
  return url ? (new URL(url).searchParams.get('alert') ?? undefined) : undefined;
}

export async function until<T>(
  check: () => Promise<T> | T,
  what: string,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
