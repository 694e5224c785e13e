import { changeStatus } from '../../src/conversations/conversation-lifecycle';
import { ConversationsRepository } from '../../src/conversations/conversations.repository';
import { SlaClockRepository } from '../../src/sla/sla-clock.repository';
import { SlaPolicyRepository } from '../../src/sla/sla-policy.repository';
import { SlaPolicyService } from '../../src/sla/sla-policy.service';
import { SlaSweepService } from '../../src/sla/sla-sweep.service';
import { dm, IngestHarness, openIngestHarness } from './harness';

/** Office hours in Moscow (UTC+3), Monday to Friday, no production calendar. */
const OFFICE = {
  timeZone: 'Europe/Moscow',
  week: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '18:00' }]]),
  ),
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

describe('Ingest and the SLA clock', () => {
  let h: IngestHarness;
  let office: string; // a source whose admin set a business-hours policy
  let always: string; // a source on the seeded 24/7 defaults
  let officePolicy: string;
  /** What the inbox does when an agent sets a conversation pending at `at`. */
  let setPending: (id: string, at: Date) => Promise<void>;
  let sweep: SlaSweepService;

  beforeAll(async () => {
    h = await openIngestHarness();
    office = await h.createSource('vk');
    always = await h.createSource('telegram');
    // Admin policy for one source, any intent: 180 working minutes in office hours.
    [{ id: officePolicy }] = await h.ds.query(
      `INSERT INTO sla_policies (name, source_id, intent, first_response_minutes, calendar)
       VALUES ('Office hours', $1, NULL, 180, $2) RETURNING id`,
      [office, OFFICE],
    );
    const conversations = new ConversationsRepository();
    const policies = new SlaPolicyService(new SlaPolicyRepository(h.ds), conversations);
    sweep = new SlaSweepService(new SlaClockRepository(h.ds, conversations), policies);
    setPending = async (id, at) => {
      const rules = await policies.clockRules();
      await h.ds.transaction(async (m) => {
        const s = await conversations.lock(m, id);
        await conversations.save(m, [changeStatus(s!, 'pending', { at }, rules)]);
      });
    };
  });
  afterAll(() => h.stop());

  const conv = async (source: string, key: string) =>
    (
      await h.ds.query(`SELECT * FROM conversations WHERE source_id = $1 AND thread_key = $2`, [source, key])
    )[0];

  it("counts an admin policy's deadline in its calendar's working time, on the item and the conversation", async () => {
    // Friday 17:30 Moscow: 30 minutes left on Friday, 150 on Monday from 09:00 -> Monday 11:30 (08:30Z).
    const item = dm('100', { createdAt: new Date('2024-11-01T14:30:00Z') });
    await h.ingest.ingest(office, { items: [item], cursors: {} });
    const [row] = await h.ds.query(`SELECT deadline_at FROM items WHERE external_id = $1`, [item.externalId]);
    expect(iso(row.deadline_at)).toBe('2024-11-04T08:30:00.000Z');
    const c = await conv(office, 'dm:100');
    expect(iso(c.due_at)).toBe('2024-11-04T08:30:00.000Z');
    expect(c.sla_policy_id).toBe(officePolicy);

    // The other source keeps the 24/7 default: three hours later.
    await h.ingest.ingest(always, { items: [dm('101', { createdAt: item.createdAt })], cursors: {} });
    expect(iso((await conv(always, 'dm:101')).due_at)).toBe('2024-11-01T17:30:00.000Z');
  });

  it('reopens a resolved conversation with a clean clock: warnings, breach and first response cleared', async () => {
    await h.ingest.ingest(office, {
      items: [dm('200', { createdAt: new Date('2024-11-05T07:00:00Z') })], // Tue 10:00 Moscow
      cursors: {},
    });
    const before = await conv(office, 'dm:200');
    expect(iso(before.due_at)).toBe('2024-11-05T10:00:00.000Z');
    const first = await sweep.sweep(new Date('2024-11-05T12:00:00Z'));
    expect(first.raised.filter((e) => e.conversationId === before.id).map((e) => e.kind)).toEqual([
      'warning_50',
      'warning_80',
      'breach',
    ]);
    await h.ds.query(
      `UPDATE conversations SET status = 'resolved', resolved_at = now(), needs_response = false,
         first_response_at = '2024-11-05T12:30:00Z', first_response_seconds = 19800 WHERE id = $1`,
      [before.id],
    );

    // Thursday 17:00 Moscow: one working hour left that day, two more on Friday from 09:00.
    await h.ingest.ingest(office, {
      items: [dm('200', { createdAt: new Date('2024-11-07T14:00:00Z') })],
      cursors: {},
    });
    const after = await conv(office, 'dm:200');
    expect(after.status).toBe('open');
    expect(after.resolved_at).toBeNull();
    expect(after.first_response_at).toBeNull();
    expect(after.first_response_seconds).toBeNull();
    expect(after.sla_warned_50_at).toBeNull();
    expect(after.sla_warned_80_at).toBeNull();
    expect(after.sla_breached_at).toBeNull();
    expect(iso(after.sla_started_at)).toBe('2024-11-07T14:00:00.000Z');
    expect(iso(after.due_at)).toBe('2024-11-08T08:00:00.000Z');

    // The new deadline raises its own events; the old ones are not raised again.
    await sweep.sweep(new Date('2024-11-08T09:00:00Z'));
    const events = await h.ds.query(
      `SELECT kind, due_at FROM sla_events WHERE conversation_id = $1 ORDER BY id`,
      [after.id],
    );
    expect(events.map((e: { kind: string; due_at: Date }) => `${e.kind}@${iso(e.due_at)}`)).toEqual([
      'warning_50@2024-11-05T10:00:00.000Z',
      'warning_80@2024-11-05T10:00:00.000Z',
      'breach@2024-11-05T10:00:00.000Z',
      'warning_50@2024-11-08T08:00:00.000Z',
      'warning_80@2024-11-08T08:00:00.000Z',
      'breach@2024-11-08T08:00:00.000Z',
    ]);
  });

  it('a customer message on a pending conversation puts it back in the queue and resumes the paused clock', async () => {
    // 24/7 source: written 10:00, due 13:00; paused 10:30 while waiting on the customer.
    await h.ingest.ingest(always, {
      items: [dm('300', { createdAt: new Date('2030-03-01T10:00:00Z') })],
      cursors: {},
    });
    const c = await conv(always, 'dm:300');
    await setPending(c.id, new Date('2030-03-01T10:30:00Z'));

    // The customer answers at 11:45: 75 minutes paused, the deadline moves to 14:15.
    await h.ingest.ingest(always, {
      items: [dm('300', { createdAt: new Date('2030-03-01T11:45:00Z') })],
      cursors: {},
    });
    const after = await conv(always, 'dm:300');
    expect(after.status).toBe('open');
    expect(after.sla_paused_at).toBeNull();
    expect(Number(after.sla_paused_ms)).toBe(75 * 60_000);
    expect(iso(after.due_at)).toBe('2030-03-01T14:15:00.000Z');
  });

  it('resumes in working time under a business calendar (a paused weekend costs nothing)', async () => {
    // Friday 16:00 Moscow, due Monday 10:00 (2 h Friday + 1 h Monday); paused Friday 17:00.
    await h.ingest.ingest(office, {
      items: [dm('400', { createdAt: new Date('2030-03-01T13:00:00Z') })],
      cursors: {},
    });
    const c = await conv(office, 'dm:400');
    expect(iso(c.due_at)).toBe('2030-03-04T07:00:00.000Z');
    await setPending(c.id, new Date('2030-03-01T14:00:00Z'));

    // The customer writes Monday 09:30: the paused working time is Fri 17:00-18:00 and Mon 09:00-09:30.
    await h.ingest.ingest(office, {
      items: [dm('400', { createdAt: new Date('2030-03-04T06:30:00Z') })],
      cursors: {},
    });
    const after = await conv(office, 'dm:400');
    expect(after.status).toBe('open');
    expect(after.sla_paused_at).toBeNull();
    expect(Number(after.sla_paused_ms)).toBe(90 * 60_000);
    // Two of three working hours were left at the pause: Monday 09:30 + 2 h = 11:30 Moscow.
    expect(iso(after.due_at)).toBe('2030-03-04T08:30:00.000Z');
  });

  it('a brand message on a pending conversation leaves it pending', async () => {
    await h.ingest.ingest(always, {
      items: [dm('500', { createdAt: new Date('2030-03-02T10:00:00Z') })],
      cursors: {},
    });
    const c = await conv(always, 'dm:500');
    await setPending(c.id, new Date('2030-03-02T10:10:00Z'));
    await h.ingest.ingest(always, {
      items: [
        dm('500', {
          author: { externalId: '-42', isBrand: true },
          createdAt: new Date('2030-03-02T10:20:00Z'),
        }),
      ],
      cursors: {},
    });
    const after = await conv(always, 'dm:500');
    expect(after.status).toBe('pending');
    expect(iso(after.sla_paused_at)).toBe('2030-03-02T10:10:00.000Z');
  });
});
