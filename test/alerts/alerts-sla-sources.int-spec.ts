/**
 * SLA alerts from the SLA module's own record (the real sweep raises the events): one message per
 * rule and window, and an escalation to the lead channel for a breach still unanswered.
 * Source health from the real connector path: a revoked VK token (VK error 5 from the emulator)
 * makes the source need attention, which alerts at once; a new token brings the all-clear.
 */
import { AlertsEvaluationService } from '../../src/alerts/alerts-evaluation.service';
import { blockKitProblems } from '../../src/alerts/slack/block-kit-check';
import { SlaSweepService } from '../../src/sla/sla-sweep.service';
import { GROUP_ID, sourceView, startWorld, until as worldUntil, World } from '../e2e/harness';
import { insertClock, minutes } from './fixtures';
import { SlackReceiver, until } from './slack-receiver';
import { Pool } from 'pg';

jest.setTimeout(120_000);

describe('SLA and source-health alerts', () => {
  let w: World;
  let pg: Pool;
  let slack: SlackReceiver;

  beforeAll(async () => {
    slack = await SlackReceiver.start();
    w = await startWorld();
    pg = new Pool({ connectionString: w.db.url, max: 2 });
  });
  afterAll(async () => {
    await pg?.end();
    await w?.close();
    await slack?.stop();
  });

  const evaluate = (now: Date, kind: 'sla' | 'source_health') =>
    w.app!.app.get(AlertsEvaluationService).evaluate(now, [kind]);
  const alertsOf = async (ruleId: string) =>
    (await w.admin.get(`/api/alerts?ruleId=${ruleId}&limit=100`)).body.alerts as any[];

  it('batches due-soon and breached conversations into one message per window; escalates the unanswered breach', async () => {
    const rule = await w.admin.post('/api/alert-rules', {
      name: 'SLA',
      kind: 'sla',
      enabled: false, // until the scene is set (the scheduled evaluation runs every minute)
      language: 'ru',
      params: { windowMinutes: 1, escalateAfterMinutes: 1 },
      webhookUrl: slack.url('care'),
      leadWebhookUrl: slack.url('lead'),
    });
    expect(rule.status).toBe(201);
    const now = Date.now();
    const at = (m: number) => new Date(now + minutes(m));
    // Two breached (one of them answered later), two at 80 % of their hour, one far from due.
    const late = await insertClock(pg, w.vkSourceId, at(-70), at(-10), 'Третий день жду ответа по возврату!');
    const answered = await insertClock(pg, w.vkSourceId, at(-70), at(-12), 'Где мой заказ?');
    await insertClock(pg, w.vkSourceId, at(-52), at(5), 'Не могу оплатить картой');
    await insertClock(pg, w.vkSourceId, at(-53), at(4), 'Списали дважды');
    await insertClock(pg, w.vkSourceId, at(-5), at(55), 'Когда будет акция?');
    // The real sweep raises the events, stamped three minutes ago (a closed window by now).
    const sweep = await w.app!.app.get(SlaSweepService).sweep(at(-3));
    expect(sweep.raised.filter((e) => e.kind === 'breach')).toHaveLength(2);
    // what a delivered answer does (recordAnswer in src/conversations/conversation-lifecycle.ts):
    // the first response is stamped, the clock stops and the conversation waits on the customer
    await pg.query(
      `UPDATE conversations SET first_response_at = $2, due_at = NULL, status = 'pending' WHERE id = $1`,
      [answered, at(-2)],
    );

    await w.admin.patch(`/api/alert-rules/${rule.body.id}`, { enabled: true });
    await evaluate(new Date(), 'sla');
    await until(
      () => slack.accepted('care').length === 1 && slack.accepted('lead').length === 1,
      'both messages',
    );
    const care = slack.accepted('care')[0].body;
    expect(blockKitProblems(care)).toEqual([]);
    expect(care.blocks[0].text.text).toBe('⏰ SLA: сроки ответа: 2 просрочены, 2 скоро истекают');
    expect(JSON.stringify(care)).toContain('Третий день жду ответа по возврату!');
    const lead = slack.accepted('lead')[0].body;
    expect(blockKitProblems(lead)).toEqual([]);
    expect(lead.blocks[0].text.text).toBe('🚨 Эскалация: просрочено и без ответа: 1 обращение');
    expect(JSON.stringify(lead)).toContain('Третий день жду ответа');
    expect(JSON.stringify(lead)).not.toContain('Где мой заказ?'); // answered: no escalation

    // Evaluated again (another worker, the next minute): nothing new.
    const again = await evaluate(new Date(), 'sla');
    expect(again.find((r) => r.ruleId === rule.body.id)!.fired).toEqual([]);
    const list = await until(async () => {
      const l = await alertsOf(rule.body.id);
      return l.length === 2 && l.every((a) => a.state === 'sent') ? l : null;
    }, 'both recorded as sent');
    expect(list.map((a) => [a.kind, a.channel, a.state]).sort()).toEqual([
      ['sla', 'main', 'sent'],
      ['sla_escalation', 'lead', 'sent'],
    ]);
    const escalation = list.find((a) => a.kind === 'sla_escalation');
    expect(escalation.samples.map((x: any) => x.conversationId)).toEqual([late]);
  });

  it('a revoked VK token alerts at once; the new token brings the all-clear', async () => {
    const rule = await w.admin.post('/api/alert-rules', {
      name: 'Sources',
      kind: 'source_health',
      language: 'en',
      cooldownMinutes: 0,
      webhookUrl: slack.url('health'),
    });
    expect(rule.status).toBe(201);
    expect(
      (await evaluate(new Date(), 'source_health')).find((r) => r.ruleId === rule.body.id)!.fired,
    ).toEqual([]);

    const c = w.vk.control;
    c.revokeToken(w.groupToken);
    c.expireLpKeys(GROUP_ID);
    await worldUntil(
      async () => (await sourceView(w, w.vkSourceId)).status === 'needs_attention',
      10_000,
      'needs_attention',
    );
    await evaluate(new Date(), 'source_health');
    await until(() => slack.accepted('health').length === 1, 'the source alert');
    const msg = slack.accepted('health')[0].body;
    expect(blockKitProblems(msg)).toEqual([]);
    expect(msg.blocks[0].text.text).toBe('⚠️ A source needs attention: Acme во ВКонтакте');
    expect(JSON.stringify(msg)).toContain('VK error 5');
    // (the receiver has the message a moment before the worker records it)
    const [alert] = await until(async () => {
      const list = await alertsOf(rule.body.id);
      return list[0]?.state === 'sent' ? list : null;
    }, 'recorded as sent');
    expect(alert).toMatchObject({
      kind: 'source_health',
      scope: `source-health:${w.vkSourceId}`,
    });
    expect(alert.link).toContain(`/alerts/sources?sourceId=${w.vkSourceId}`);

    const fresh = c.token({ kind: 'group', groupId: GROUP_ID });
    const patched = await w.admin.patch(`/api/sources/${w.vkSourceId}`, {
      credentials: { groupToken: fresh, serviceToken: w.serviceToken },
    });
    expect(patched.body.status).toBe('healthy');
    w.groupToken = fresh;
    await evaluate(new Date(), 'source_health');
    await until(() => slack.accepted('health').length === 2, 'the all-clear');
    expect(slack.accepted('health')[1].body.blocks[0].text.text).toBe(
      '✅ The source is fine again: Acme во ВКонтакте',
    );
    await until(
      async () => (await alertsOf(rule.body.id)).find((a) => a.type === 'alert')?.state === 'resolved',
      'the alert resolved',
    );
  });

  it('a source that stops receiving (no item, no successful call) for the set time alerts too', async () => {
    const rule = await w.admin.post('/api/alert-rules', {
      name: 'Silence',
      kind: 'source_health',
      sourceId: w.tgSourceId,
      params: { silentMinutes: 30 },
      webhookUrl: slack.url('silence'),
    });
    // As if the Telegram source had heard nothing for two hours.
    await pg.query(
      `UPDATE sources SET last_synced_at = now() - interval '2 hours', created_at = now() - interval '3 days',
              status_changed_at = now() - interval '3 days' WHERE id = $1`,
      [w.tgSourceId],
    );
    await pg.query(`UPDATE items SET created_at_platform = now() - interval '2 hours' WHERE source_id = $1`, [
      w.tgSourceId,
    ]);
    await evaluate(new Date(), 'source_health');
    await until(() => slack.accepted('silence').length === 1, 'the silence alert');
    expect(slack.accepted('silence')[0].body.blocks[0].text.text).toBe('⚠️ Источник молчит: Acme в Telegram');
    const [alert] = await alertsOf(rule.body.id);
    expect(alert.details).toMatchObject({ problem: 'silent' });
    expect(alert.details.silentMinutes).toBeGreaterThanOrEqual(119);
  });
});
