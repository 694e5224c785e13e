/**
 * Alerts end to end, against a local receiver standing in for Slack: a storm of angry comments
 * fires one spike alert (valid Block Kit), the all-clear follows, the cooldown holds, a receiver
 * answering 500 twice then 200 gets exactly one message, quiet hours hold messages, several worker
 * instances deliver each alert exactly once, and no webhook address ever reaches a log or an answer.
 */
import { ALERT_DELIVER_JOB } from '../../src/alerts/alert-jobs';
import { blockKitProblems } from '../../src/alerts/slack/block-kit-check';
import { JobQueue } from '../../src/jobs/job-queue';
import { AlertsWorld, Instance, startAlertsWorld, startInstance } from './harness';
import { insertHighReachItem, insertHistory, insertSource, insertStorm, minutes } from './fixtures';
import { alertIdOf, SlackReceiver, until } from './slack-receiver';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A port nobody listens on (it was just free). */
async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

jest.setTimeout(120_000);

describe('alerts to Slack, end to end', () => {
  let w: AlertsWorld;
  let slack: SlackReceiver;
  let sourceId: string;
  const extra: Instance[] = [];
  const t0 = new Date();

  beforeAll(async () => {
    slack = await SlackReceiver.start();
    w = await startAlertsWorld();
    sourceId = await insertSource(w.pg, 'ДомНет во ВКонтакте', 'vk', new Date(t0.getTime() - 40 * 86400_000));
    // Four weeks of ordinary traffic: an item every 10 minutes, every fourth one negative.
    await insertHistory(
      w.pg,
      sourceId,
      new Date(t0.getTime() - 30 * 86400_000),
      new Date(t0.getTime() - minutes(1)),
    );
  });
  afterAll(async () => {
    for (const i of extra) await i.stop();
    await w?.close();
    await slack?.stop();
  });

  const rule = async (body: Record<string, unknown>) => {
    const r = await w.admin.post('/api/alert-rules', body);
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  const alertsOf = async (ruleId: string) =>
    (await w.admin.get(`/api/alerts?ruleId=${ruleId}&limit=200`)).body.alerts as any[];
  const settle = (ms = 1500) => new Promise((r) => setTimeout(r, ms));

  describe('a storm of angry comments', () => {
    let spikeRule: string;

    beforeAll(async () => {
      spikeRule = await rule({
        name: 'Spikes',
        kind: 'negative_spike',
        language: 'en',
        cooldownMinutes: 60,
        webhookUrl: slack.url('spikes'),
      });
      await insertStorm(
        w.pg,
        sourceId,
        40,
        new Date(t0.getTime() - minutes(14)),
        new Date(t0.getTime() - minutes(1)),
      );
    });

    it('fires one spike alert; Slack gets one valid Block Kit message with the numbers and samples', async () => {
      await w.evaluate(t0, ['negative_spike']);
      await until(() => slack.accepted('spikes').length >= 1, 'the spike message');
      await w.evaluate(new Date(t0.getTime() + minutes(1)), ['negative_spike']); // still stormy: no second alert
      await settle();
      const got = slack.accepted('spikes');
      expect(got).toHaveLength(1);
      const msg = got[0].body;
      expect(blockKitProblems(msg)).toEqual([]);
      expect(msg.blocks[0].text.text).toBe('🔺 Negative spike: ДомНет во ВКонтакте');
      const text = JSON.stringify(msg);
      expect(text).toMatch(/Negative \(1 hour\):\* 4\d — usually \d/);
      expect(
        msg.blocks.filter((b: any) => b.type === 'section' && b.text?.type === 'plain_text'),
      ).toHaveLength(3);

      const list = await until(async () => {
        const l = await alertsOf(spikeRule);
        return l[0]?.state === 'sent' ? l : null;
      }, 'recorded as sent');
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({
        kind: 'negative_spike',
        type: 'alert',
        state: 'sent',
        scope: `source:${sourceId}`,
        attempts: 1,
      });
      expect(alertIdOf(msg)).toBe(list[0].id);
      expect(list[0].details).toMatchObject({ baselineMode: 'weekly', scopeLabel: 'ДомНет во ВКонтакте' });
      // the incident speaks for its scope through its cooldown (shared with the wider scopes it covers)
      expect(list[0].details.covers).toContain(`source:${sourceId}`);
      expect(list[0].samples).toHaveLength(3);
      const detail = (await w.admin.get(`/api/alerts/${list[0].id}`)).body;
      expect(detail.deliveries).toMatchObject([{ attempt: 1, outcome: 'sent', httpStatus: 200 }]);
      expect(blockKitProblems(detail.message)).toEqual([]);
    });

    it('the rising complaint "не работает" gets its own alert (term surge), with the same story\'s words folded in', async () => {
      const id = await rule({
        name: 'Terms',
        kind: 'term_surge',
        sourceId,
        language: 'ru',
        webhookUrl: slack.url('terms'),
      });
      await w.evaluate(t0, ['term_surge']);
      await until(() => slack.accepted('terms').length >= 1, 'the term message');
      await w.evaluate(new Date(t0.getTime() + minutes(2)), ['term_surge']);
      await settle();
      const got = slack.accepted('terms');
      expect(got).toHaveLength(1);
      expect(blockKitProblems(got[0].body)).toEqual([]);
      expect(got[0].body.blocks[0].text.text).toBe('📈 Растёт жалоба: «не работает»');
      const [alert] = await alertsOf(id);
      expect(alert.details).toMatchObject({ term: 'не работает' });
      // the storm's other rising words ride along in the same message, not alerts of their own
      expect(alert.details.relatedKeys.some((k: string) => k.startsWith('издева'))).toBe(true);
      expect(alert.details.count).toBeGreaterThanOrEqual(10);
      expect(alert.samples).toHaveLength(3);
      for (const s of alert.samples) expect(s.text.toLowerCase()).toContain('не работает');
      await w.admin.patch(`/api/alert-rules/${id}`, { enabled: false });
    });

    it('gives the all-clear when it subsides (a second message), and the alert is resolved', async () => {
      const runs = await w.evaluate(new Date(t0.getTime() + minutes(120)), ['negative_spike']);
      expect(runs.find((r) => r.ruleId === spikeRule)?.cleared).toHaveLength(1);
      await until(() => slack.accepted('spikes').length >= 2, 'the all-clear');
      const clear = slack.accepted('spikes')[1].body;
      expect(blockKitProblems(clear)).toEqual([]);
      expect(clear.blocks[0].text.text).toMatch(/^✅ All clear: negativity back to usual/);
      const [alert] = (await alertsOf(spikeRule)).filter((a) => a.type === 'alert');
      expect(alert.state).toBe('resolved');
      expect(alert.sentAt).not.toBeNull();
      await until(
        async () => (await alertsOf(spikeRule)).find((a) => a.type === 'alert')?.allClear?.state === 'sent',
        'all-clear sent',
      );
    });

    it('keeps the cooldown: a new storm right after the all-clear waits, then alerts', async () => {
      const at = (m: number) => new Date(t0.getTime() + minutes(m));
      await insertStorm(w.pg, sourceId, 40, at(140), at(145), 'storm2');
      const soon = await w.evaluate(at(150), ['negative_spike']);
      expect(soon.find((r) => r.ruleId === spikeRule)?.fired).toEqual([]);
      const later = await w.evaluate(at(190), ['negative_spike']);
      expect(later.find((r) => r.ruleId === spikeRule)?.fired).toHaveLength(1);
      await until(() => slack.accepted('spikes').length >= 3, 'the second spike');
      await settle();
      expect(slack.accepted('spikes')).toHaveLength(3);
      await w.admin.patch(`/api/alert-rules/${spikeRule}`, { enabled: false });
    });
  });

  it('a receiver answering 500 twice, then 200: exactly one message, three attempts', async () => {
    const own = await insertSource(w.pg, 'Flaky');
    const id = await rule({
      name: 'Flaky',
      kind: 'high_reach',
      sourceId: own,
      webhookUrl: slack.url('flaky'),
    });
    slack.script('flaky', [500, 500]);
    await insertHighReachItem(w.pg, own);
    await w.evaluate(new Date(), ['high_reach']);
    const [alert] = await until(async () => {
      const list = await alertsOf(id);
      return list[0]?.state === 'sent' ? list : null;
    }, 'sent after two 500s');
    expect(slack.requests.filter((r) => r.path.includes('/flaky/')).map((r) => r.status)).toEqual([
      500, 500, 200,
    ]);
    expect(slack.accepted('flaky')).toHaveLength(1);
    const detail = (await w.admin.get(`/api/alerts/${alert.id}`)).body;
    expect(detail.attempts).toBe(3);
    expect(detail.deliveries.map((d: any) => [d.outcome, d.httpStatus])).toEqual([
      ['retry', 500],
      ['retry', 500],
      ['sent', 200],
    ]);
    expect(blockKitProblems(slack.accepted('flaky')[0].body)).toEqual([]);
    await settle();
    expect(slack.accepted('flaky')).toHaveLength(1);
    await w.admin.patch(`/api/alert-rules/${id}`, { enabled: false });
  });

  it('a refusal (404 no_service) fails at once, is not retried, and can be resent by an admin', async () => {
    const own = await insertSource(w.pg, 'Gone');
    const id = await rule({ name: 'Gone', kind: 'high_reach', sourceId: own, webhookUrl: slack.url('gone') });
    slack.script('gone', [404]);
    await insertHighReachItem(w.pg, own);
    await w.evaluate(new Date(), ['high_reach']);
    const [alert] = await until(async () => {
      const list = await alertsOf(id);
      return list[0]?.state === 'failed' ? list : null;
    }, 'failed');
    expect(alert.lastError).toBe('HTTP 404: no_service');
    await settle();
    expect(slack.requests.filter((r) => r.path.includes('/gone/'))).toHaveLength(1);
    const resent = await w.admin.post(`/api/alerts/${alert.id}/resend`);
    expect(resent.status).toBe(200);
    await until(() => slack.accepted('gone').length === 1, 'resent');
    expect((await w.admin.post(`/api/alerts/${alert.id}/resend`)).status).toBe(409); // sent: nothing to resend
    await w.admin.patch(`/api/alert-rules/${id}`, { enabled: false });
  });

  it('a connection cut after sending: unknown, never resent by itself; an admin marks it sent', async () => {
    const own = await insertSource(w.pg, 'Cut');
    const id = await rule({ name: 'Cut', kind: 'high_reach', sourceId: own, webhookUrl: slack.url('cut') });
    slack.script('cut', ['cut']);
    await insertHighReachItem(w.pg, own);
    await w.evaluate(new Date(), ['high_reach']);
    const [alert] = await until(async () => {
      const list = await alertsOf(id);
      return list[0]?.state === 'unknown' ? list : null;
    }, 'unknown');
    expect(alert.lastError).toMatch(/may have arrived/);
    // A person looked in the channel and saw it: sent, as of the attempt; nothing goes again.
    const marked = await w.admin.post(`/api/alerts/${alert.id}/mark-sent`);
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ state: 'sent', lastError: null, attempts: 1 });
    expect(marked.body.sentAt).not.toBeNull();
    expect((await w.admin.post(`/api/alerts/${alert.id}/mark-sent`)).status).toBe(409);
    expect((await w.admin.post(`/api/alerts/${alert.id}/resend`)).status).toBe(409);
    await settle();
    expect(slack.requests.filter((r) => r.path.includes('/cut/'))).toHaveLength(1);
    await w.admin.patch(`/api/alert-rules/${id}`, { enabled: false });
  });

  it('with no webhook anywhere: recorded, listed and logged', async () => {
    const own = await insertSource(w.pg, 'Log only');
    const id = await rule({ name: 'Log only', kind: 'high_reach', sourceId: own });
    await insertHighReachItem(w.pg, own);
    await w.evaluate(new Date(), ['high_reach']);
    const [alert] = await until(async () => {
      const list = await alertsOf(id);
      return list[0]?.state === 'logged' ? list : null;
    }, 'logged');
    expect(alert.title).toMatch(/^Негатив с большим охватом/);
    expect(
      w.app.logs.some((l) => l.includes('ALERT (no Slack webhook configured)') && l.includes(alert.id)),
    ).toBe(true);
    await w.admin.patch(`/api/alert-rules/${id}`, { enabled: false });
  });

  it('quiet hours: the alert is recorded at once, its message waits until they end', async () => {
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const now = new Date();
    const own = await insertSource(w.pg, 'Night shift');
    const id = await rule({
      name: 'Night shift',
      kind: 'high_reach',
      sourceId: own,
      timeZone: 'UTC',
      quietHours: {
        from: hhmm(new Date(now.getTime() - minutes(60))),
        to: hhmm(new Date(now.getTime() + minutes(60))),
      },
      webhookUrl: slack.url('quiet'),
    });
    await insertHighReachItem(w.pg, own);
    await w.evaluate(new Date(), ['high_reach']);
    const [alert] = await alertsOf(id);
    expect(alert.state).toBe('fired');
    expect(new Date(alert.nextAttemptAt).getTime()).toBeGreaterThan(Date.now() + minutes(55));
    await settle(2500);
    expect(slack.requests.filter((r) => r.path.includes('/quiet/'))).toHaveLength(0);
    // The quiet hours are lifted: the held message goes now.
    await w.admin.patch(`/api/alert-rules/${id}`, { quietHours: null });
    await until(() => slack.accepted('quiet').length === 1, 'released after quiet hours');
    await w.admin.patch(`/api/alert-rules/${id}`, { enabled: false });
  });

  it('three worker instances: every alert delivered exactly once', async () => {
    extra.push(
      await startInstance(w.db.url, { ROLE: 'worker' }),
      await startInstance(w.db.url, { ROLE: 'worker' }),
    );
    const own = await insertSource(w.pg, 'Crowd');
    const id = await rule({
      name: 'Crowd',
      kind: 'high_reach',
      sourceId: own,
      webhookUrl: slack.url('crowd'),
    });
    slack.delayMs = 300; // slow answers widen any race
    for (let i = 0; i < 12; i++) await insertHighReachItem(w.pg, own, 200 + i);
    for (let i = 0; i < 3; i++) await w.evaluate(new Date(), ['high_reach']); // five per run
    const alerts = await alertsOf(id);
    expect(alerts).toHaveLength(12);
    // Two more delivery jobs per alert (as a lost-job sweep or a retried job would add): the
    // instances race on the claim; still one message each.
    const jobs = w.app.running.app.get(JobQueue);
    for (const a of alerts) {
      for (const k of [1, 2])
        await jobs.enqueue(ALERT_DELIVER_JOB, { alertId: a.id }, { singletonKey: `dup${k}:${a.id}` });
    }
    await until(() => slack.accepted('crowd').length >= 12, 'twelve messages', 30_000);
    await settle(2000);
    const ids = slack.accepted('crowd').map((r) => alertIdOf(r.body));
    expect(ids).toHaveLength(12);
    expect(new Set(ids)).toEqual(new Set(alerts.map((a) => a.id)));
    const workers = await w.sql(
      `SELECT DISTINCT d.worker FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id WHERE a.rule_id = $1`,
      [id],
    );
    expect(workers.length).toBeGreaterThanOrEqual(1);
    const [attempts] = await w.sql(
      `SELECT count(*)::int AS n FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id WHERE a.rule_id = $1`,
      [id],
    );
    expect(attempts.n).toBe(12);
    slack.delayMs = 0;
  });

  it('never lets a webhook address into a log, an API answer or the audit log', async () => {
    // a send that cannot connect at all, with a secret in its path
    const closed = await closedPort();
    const own = await insertSource(w.pg, 'Closed port');
    const id = await rule({
      name: 'Closed port',
      kind: 'high_reach',
      sourceId: own,
      webhookUrl: `http://127.0.0.1:${closed}/services/T/B/s3cr3t-closed`,
    });
    await insertHighReachItem(w.pg, own);
    await w.evaluate(new Date(), ['high_reach']);
    await until(async () => (await alertsOf(id))[0]?.attempts >= 1, 'an attempt');
    const answers = [
      await w.admin.get('/api/alert-rules'),
      await w.admin.get(`/api/alert-rules/${id}`),
      await w.admin.get('/api/alerts?limit=200'),
      ...(await Promise.all((await alertsOf(id)).map((a) => w.admin.get(`/api/alerts/${a.id}`)))),
    ];
    for (const a of answers) expect(JSON.stringify(a.body)).not.toMatch(/s3cr3t/);
    const logs = [...w.app.logs, ...extra.flatMap((i) => i.logs)];
    expect(logs.length).toBeGreaterThan(50);
    expect(logs.filter((l) => /s3cr3t/.test(l))).toEqual([]);
    const [audit] = await w.sql(`SELECT count(*)::int AS n FROM audit_log WHERE data::text LIKE '%s3cr3t%'`);
    expect(audit.n).toBe(0);
    const [deliveries] = await w.sql(
      `SELECT count(*)::int AS n FROM alert_deliveries WHERE error LIKE '%s3cr3t%'`,
    );
    expect(deliveries.n).toBe(0);
    const [error] = await w.sql(`SELECT last_error FROM alerts WHERE rule_id = $1`, [id]);
    expect(error.last_error).toMatch(/no connection \(ECONNREFUSED\)/);
  });
});
