import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../src/database/database.options';
import { changeStatus, type ConversationStatus } from '../../src/conversations/conversation-lifecycle';
import { ConversationsRepository, RUNNING_CLOCK } from '../../src/conversations/conversations.repository';
import { SlaClockRepository } from '../../src/sla/sla-clock.repository';
import { SlaPolicyRepository } from '../../src/sla/sla-policy.repository';
import { SlaPolicyService } from '../../src/sla/sla-policy.service';
import { SlaSweepService } from '../../src/sla/sla-sweep.service';
import { createTestDatabase, TestDatabase } from '../support/database';
import { insertConversation, insertManyConversations, insertSource, seededPolicyId } from './sla-fixtures';

/** One "instance": its own pool and services, as a worker process would have. */
function instance(ds: DataSource) {
  const conversations = new ConversationsRepository();
  const clocks = new SlaClockRepository(ds, conversations);
  const policies = new SlaPolicyService(new SlaPolicyRepository(ds), conversations);
  return {
    sweep: new SlaSweepService(clocks, policies),
    policies,
    /** What the inbox does on a status change: the lifecycle pauses or resumes the clock. */
    setStatus: async (id: string, to: ConversationStatus, at: Date) => {
      const rules = await policies.clockRules();
      await ds.transaction(async (m) => {
        const s = await conversations.lock(m, id);
        await conversations.save(m, [changeStatus(s!, to, { at }, rules)]);
      });
    },
  };
}

const t = (iso: string) => new Date(iso);

