import { DataSource } from 'typeorm';
import { ADMIN, Client } from '../auth/client';
import { signWebhook } from '../../src/connectors/webhook/signature';
import { startTestApp, TestApp } from '../support/app';

const SECRET = 'webhook-secret-0123456789';

describe('sources admin API, generic webhook, contact linking', () => {
  let t: TestApp;
  let admin: Client;
  let sourceId: string;
  let query: (q: string, p?: unknown[]) => Promise<any[]>;

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.app.get(DataSource);
    query = (q, p = []) => ds.query(q, p);
    admin = new Client(t.url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
  });
  afterAll(() => t.stop());

  const post = (id: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${t.url}/api/ingest/${id}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-otklik-signature': signWebhook(SECRET, body),
        ...headers,
      },
      body,
    });

  it('refuses sources without a session', async () => {
    expect((await new Client(t.url).send('GET', '/api/sources')).status).toBe(401);
  });

  it('verifies before saving: a refused credential is a 422 with the connector code', async () => {
    const r = await admin.send('POST', '/api/sources', {
      platform: 'webhook',
      name: 'Site chat',
      credentials: { secret: 'short' },
    });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'configuration' });
    expect((await admin.send('POST', '/api/sources', { platform: 'myspace', name: 'x' })).status).toBe(400);
    expect((await admin.send('POST', '/api/sources', { platform: 'webhook' })).status).toBe(400);
    expect(await query(`SELECT id FROM sources`)).toHaveLength(0);
  });

  it('creates a source with sealed credentials that never come back', async () => {
    const r = await admin.send('POST', '/api/sources', {
      platform: 'webhook',
      name: 'Site chat',
      settings: { label: 'site' },
      credentials: { secret: SECRET },
    });
    expect(r.status).toBe(201);
    sourceId = r.body.id;
    expect(r.body).toMatchObject({ platform: 'webhook', status: 'healthy', accountName: 'site' });
    expect(JSON.stringify(r.body)).not.toContain(SECRET);
    const list = await admin.send('GET', '/api/sources');
    expect(list.body).toEqual([
      expect.objectContaining({
        id: sourceId,
        status: 'healthy',
        statusReason: null,
        throttledUntil: null,
        lastSyncedAt: null,
      }),
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/secret-0123|credentials/);
    const [row] = await query(`SELECT * FROM sources WHERE id = $1`, [sourceId]);
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(row.credentials_encrypted).toMatch(/^v1\./);
  });

  it('patches and re-verifies', async () => {
    const bad = await admin.send('PATCH', `/api/sources/${sourceId}`, { credentials: { secret: 'nope' } });
    expect(bad.status).toBe(422);
    const r = await admin.send('PATCH', `/api/sources/${sourceId}`, { name: 'Site chat (prod)' });
    expect(r.body.name).toBe('Site chat (prod)');
    expect((await admin.send('PATCH', `/api/sources/${sourceId}`, { bogus: 1 })).status).toBe(400);
    expect((await admin.send('POST', `/api/sources/${sourceId}/verify`)).body).toEqual({
      ok: true,
      accountName: 'site',
    });
  });

  it('accepts a signed batch once; the same body replayed is stored once', async () => {
    const body = JSON.stringify({
      items: [
        {
          id: 'chat-1',
          author: { id: 'visitor-1', name: 'Anna' },
          text: 'Сколько стоит доставка?',
          createdAt: '2024-11-01T10:00:00Z',
        },
        {
          id: 'review-9',
          kind: 'review',
          author: { id: 'visitor-2' },
          text: 'Great service',
          createdAt: '2024-11-01T10:01:00Z',
        },
      ],
    });
    const first = await post(sourceId, body);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({
      received: 2,
      inserted: 2,
      edited: 0,
      duplicates: 0,
      quarantined: 0,
    });
    const replay = await post(sourceId, body);
    expect(await replay.json()).toMatchObject({ inserted: 0, duplicates: 2 });
    expect(await query(`SELECT external_id FROM items WHERE source_id = $1 ORDER BY 1`, [sourceId])).toEqual([
      { external_id: 'chat-1' },
      { external_id: 'review-9' },
    ]);
    const ts = String(Math.floor(Date.now() / 1000));
    const stamped = await post(sourceId, body, {
      'x-otklik-timestamp': ts,
      'x-otklik-signature': signWebhook(SECRET, body, ts),
    });
    expect(stamped.status).toBe(200);
  });

  it('rejects a bad signature (401) and a malformed batch (400) without storing anything', async () => {
    const body = JSON.stringify({
      items: [{ id: 'x-1', author: { id: 'v' }, text: 'hi', createdAt: '2024-11-01T10:00:00Z' }],
    });
    expect(
      (await post(sourceId, body, { 'x-otklik-signature': signWebhook('wrong-secret-wrong', body) })).status,
    ).toBe(401);
    expect((await post(sourceId, body, { 'x-otklik-signature': '' })).status).toBe(401);
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    expect(
      (
        await post(sourceId, body, {
          'x-otklik-timestamp': old,
          'x-otklik-signature': signWebhook(SECRET, body, old),
        })
      ).status,
    ).toBe(401);
    const malformed = JSON.stringify({
      items: [
        { id: 'ok-1', author: { id: 'v' }, text: 'fine', createdAt: '2024-11-01T10:00:00Z' },
        { id: 'bad-2', author: { id: 'v' }, text: 42, createdAt: '2024-11-01T10:00:00Z' },
      ],
    });
    const r = await post(sourceId, malformed);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { message: string }).message).toBe('items[1]: text must be a string');
    expect((await post(sourceId, '{"items": [')).status).toBe(400);
    expect(await query(`SELECT 1 FROM items WHERE external_id IN ('x-1', 'ok-1', 'bad-2')`)).toHaveLength(0);
    expect((await post('00000000-0000-0000-0000-000000000000', body)).status).toBe(404);
  });

  it('links contacts of one person into one customer', async () => {
    const contacts = await query(`SELECT id, customer_id FROM contacts ORDER BY external_id`);
    expect(new Set(contacts.map((c) => c.customer_id)).size).toBe(2);
    const r = await admin.send('POST', '/api/contacts/link', { contactIds: contacts.map((c) => c.id) });
    expect(r.status).toBe(200);
    const after = await query(`SELECT DISTINCT customer_id FROM contacts`);
    expect(after).toEqual([{ customer_id: r.body.customerId }]);
    const convs = await query(`SELECT DISTINCT customer_id FROM conversations WHERE source_id = $1`, [
      sourceId,
    ]);
    expect(convs).toEqual([{ customer_id: r.body.customerId }]);
    expect((await admin.send('POST', '/api/contacts/link', { contactIds: [contacts[0].id] })).status).toBe(
      400,
    );
  });

  it('disabling a source marks it disabled and closes its webhook', async () => {
    const r = await admin.send('PATCH', `/api/sources/${sourceId}`, { enabled: false });
    expect(r.body).toMatchObject({ enabled: false, status: 'disabled' });
    const body = JSON.stringify({
      items: [{ id: 'late', author: { id: 'v' }, text: 'hi', createdAt: '2024-11-01T10:00:00Z' }],
    });
    expect((await post(sourceId, body)).status).toBe(403);
  });
});
