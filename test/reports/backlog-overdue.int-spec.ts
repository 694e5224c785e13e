import { RollupMaintenance } from '../../src/reports/rollups/rollup-maintenance.service';
import { startTestApp, TestApp } from '../support/app';
import { withDb } from '../inbox/support';

/**
 * The backlog's "overdue" follows the next-response clock (issue 10): a follow-up whose clock
 * runs past its deadline after a first response is overdue; an answered one is not, even with
 * the breach of its earlier clock on record.
 */
describe('backlog snapshot: overdue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ROLE: 'api' });
  });
  afterAll(() => t?.stop());

  it('counts open conversations whose running clock is past due, whatever their first response', async () => {
    const now = new Date('2030-05-06T12:00:00Z');
    const at = (hhmm: string) => new Date(`2030-05-06T${hhmm}:00Z`);
    const sourceId = await withDb(t, async (c) => {
      const [{ id }] = (
        await c.query(
          `INSERT INTO sources (platform, name, settings) VALUES ('vk', 'Backlog', '{}') RETURNING id`,
        )
      ).rows;
      const conv = (
        key: string,
        o: { due: Date | null; firstResponse: Date | null; breached: Date | null },
      ) =>
        c.query(
          `INSERT INTO conversations (source_id, platform, thread_key, status, intent, needs_response,
             sla_started_at, due_at, first_response_at, sla_breached_at)
           VALUES ($1, 'vk', $2, 'open', 'support_question', true, $3, $4, $5, $6)`,
          [id, key, at('09:00'), o.due, o.firstResponse, o.breached],
        );
      // answered once, then a follow-up whose clock ran out at 11:00
      await conv('follow-up', { due: at('11:00'), firstResponse: at('09:30'), breached: null });
      // answered: the clock stopped (the breach of its earlier clock stays on record)
      await conv('answered', { due: null, firstResponse: at('10:30'), breached: at('10:00') });
      // running, not yet due
      await conv('running', { due: at('13:00'), firstResponse: null, breached: null });
      return id as string;
    });
    await t.app.get(RollupMaintenance).snapshot(now);
    const [row] = await withDb(
      t,
      async (c) =>
        (await c.query(`SELECT open, overdue FROM report_backlog WHERE source_id = $1`, [sourceId])).rows,
    );
    expect(row).toEqual({ open: 3, overdue: 1 });
  });
});
