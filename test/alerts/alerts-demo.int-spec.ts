/**
 * Demo mode shows alerting: «ДомНет» has a few hours of quiet VK history (backdated, read by the
 * connector's start-up backfill); the admin starts the demo storm (an outage, angry comments
 * through the real VK and Telegram connectors); the seeded spike rule fires one alert, which
 * reaches SLACK_WEBHOOK_URL (a local receiver) and the alert list.
 */
import { Pool } from 'pg';
import { AlertsEvaluationService } from '../../src/alerts/alerts-evaluation.service';
import { blockKitProblems } from '../../src/alerts/slack/block-kit-check';
import { ADMIN, Client } from '../auth/client';
import { createTestDatabase, TestDatabase } from '../support/database';
import { Instance, startInstance } from './harness';
import { SlackReceiver, until } from './slack-receiver';

jest.setTimeout(180_000);

describe('demo storm', () => {
  let db: TestDatabase;
  let pg: Pool;
  let slack: SlackReceiver;
  let app: Instance;
  let admin: Client;

  beforeAll(async () => {
    slack = await SlackReceiver.start();
    db = await createTestDatabase();
    pg = new Pool({ connectionString: db.url, max: 2 });
    app = await startInstance(db.url, { DEMO: 'true', SLACK_WEBHOOK_URL: slack.url('oncall') });
    admin = new Client(app.url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
    await pg?.end();
    await db?.drop();
  });

  const spikes = async () =>
    (await admin.get('/api/alerts?kind=negative_spike&type=alert')).body.alerts as any[];
  const evaluate = () =>
    app.running.app.get(AlertsEvaluationService).evaluate(new Date(), ['negative_spike']);

  it('fires one spike alert after the storm, sent to SLACK_WEBHOOK_URL, and not before', async () => {
    // The backdated history and the seed are in.
    await until(
      async () => {
        const [r] = (
          await pg.query(
            `SELECT count(*)::int AS n FROM items WHERE platform = 'vk' AND created_at_platform < now() - interval '2 hours'`,
          )
        ).rows;
        return r.n >= 40;
      },
      'the VK history backfilled',
      60_000,
    );
    await new Promise((r) => setTimeout(r, 5000)); // the seed lands
    await evaluate();
    expect(await spikes()).toEqual([]);

    expect((await admin.post('/api/demo/storm')).status).toBe(202);
    await until(
      async () => {
        const [r] = (
          await pg.query(
            `SELECT count(*)::int AS n FROM items
              WHERE text ILIKE '%не работает%' AND created_at_platform > now() - interval '5 minutes'`,
          )
        ).rows;
        return r.n >= 25;
      },
      'the storm stored',
      90_000,
      500,
    );
    await evaluate();
    const [alert] = await until(async () => {
      const list = await spikes();
      return list.length && list[0].state === 'sent' ? list : null;
    }, 'the spike alert sent');
    await evaluate();
    expect(await spikes()).toHaveLength(1);
    expect(alert.title).toMatch(/^Всплеск негатива/);
    expect(alert.details.baselineMode).toBe('recent');
    const got = slack.accepted('oncall').filter((r) => r.body.blocks?.[0]?.text?.text?.startsWith('🔺'));
    expect(got).toHaveLength(1);
    expect(blockKitProblems(got[0].body)).toEqual([]);
    expect(JSON.stringify(got[0].body)).toMatch(/не работает|Интернета нет|списали/i);
  });
});
