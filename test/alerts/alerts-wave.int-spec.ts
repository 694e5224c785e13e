/**
 * A wave of anger that spreads from one community to another within the hour is one incident:
 * one Slack message, and the open alert widens to speak for the second community too
 * (`details.covers`), so it raises nothing of its own while the incident is open.
 */
import { startAlertsWorld, AlertsWorld } from './harness';
import { insertHistory, insertSource, insertStorm, minutes } from './fixtures';
import { SlackReceiver, until } from './slack-receiver';

jest.setTimeout(120_000);

describe('a spike wave over two communities', () => {
  let w: AlertsWorld;
  let slack: SlackReceiver;
  let a: string;
  let b: string;
  const t0 = new Date();

  beforeAll(async () => {
    slack = await SlackReceiver.start();
    w = await startAlertsWorld();
    const created = new Date(t0.getTime() - 40 * 86400_000);
    a = await insertSource(w.pg, 'ДомНет во ВКонтакте', 'vk', created);
    b = await insertSource(w.pg, 'ДомНет Поддержка', 'vk', created);
    for (const [id, tag] of [
      [a, 'ha'],
      [b, 'hb'],
    ])
      await insertHistory(
        w.pg,
        id,
        new Date(t0.getTime() - 30 * 86400_000),
        new Date(t0.getTime() - minutes(1)),
        10,
        tag,
      );
  });
  afterAll(async () => {
    await w?.close();
    await slack?.stop();
  });

  it('sends one message; the second community joins the open incident', async () => {
    const created = await w.admin.post('/api/alert-rules', {
      name: 'Spikes',
      kind: 'negative_spike',
      language: 'en',
      cooldownMinutes: 60,
      // per community only: the first incident speaks for its own community, nothing wider
      params: { scopes: ['source'] },
      webhookUrl: slack.url('wave'),
    });
    expect(created.status).toBe(201);
    const ruleId = created.body.id as string;
    const alertsOf = async () =>
      (await w.admin.get(`/api/alerts?ruleId=${ruleId}&limit=200`)).body.alerts as any[];

    await insertStorm(
      w.pg,
      a,
      40,
      new Date(t0.getTime() - minutes(14)),
      new Date(t0.getTime() - minutes(1)),
      'sa',
    );
    await w.evaluate(t0, ['negative_spike']);
    await until(() => slack.accepted('wave').length >= 1, 'the first message');
    const [first] = await alertsOf();
    expect(first.scope).toBe(`source:${a}`);
    expect(first.details.covers).toEqual([`source:${a}`]);

    // twenty minutes later the other community storms too, while the first is still open
    const t1 = new Date(t0.getTime() + minutes(20));
    await insertStorm(
      w.pg,
      b,
      40,
      new Date(t1.getTime() - minutes(14)),
      new Date(t1.getTime() - minutes(1)),
      'sb',
    );
    const runs = await w.evaluate(t1, ['negative_spike']);
    expect(runs.find((r) => r.ruleId === ruleId)).toMatchObject({ fired: [], widened: [first.id] });
    await w.evaluate(new Date(t1.getTime() + minutes(1)), ['negative_spike']);
    await new Promise((r) => setTimeout(r, 1500));

    expect(slack.accepted('wave')).toHaveLength(1);
    const list = await alertsOf();
    expect(list).toHaveLength(1);
    expect(list[0].id).toBe(first.id);
    expect([...list[0].details.covers].sort()).toEqual([`source:${a}`, `source:${b}`].sort());
  });
});
