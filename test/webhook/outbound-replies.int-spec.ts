/**
 * Replies of a generic webhook source, through the whole app: POSTed to the source's outbound
 * URL, signed (HMAC-SHA256 over `<timestamp>.<body>`), with the same outbox guarantees — a
 * receiver that fails twice still gets the reply delivered once (the same delivery id each time).
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { checkWebhookSignature, signWebhook } from '../../src/connectors/webhook/signature';
import { ADMIN, Client } from '../auth/client';
import { startTestApp, TestApp } from '../support/app';

const SECRET = 'webhook-secret-0123456789';
const OUT_SECRET = 'outbound-secret-9876543210';

interface Received {
  status: number;
  signatureOk: boolean;
  delivery: string | undefined;
  body: any;
}

/** A receiver on 127.0.0.1 that answers from a script, then 200 with its own message id. */
async function startReceiver(script: Array<number | 'reset'>) {
  const received: Received[] = [];
  const stored = new Map<string, string>(); // delivery id → our message id: dedupe as documented
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const check = checkWebhookSignature(
        OUT_SECRET,
        raw,
        req.headers['x-otklik-signature'] as string,
        req.headers['x-otklik-timestamp'] as string,
      );
      const step = script.shift() ?? 200;
      const delivery = req.headers['x-otklik-delivery'] as string | undefined;
      received.push({
        status: step === 'reset' ? 0 : step,
        signatureOk: check.ok,
        delivery,
        body: JSON.parse(raw.toString()),
      });
      if (step === 'reset') return void req.socket.destroy();
      if (!check.ok) return void res.writeHead(401).end();
      if (step !== 200) return void res.writeHead(step, { 'content-type': 'text/plain' }).end('busy');
      if (!stored.has(delivery!)) stored.set(delivery!, `msg-${stored.size + 1}`);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: stored.get(delivery!) }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/otklik/replies`;
  return { url, received, stored, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('webhook sources answer through their outbound URL', () => {
  let t: TestApp;
  let admin: Client;
  let query: (q: string, p?: unknown[]) => Promise<any[]>;

  beforeAll(async () => {
    t = await startTestApp();
    query = (q, p = []) => t.app.get(DataSource).query(q, p);
    admin = new Client(t.url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
  });
  afterAll(() => t.stop());

  async function source(settings: Record<string, unknown>, credentials: Record<string, unknown> = {}) {
    const r = await admin.send('POST', '/api/sources', {
      platform: 'webhook',
      name: `Site chat ${Math.random()}`,
      settings: { label: 'site', ...settings },
      credentials: { secret: SECRET, ...credentials },
    });
    expect(r.status).toBe(201);
    return r.body.id as string;
  }

  /** A customer item through the signed inbound webhook; its conversation. */
  async function customerSays(sourceId: string, id: string, text: string): Promise<string> {
    const body = JSON.stringify({
      items: [
        {
          id,
          threadId: 'visitor-7',
          author: { id: 'visitor-7', name: 'Anna' },
          text,
          createdAt: new Date().toISOString(),
        },
      ],
    });
    const res = await fetch(`${t.url}/api/ingest/${sourceId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-otklik-signature': signWebhook(SECRET, body) },
      body,
    });
    expect(res.status).toBe(200);
    const [row] = await query(`SELECT conversation_id FROM items WHERE source_id = $1 AND external_id = $2`, [
      sourceId,
      id,
    ]);
    return row.conversation_id;
  }

  async function replyAndSettle(conversationId: string, text: string, timeoutMs = 30_000): Promise<any> {
    const r = await admin.send('POST', `/api/conversations/${conversationId}/replies`, { text });
    expect(r.status).toBe(202);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const body = (await admin.send('GET', `/api/replies/${r.body.id}`)).body;
      if (!['queued', 'sending'].includes(body.status)) return body;
      if (Date.now() > deadline) throw new Error(`reply still ${body.status}`);
      await new Promise((res) => setTimeout(res, 200));
    }
  }

  it('a receiver that fails twice (503, then a reset) gets the reply once, signed, with one delivery id', async () => {
    const receiver = await startReceiver([503, 'reset']);
    try {
      const sourceId = await source({ outboundUrl: receiver.url }, { outboundSecret: OUT_SECRET });
      const conv = await customerSays(sourceId, 'chat-1', 'Сколько стоит доставка в Казань?');
      const reply = await replyAndSettle(conv, 'Доставка в Казань — 350 ₽, 2 дня.');
      expect(reply).toMatchObject({ status: 'delivered', platformMessageId: 'msg-1' });
      expect(receiver.received.map((r) => r.status)).toEqual([503, 0, 200]);
      expect(receiver.received.every((r) => r.signatureOk)).toBe(true);
      expect(new Set(receiver.received.map((r) => r.delivery))).toEqual(new Set([reply.id]));
      expect(receiver.stored.size).toBe(1);
      expect(receiver.received[2].body).toMatchObject({
        type: 'reply',
        id: reply.id,
        sourceId,
        text: 'Доставка в Казань — 350 ₽, 2 дня.',
        inReplyTo: { id: 'chat-1', threadId: 'visitor-7', kind: 'message' },
      });
      // The reply is part of the conversation like any other platform's.
      const [outbound] = await query(
        `SELECT conversation_id FROM items WHERE source_id = $1 AND direction = 'outbound' AND external_id = 'msg-1'`,
        [sourceId],
      );
      expect(outbound.conversation_id).toBe(conv);
    } finally {
      await receiver.stop();
    }
  });

  it('a receiver refusing the reply (422) fails it with the status; the source stays healthy', async () => {
    const receiver = await startReceiver([422]);
    try {
      const sourceId = await source({ outboundUrl: receiver.url }, { outboundSecret: OUT_SECRET });
      const conv = await customerSays(sourceId, 'chat-2', 'а самовывоз есть?');
      const reply = await replyAndSettle(conv, 'Есть, на Лесной 5.');
      expect(reply.status).toBe('failed');
      expect(reply.lastError).toMatch(/^rejected: the outbound webhook answered HTTP 422/);
      expect(receiver.received).toHaveLength(1);
      const view = (await admin.send('GET', `/api/sources/${sourceId}`)).body;
      expect(view).toMatchObject({ status: 'healthy' });
    } finally {
      await receiver.stop();
    }
  });

  it('a source without an outbound URL fails the reply as unsupported and stays healthy', async () => {
    const sourceId = await source({});
    const conv = await customerSays(sourceId, 'chat-3', 'ау');
    const reply = await replyAndSettle(conv, 'Здравствуйте!');
    expect(reply.status).toBe('failed');
    expect(reply.lastError).toMatch(/^unsupported: this webhook source has no outbound URL/);
    expect((await admin.send('GET', `/api/sources/${sourceId}`)).body).toMatchObject({ status: 'healthy' });
  });

  it('refuses an outbound URL that is not a URL (422 naming the setting)', async () => {
    const r = await admin.send('POST', '/api/sources', {
      platform: 'webhook',
      name: 'bad',
      settings: { outboundUrl: 'ftp://example.com/x' },
      credentials: { secret: SECRET },
    });
    expect(r.status).toBe(422);
    expect(r.body.message).toMatch(/settings\.outboundUrl must be an https URL/);
  });
});