describe('SLA sweep on PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let ds2: DataSource;
  let sourceId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(databaseOptions(db.url, 4)).initialize();
    ds2 = await new DataSource(databaseOptions(db.url, 4)).initialize();
    sourceId = await insertSource(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await ds2?.destroy();
    await db?.drop();
  });

  const events = (conversationId: string) =>
    ds.query(`SELECT kind, due_at AS "dueAt" FROM sla_events WHERE conversation_id = $1 ORDER BY id`, [
      conversationId,
    ]);
  const conversation = async (id: string) =>
    (
      await ds.query(
        `SELECT due_at AS "dueAt", sla_warned_50_at AS w50, sla_warned_80_at AS w80, sla_breached_at AS breached,
                sla_paused_at AS "pausedAt", sla_paused_ms AS "pausedMs"
           FROM conversations WHERE id = $1`,
        [id],
      )
    )[0];

  it('raises 50 %, 80 % and the breach as time passes, each exactly once', async () => {
    const { sweep } = instance(ds);
    const id = await insertConversation(ds, sourceId, {
      startedAt: t('2030-01-01T10:00:00Z'),
      dueAt: t('2030-01-01T11:00:00Z'),
    });
    const at = async (iso: string) =>
      (await sweep.sweep(t(iso))).raised.filter((e) => e.conversationId === id).map((e) => e.kind);

    expect(await at('2030-01-01T10:29:59Z')).toEqual([]);
    expect(await at('2030-01-01T10:30:00Z')).toEqual(['warning_50']);
    expect(await at('2030-01-01T10:31:00Z')).toEqual([]);
    expect(await at('2030-01-01T10:48:00Z')).toEqual(['warning_80']);
    expect(await at('2030-01-01T11:00:00Z')).toEqual(['breach']);
    expect(await at('2030-01-01T12:00:00Z')).toEqual([]);

    expect((await events(id)).map((e: any) => e.kind)).toEqual(['warning_50', 'warning_80', 'breach']);
    const row = await conversation(id);
    expect(row.w50).toEqual(t('2030-01-01T10:30:00Z'));
    expect(row.w80).toEqual(t('2030-01-01T10:48:00Z'));
    expect(row.breached).toEqual(t('2030-01-01T11:00:00Z'));
  });

  it('two sweepers at once raise every event exactly once', async () => {
    const [{ before }] = await ds.query(`SELECT count(*)::int AS before FROM sla_events`);
    const started = t('2031-01-01T00:00:00Z');
    await insertManyConversations(ds, sourceId, 400, started, t('2031-01-01T01:00:00Z'));
    const a = instance(ds);
    const b = instance(ds2);
    const now = t('2031-01-01T02:00:00Z');
    const [ra, rb] = await Promise.all([a.sweep.sweep(now, 50), b.sweep.sweep(now, 50)]);
    const [rc] = await Promise.all([a.sweep.sweep(now, 50), b.sweep.sweep(now, 50)]);

    expect(ra.raised.length + rb.raised.length).toBe(1200);
    expect(rc.raised).toEqual([]);
    const [{ after, distinct }] = await ds.query(
      `SELECT count(*)::int AS after, count(DISTINCT (conversation_id, kind, due_at))::int AS distinct FROM sla_events`,
    );
    expect(after - before).toBe(1200);
    expect(distinct).toBe(after);
    const [{ unstamped }] = await ds.query(
      `SELECT count(*)::int AS unstamped FROM conversations
        WHERE sla_started_at = $1 AND (sla_breached_at IS NULL OR sla_warned_50_at IS NULL OR sla_warned_80_at IS NULL)`,
      [started],
    );
    expect(unstamped).toBe(0);
  });

  it('skips answered, paused, snoozed and resolved clocks, and handles microsecond deadlines', async () => {
    const { sweep } = instance(ds);
    // our answer stops a clock by clearing its deadline
    const answered = await insertConversation(ds, sourceId, {
      startedAt: t('2032-01-01T10:00:00Z'),
      dueAt: null,
      firstResponseAt: t('2032-01-01T10:05:00Z'),
    });
    const snoozed = await insertConversation(ds, sourceId, {
      startedAt: t('2032-01-01T10:00:00Z'),
      dueAt: t('2032-01-01T11:00:00Z'),
      status: 'snoozed',
    });
    const resolved = await insertConversation(ds, sourceId, {
      startedAt: t('2032-01-01T10:00:00Z'),
      dueAt: t('2032-01-01T11:00:00Z'),
      status: 'resolved',
    });
    const paused = await insertConversation(ds, sourceId, {
      startedAt: t('2032-01-01T10:00:00Z'),
      dueAt: t('2032-01-01T11:00:00Z'),
      pausedAt: t('2032-01-01T10:10:00Z'),
    });
    const micro = await insertConversation(ds, sourceId, {
      startedAt: '2032-01-01T10:00:00.000001Z',
      dueAt: '2032-01-01T11:00:00.123456Z',
    });
    const r = await sweep.sweep(t('2032-01-01T12:00:00Z'), 1);
    expect(await events(answered)).toEqual([]);
    expect(await events(paused)).toEqual([]);
    expect(await events(snoozed)).toEqual([]);
    expect(await events(resolved)).toEqual([]);
    expect(r.raised.filter((e) => e.conversationId === micro).map((e) => e.kind)).toEqual([
      'warning_50',
      'warning_80',
      'breach',
    ]);
    const [{ exact }] = await ds.query(
      `SELECT bool_and(e.due_at = c.due_at) AS exact FROM sla_events e JOIN conversations c ON c.id = e.conversation_id
        WHERE c.id = $1`,
      [micro],
    );
    expect(exact).toBe(true);
  });

  it('counts warnings in the policy calendar’s working time', async () => {
    const { sweep } = instance(ds);
    const [policy] = await ds.query(
      `INSERT INTO sla_policies (name, source_id, intent, first_response_minutes, calendar)
       VALUES ('office', $1, 'complaint', 180, $2) RETURNING id`,
      [
        sourceId,
        JSON.stringify({
          timeZone: 'Europe/Moscow',
          week: Object.fromEntries(
            ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '18:00' }]]),
          ),
        }),
      ],
    );
    // Friday 17:00 Moscow (14:00Z), 180 working minutes: due Monday 11:00 Moscow (08:00Z).
    const id = await insertConversation(ds, sourceId, {
      startedAt: t('2033-01-07T14:00:00Z'),
      dueAt: t('2033-01-10T08:00:00Z'),
      policyId: policy.id,
    });
    const kinds = async (iso: string) =>
      (await sweep.sweep(t(iso))).raised.filter((e) => e.conversationId === id).map((e) => e.kind);
    // The wall-clock midpoint (Sunday) is not 50 % of working time.
    expect(await kinds('2033-01-09T00:00:00Z')).toEqual([]);
    expect(await kinds('2033-01-10T06:29:00Z')).toEqual([]);
    expect(await kinds('2033-01-10T06:30:00Z')).toEqual(['warning_50']); // Monday 09:30 Moscow
  });

  it('pause stops the clock and resume moves the deadline by the paused time', async () => {
    const { sweep, setStatus } = instance(ds);
    const id = await insertConversation(ds, sourceId, {
      startedAt: t('2034-01-01T10:00:00Z'),
      dueAt: t('2034-01-01T11:00:00Z'),
      policyId: await seededPolicyId(ds, 'sales_question'),
    });
    await setStatus(id, 'pending', t('2034-01-01T10:10:00Z'));
    expect((await conversation(id)).pausedAt).toEqual(t('2034-01-01T10:10:00Z'));
    expect(
      (await sweep.sweep(t('2034-01-01T12:00:00Z'))).raised.filter((e) => e.conversationId === id),
    ).toEqual([]);
    await setStatus(id, 'open', t('2034-01-01T12:10:00Z'));
    const row = await conversation(id);
    expect(row.pausedAt).toBeNull();
    expect(Number(row.pausedMs)).toBe(2 * 3600_000);
    expect(row.dueAt).toEqual(t('2034-01-01T13:00:00Z'));
    // 10 min used before the pause + 20 after = 30 of 60: the 50 % warning, keyed by the new deadline.
    const raised = (await sweep.sweep(t('2034-01-01T12:30:00Z'))).raised.filter(
      (e) => e.conversationId === id,
    );
    expect(raised.map((e) => [e.kind, e.dueAt])).toEqual([['warning_50', t('2034-01-01T13:00:00Z')]]);
  });

  it('a reopened conversation gets its warnings again for the new deadline', async () => {
    const { sweep } = instance(ds);
    const id = await insertConversation(ds, sourceId, {
      startedAt: t('2035-01-01T10:00:00Z'),
      dueAt: t('2035-01-01T11:00:00Z'),
    });
    await sweep.sweep(t('2035-01-01T12:00:00Z'));
    // What ingest does on a new customer message after resolution: a new start and deadline.
    await ds.query(
      `UPDATE conversations SET sla_started_at = $2, due_at = $3, first_response_at = NULL, sla_warned_50_at = NULL,
              sla_warned_80_at = NULL, sla_breached_at = NULL WHERE id = $1`,
      [id, t('2035-01-02T10:00:00Z'), t('2035-01-02T11:00:00Z')],
    );
    await sweep.sweep(t('2035-01-02T11:30:00Z'));
    const all = await events(id);
    expect(all).toHaveLength(6);
    expect(new Set(all.map((e: any) => e.dueAt.toISOString()))).toEqual(
      new Set(['2035-01-01T11:00:00.000Z', '2035-01-02T11:00:00.000Z']),
    );
  });

  it('reads running clocks through the partial sweep index', async () => {
    const qr = ds.createQueryRunner();
    try {
      await qr.query(`SET enable_seqscan = off`);
      const plan = await qr.query(
        `EXPLAIN SELECT c.id FROM conversations c
          WHERE ${RUNNING_CLOCK} AND (c.sla_warned_80_at IS NULL OR c.due_at <= now())
          ORDER BY c.due_at, c.id LIMIT 500`,
      );
      expect(plan.map((r: any) => r['QUERY PLAN']).join('\n')).toMatch(/conversations_sla_sweep_idx/);
    } finally {
      await qr.release();
    }
  });
});
