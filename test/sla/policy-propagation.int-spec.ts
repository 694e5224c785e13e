import { createApp, RunningApp } from '../../src/bootstrap';
import { IngestService } from '../../src/ingest/ingest.service';
import { SlaPolicyService } from '../../src/sla/sla-policy.service';
import { startTestApp, TestApp, testConfig } from '../support/app';
import { ADMIN, login, seedConversation, Session, waitFor, withDb } from '../inbox/support';
import { dm } from '../ingest/harness';

/**
 * One source of SLA policies (issue 10.2): ingest triages against SlaPolicyService's cached rules,
 * which a change invalidates at once on its own instance and, by NOTIFY, on every other one.
 */
describe('an SLA policy edited through the API', () => {
  let t: TestApp;
  let worker: RunningApp;
  let admin: Session;
  let sourceId: string;

  beforeAll(async () => {
    t = await startTestApp();
    // another instance on the same database, as a worker that ingests
    worker = await createApp(testConfig({ ROLE: 'worker' }, t.db.url), { logger: false });
    admin = await login(t, ADMIN.email, ADMIN.password);
    sourceId = await withDb(t, async (c) => (await seedConversation(c)).sourceId);
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.stop();
  });

  let peer = 0;
  /** Ingests one customer question on `app` and returns its deadline in minutes from when it was written. */
  async function nextDeadline(app: TestApp['app'] | RunningApp['app']): Promise<number> {
    const writtenAt = new Date(Date.now() - 60_000);
    const item = dm(`policy-${++peer}`, {
      createdAt: writtenAt,
      text: 'Не приходит SMS-код при входе, что делать?',
    });
    await app.get(IngestService).ingest(sourceId, { items: [item], cursors: {} });
    const [row] = await withDb(
      t,
      async (c) =>
        (
          await c.query(
            `SELECT needs_response, deadline_at FROM items WHERE source_id = $1 AND external_id = $2`,
            [sourceId, item.externalId],
          )
        ).rows,
    );
    expect(row.needs_response).toBe(true);
    return (row.deadline_at.getTime() - writtenAt.getTime()) / 60_000;
  }
  const targetOn = async (app: RunningApp['app'], id: string) =>
    (await app.get(SlaPolicyService).rules()).find((r) => r.id === id)?.firstResponseMinutes;

  it('changes the very next ingested item’s deadline, on this instance and on another one', async () => {
    // Both instances have read the rules (and cached them) before the policy exists.
    expect(await nextDeadline(t.app)).toBe(180);
    expect(await nextDeadline(worker.app)).toBe(180);

    const policy: any = await admin.json(
      'POST',
      '/api/sla-policies',
      { name: 'This community, any question', sourceId, firstResponseMinutes: 120 },
      201,
    );
    expect(await nextDeadline(t.app)).toBe(120);
    await waitFor(async () => (await targetOn(worker.app, policy.id)) === 120, 5000);
    expect(await nextDeadline(worker.app)).toBe(120);

    await admin.json('PATCH', `/api/sla-policies/${policy.id}`, { firstResponseMinutes: 25 }, 200);
    // Here: the very next item.
    expect(await nextDeadline(t.app)).toBe(25);
    // There: as soon as the NOTIFY arrives (milliseconds; the cache alone would wait up to a minute).
    const since = Date.now();
    await waitFor(async () => (await targetOn(worker.app, policy.id)) === 25, 5000, 10);
    console.log(`the other instance dropped its cached policies ${Date.now() - since} ms after the change`);
    expect(await nextDeadline(worker.app)).toBe(25);
  });
});
