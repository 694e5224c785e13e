import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlackSender } from './slack-sender';

const message = { text: 'hello', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hello' } }] };
const SECRET_PATH = '/services/T000/B000/very-secret-token';

describe('SlackSender against a local receiver', () => {
  let server: http.Server;
  let base: string;
  let answer: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  const bodies: any[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        bodies.push(JSON.parse(body));
        answer(req, res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const send = (timeoutMs = 2000) => new SlackSender(timeoutMs).send(base + SECRET_PATH, message as any);

  it('200: sent, with our text and blocks', async () => {
    answer = (_q, res) => res.end('ok');
    expect(await send()).toEqual({ kind: 'sent', status: 200 });
    expect(bodies.at(-1)).toMatchObject({ text: 'hello', blocks: message.blocks, unfurl_links: false });
  });

  it('500 and 429: try again; 404 no_service: refused for good', async () => {
    answer = (_q, res) => res.writeHead(500).end('oops');
    expect(await send()).toMatchObject({ kind: 'retry', status: 500 });
    answer = (_q, res) => res.writeHead(429).end('rate_limited');
    expect(await send()).toMatchObject({ kind: 'retry', status: 429 });
    answer = (_q, res) => res.writeHead(404).end('no_service');
    expect(await send()).toEqual({ kind: 'failed', status: 404, error: 'HTTP 404: no_service' });
  });

  it('no answer in time, or the connection cut after the request: unknown (it may have arrived)', async () => {
    answer = () => undefined; // hold
    expect(await send(300)).toMatchObject({ kind: 'unknown' });
    answer = (req) => req.socket.destroy();
    expect(await send()).toMatchObject({ kind: 'unknown' });
  });

  it('nobody listening: try again (nothing was sent); the error never carries the secret URL', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const out = await new SlackSender(1000).send(`http://127.0.0.1:${port}${SECRET_PATH}`, message as any);
    expect(out).toMatchObject({ kind: 'retry', error: 'no connection (ECONNREFUSED)' });
    expect(JSON.stringify(out)).not.toContain('very-secret-token');
  });

  it("a port fetch refuses (the Fetch standard's bad ports): refused for good", async () => {
    const out = await new SlackSender(1000).send(`http://127.0.0.1:9${SECRET_PATH}`, message as any);
    expect(out).toEqual({ kind: 'failed', error: 'the webhook address uses a port that fetch refuses' });
  });
});
