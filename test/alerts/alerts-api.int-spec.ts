/**
 * The admin API of alert rules and the alert list: validation, roles, secrets never returned, and
 * the test message against a local receiver standing in for Slack.
 */
import { blockKitProblems } from '../../src/alerts/slack/block-kit-check';
import { Client } from '../auth/client';
import { insertSource } from './fixtures';
import { AlertsWorld, startAlertsWorld } from './harness';
import { SlackReceiver } from './slack-receiver';

describe('alert rules API', () => {
  let w: AlertsWorld;
  let slack: SlackReceiver;

  beforeAll(async () => {
    slack = await SlackReceiver.start();
    w = await startAlertsWorld();
  });
  afterAll(async () => {
    await w?.close();
    await slack?.stop();
  });

  it('lists the seeded rules with their defaults filled in', async () => {
    const r = await w.admin.get('/api/alert-rules');
    expect(r.status).toBe(200);
    expect(r.body.map((x: any) => x.kind).sort()).toEqual(
      ['high_reach', 'negative_spike', 'sla', 'source_health', 'tag_surge', 'term_surge'].sort(),
    );
    const spike = r.body.find((x: any) => x.kind === 'negative_spike');
    expect(spike.params).toMatchObject({ windowMinutes: 60, sensitivity: 'medium', minNegatives: 5 });
    expect(spike.webhook).toEqual({ configured: false, usesDefault: false });
  });

  it('creates, changes and deletes a rule; the webhook is write-only and sealed at rest', async () => {
    const url = slack.url('create');
    const created = await w.admin.post('/api/alert-rules', {
      name: 'VK spikes',
      kind: 'negative_spike',
      params: { sensitivity: 'high', minNegatives: 8 },
      language: 'en',
      quietHours: { from: '23:00', to: '07:00' },
      cooldownMinutes: 30,
      webhookUrl: url,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'VK spikes',
      params: { sensitivity: 'high', minNegatives: 8, windowMinutes: 60 },
      quietHours: { from: '23:00', to: '07:00' },
      webhook: { configured: true, usesDefault: false },
    });
    expect(JSON.stringify(created.body)).not.toContain('s3cr3t');
    const [stored] = await w.sql(`SELECT webhook_url_encrypted AS s FROM alert_rules WHERE id = $1`, [
      created.body.id,
    ]);
    expect(stored.s).toMatch(/^v1\./);
    expect(stored.s).not.toContain('s3cr3t');

    const changed = await w.admin.patch(`/api/alert-rules/${created.body.id}`, {
      params: { minRatio: 3 },
      webhookUrl: null,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.params).toMatchObject({ minRatio: 3, minNegatives: 8, sensitivity: 'high' });
    expect(changed.body.webhook.configured).toBe(false);

    const audit = await w.sql(
      `SELECT data::text AS d FROM audit_log WHERE entity_type = 'alert_rule' AND entity_id = $1`,
      [created.body.id],
    );
    expect(audit.length).toBe(2);
    for (const a of audit) expect(a.d).not.toContain('s3cr3t');
    expect(audit.map((a) => JSON.parse(a.d).webhookUrl)).toEqual(['set', 'cleared']);

    expect((await w.admin.delete(`/api/alert-rules/${created.body.id}`)).status).toBe(204);
    expect((await w.admin.get(`/api/alert-rules/${created.body.id}`)).status).toBe(404);
  });

  it('refuses bad input with a clear 400 (and never echoes a webhook address)', async () => {
    const bad = async (body: any) => {
      const r = await w.admin.post('/api/alert-rules', { name: 'x', kind: 'negative_spike', ...body });
      expect(r.status).toBe(400);
      return JSON.stringify(r.body);
    };
    expect(await bad({ params: { sensitivity: 'extreme' } })).toContain(
      'params.sensitivity must be one of low, medium, high',
    );
    expect(await bad({ params: { windowMinutes: 5 } })).toContain('windowMinutes');
    expect(await bad({ params: { silentMinutes: 60 } })).toContain('not a setting of negative_spike rules');
    expect(await bad({ quietHours: { from: '25:00', to: '08:00' } })).toContain('HH:MM');
    expect(await bad({ timeZone: 'Mars/Olympus' })).toContain('IANA time zone');
    const insecure = await bad({ webhookUrl: 'http://hooks.example.com/services/T/B/s3cr3t-plain' });
    expect(insecure).toContain('https://');
    expect(insecure).not.toContain('s3cr3t');
    expect(await bad({ kind: 'weather' })).toContain('kind');
    const patch = await w.admin.patch(
      `/api/alert-rules/${(await w.admin.get('/api/alert-rules')).body[0].id}`,
      { params: { nonsense: 1 } },
    );
    expect(patch.status).toBe(400);
  });

  it('sends a valid Block Kit test message to the rule channel, or reports why not', async () => {
    const rule = (
      await w.admin.post('/api/alert-rules', {
        name: 'Test',
        kind: 'sla',
        language: 'ru',
        webhookUrl: slack.url('test'),
      })
    ).body;
    const ok = await w.admin.post(`/api/alert-rules/${rule.id}/test`, {});
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ delivered: true, outcome: 'sent', httpStatus: 200 });
    const [msg] = slack.accepted('test');
    expect(blockKitProblems(msg.body)).toEqual([]);
    expect(JSON.stringify(msg.body)).toContain('Проверка связи');

    slack.script('test', [404]);
    const refused = await w.admin.post(`/api/alert-rules/${rule.id}/test`, {});
    expect(refused.body).toEqual({
      delivered: false,
      outcome: 'failed',
      httpStatus: 404,
      error: 'HTTP 404: no_service',
    });

    // an address to try before saving it
    const other = await w.admin.post(`/api/alert-rules/${rule.id}/test`, { webhookUrl: slack.url('other') });
    expect(other.body.delivered).toBe(true);
    expect(slack.accepted('other')).toHaveLength(1);

    await w.admin.patch(`/api/alert-rules/${rule.id}`, { webhookUrl: null });
    const none = await w.admin.post(`/api/alert-rules/${rule.id}/test`, {});
    expect(none.status).toBe(409);
  });

  it('tag surge: a tag put on many more conversations than usual alerts once, its link filters the inbox by tag', async () => {
    const own = await insertSource(w.pg, 'Теги');
    const [{ id: tag }] = await w.sql(`INSERT INTO tags (name) VALUES ('Оплата') RETURNING id::text`);
    // four weeks of one tagged conversation an hour, then twelve in the last forty minutes
    const tagged = (prefix: string, step: string, n: number, from = 1) =>
      w.sql(
        `WITH c AS (
           INSERT INTO conversations (source_id, platform, thread_key, created_at)
           SELECT $1, 'vk', $3 || g, now() - g * $4::interval FROM generate_series($5::int, $6::int) g
           RETURNING id, created_at)
         INSERT INTO conversation_tags (conversation_id, tag_id, created_at) SELECT id, $2, created_at FROM c`,
        [own, tag, prefix, step, from, from + n - 1],
      );
    await tagged('hist-', '1 hour', 28 * 24, 2);
    await tagged('surge-', '3 minutes', 12);
    const rule = await w.admin.post('/api/alert-rules', { name: 'Теги', kind: 'tag_surge', sourceId: own });
    expect(rule.status).toBe(201);
    expect(rule.body.params).toMatchObject({ minCount: 5, tags: [] });
    await w.evaluate(new Date(), ['tag_surge']);
    await w.evaluate(new Date(), ['tag_surge']); // still the same surge: no second alert
    const list = (await w.admin.get(`/api/alerts?ruleId=${rule.body.id}`)).body.alerts;
    expect(list).toHaveLength(1);
    expect(list[0].title).toBe('Растёт тег: «Оплата»');
    expect(list[0].details).toMatchObject({ kind: 'tag_surge', tagId: tag, count: 12, authors: 12 });
    const link = new URL(list[0].link);
    expect([link.pathname, link.searchParams.get('tagId'), link.searchParams.get('status')]).toEqual([
      '/inbox',
      tag,
      'all',
    ]);
    const detail = (await w.admin.get(`/api/alerts/${list[0].id}`)).body;
    expect(blockKitProblems(detail.message)).toEqual([]);
    await w.admin.patch(`/api/alert-rules/${rule.body.id}`, { enabled: false });
  });

  it('is admin-only for rules; admins and leads read alerts, a plain agent does not; nobody without a session', async () => {
    const created = await w.admin.post('/api/users', {
      email: 'oncall@otklik.test',
      name: 'Agent',
      password: 'quiet-harbor-4821',
      role: 'agent',
      locale: 'ru',
    });
    expect(created.status).toBe(201);
    const agent = new Client(w.app.url);
    expect((await agent.login('oncall@otklik.test', 'quiet-harbor-4821')).status).toBe(200);
    expect((await agent.get('/api/alert-rules')).status).toBe(403);
    expect((await agent.get('/api/alerts')).status).toBe(403);
    const someAlert = (await w.admin.get('/api/alerts?limit=1')).body.alerts[0];
    expect(someAlert).toBeDefined();
    expect((await agent.get(`/api/alerts/${someAlert.id}`)).status).toBe(403);
    // The on-call lead: the same agent with the flag reads the list and the details at once
    // (the session reads the flag on every request), and still may not edit rules or resend.
    expect((await w.admin.patch(`/api/users/${created.body.id}`, { isLead: true })).status).toBe(200);
    expect((await agent.get('/api/alerts')).status).toBe(200);
    expect((await agent.get(`/api/alerts/${someAlert.id}`)).body.id).toBe(someAlert.id);
    expect((await agent.get('/api/alert-rules')).status).toBe(403);
    expect((await agent.post(`/api/alerts/${someAlert.id}/resend`)).status).toBe(403);
    expect((await new Client(w.app.url).get('/api/alerts')).status).toBe(401);
  });

  it('documents the API in OpenAPI, without any webhook address in answers', async () => {
    const doc = await w.admin.get('/api/docs-json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/alert-rules',
        '/api/alert-rules/{id}',
        '/api/alert-rules/{id}/test',
        '/api/alerts',
        '/api/alerts/{id}',
        '/api/alerts/{id}/resend',
        '/api/alerts/{id}/mark-sent',
      ]),
    );
    const view = doc.body.components.schemas.AlertRuleViewDto;
    expect(Object.keys(view.properties)).not.toContain('webhookUrl');
    expect(doc.body.components.schemas.AlertViewDto.properties.state.enum).toEqual(
      expect.arrayContaining(['fired', 'sent', 'failed', 'resolved']),
    );
  });
});
