import { DataSource } from 'typeorm';
import type { NormalizedItem } from '../../src/connectors/connector';
import { seededRandom } from '../../src/common/seeded-random';
import { IngestService } from '../../src/ingest/ingest.service';
import { ReplyDeliveryService } from '../../src/replies/reply-delivery.service';
import { RollupMaintenance } from '../../src/reports/rollups/rollup-maintenance.service';
import { TermsWorker } from '../../src/reports/rollups/terms-worker.service';
import { SlaClockRepository } from '../../src/sla/sla-clock.repository';
import { startTestApp, TestApp } from '../support/app';
import { ADMIN, login, Session } from '../inbox/support';

/**
 * The rollups follow every write (ingest by binary COPY, edits, corrections, merges, answers,
 * breaches, reopens, tags) inside PostgreSQL, and always equal a full recount.
 */
describe('report rollups', () => {
  let t: TestApp;
  let admin: Session;
  let ds: DataSource;
  let ingest: IngestService;
  let maintenance: RollupMaintenance;
  let terms: TermsWorker;
  let sourceId: string;

  beforeAll(async () => {
    // no workers: the test folds and counts terms itself, so every step is deterministic
    t = await startTestApp({ ROLE: 'api' });
    admin = await login(t, ADMIN.email, ADMIN.password);
    ds = t.app.get(DataSource);
    ingest = t.app.get(IngestService);
    maintenance = t.app.get(RollupMaintenance);
    terms = t.app.get(TermsWorker);
    [{ id: sourceId }] = await ds.query(
      `INSERT INTO sources (platform, name, settings) VALUES ('vk', 'Reports VK', '{}') RETURNING id`,
    );
    // the term counts start (empty) now, so everything below is counted incrementally
    await terms.drain();
    expect(await ds.query(`SELECT time_zone FROM report_term_state`)).toEqual([
      { time_zone: 'Europe/Moscow' },
    ]);
  });
  afterAll(async () => {
    await t?.stop();
  });

  const item = (
    n: string,
    text: string,
    at: string,
    author = 'a1',
    thread = 'wall:-1_1',
  ): NormalizedItem => ({
    externalId: `r:${n}`,
    kind: 'comment',
    threadExternalId: thread,
    author: { externalId: author, name: `Author ${author}` },
    text,
    createdAt: new Date(at),
  });

  /** rollup + unfolded deltas for one hour of this source */
  const hour = async (h: string) => {
    const [row] = await ds.query(
      `SELECT sum(items)::int AS items, sum(negative)::int AS negative, sum(neutral)::int AS neutral,
              sum(positive)::int AS positive
         FROM (SELECT * FROM report_item_hours UNION ALL SELECT * FROM report_item_hours_delta) r
        WHERE source_id = $1 AND hour = $2`,
      [sourceId, h],
    );
    return row;
  };

  it('counts items stored by ingest (binary COPY) in their hour, and queues the polarised ones for terms', async () => {
    const before = await hour('2025-02-03T10:00:00Z');
    const r = await ingest.ingest(sourceId, {
      items: [
        item('c1', 'Ужасный сервис, деньги списали дважды, верните деньги!', '2025-02-03T10:05:00Z', 'a1'),
        item('c2', 'Спасибо большое, всё пришло вовремя, отличная доставка!', '2025-02-03T10:40:00Z', 'a2'),
        item('c3', 'Сколько стоит доставка в Казань?', '2025-02-03T11:10:00Z', 'a3'),
      ],
      cursors: {},
    });
    expect(r.inserted).toBe(3);
    const labels: { external_id: string; sentiment_label: string }[] = await ds.query(
      `SELECT external_id, sentiment_label FROM items WHERE source_id = $1 AND external_id IN ('r:c1', 'r:c2') ORDER BY 1`,
      [sourceId],
    );
    expect(labels.map((l) => l.sentiment_label)).toEqual(['negative', 'positive']);
    const after = await hour('2025-02-03T10:00:00Z');
    expect(after.items - (before.items ?? 0)).toBe(2);
    expect(after.negative - (before.negative ?? 0)).toBe(1);
    expect(after.positive - (before.positive ?? 0)).toBe(1);
    expect((await hour('2025-02-03T11:00:00Z')).items).toBe(1);
    const [{ queued }] = await ds.query(
      `SELECT count(*)::int AS queued FROM report_term_queue q JOIN items i ON i.id = ANY(q.item_ids)
        WHERE i.external_id IN ('r:c1', 'r:c2') AND q.olds IS NULL`,
    );
    expect(queued).toBe(2);
    await terms.drain();
    const [counted] = await ds.query(
      `SELECT items FROM report_term_days WHERE polarity = 'negative' AND term = 'верн деньг' AND day = '2025-02-03'`,
    );
    expect(counted.items).toBe(1);
  });

  it('moves a corrected item between sentiments in its hour (and its terms between polarities)', async () => {
    await ingest.ingest(sourceId, {
      items: [item('m1', 'Опять не работает приложение, сколько можно', '2025-02-05T08:15:00Z', 'a9')],
      cursors: {},
    });
    const [{ id, sentiment_label }] = await ds.query(
      `SELECT id::text, sentiment_label FROM items WHERE source_id = $1 AND external_id = 'r:m1'`,
      [sourceId],
    );
    expect(sentiment_label).toBe('negative');
    await terms.drain();
    const termRow = async (polarity: string) =>
      (
        await ds.query(
          `SELECT items FROM report_term_days WHERE polarity = $1 AND term = 'не работа' AND day = '2025-02-05'`,
          [polarity],
        )
      )[0]?.items ?? 0;
    expect(await termRow('negative')).toBe(1);
    expect(await hour('2025-02-05T08:00:00Z')).toEqual({ items: 1, negative: 1, neutral: 0, positive: 0 });

    await admin.json('PATCH', `/api/items/${id}/analysis`, { sentiment: 'positive' }, 200);
    expect(await hour('2025-02-05T08:00:00Z')).toEqual({ items: 1, negative: 0, neutral: 0, positive: 1 });
    await terms.drain();
    expect(await termRow('negative')).toBe(0);
    expect(await termRow('positive')).toBe(1);

    await admin.json('PATCH', `/api/items/${id}/analysis`, { sentiment: 'neutral' }, 200);
    expect(await hour('2025-02-05T08:00:00Z')).toEqual({ items: 1, negative: 0, neutral: 1, positive: 0 });
    await terms.drain();
    expect(await termRow('positive')).toBe(0);
  });

  it('equals a full recount after a randomized mix of writes; a rebuild changes nothing and is idempotent', async () => {
    const rnd = seededRandom(1313);
    const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
    const phrases = [
      'Ужасно, деньги списали и не вернули, верните деньги',
      'Не работает приложение второй день',
      'Спасибо, отличная поддержка, всё быстро решили',
      'Сколько стоит подключение тарифа?',
      'Подписывайтесь на мой канал, скидки каждый день',
      'Where is my order? It is late again, terrible',
      'Great service, thanks a lot!',
      'Курьер опоздал на три часа, безобразие',
      'Как поменять пароль?',
      'Люблю вас, лучший магазин',
    ];
    const delivery = t.app.get(ReplyDeliveryService, { strict: false });
    const clock = t.app.get(SlaClockRepository, { strict: false });
    const [{ id: tagA }] = await ds.query(`INSERT INTO tags (name) VALUES ('доставка') RETURNING id`);
    const [{ id: tagB }] = await ds.query(`INSERT INTO tags (name) VALUES ('оплата') RETURNING id`);
    let n = 0;
    const base = Date.parse('2025-03-01T00:00:00Z');
    const ops = {
      ingest: 0,
      edit: 0,
      correct: 0,
      merge: 0,
      answer: 0,
      breach: 0,
      resolve: 0,
      tag: 0,
      untag: 0,
    };

    for (let round = 0; round < 120; round++) {
      const op = pick([
        'ingest',
        'ingest',
        'ingest',
        'edit',
        'correct',
        'correct',
        'merge',
        'answer',
        'answer',
        'breach',
        'resolve',
        'tag',
        'untag',
      ] as const);
      ops[op]++;
      if (op === 'ingest') {
        const items = Array.from({ length: 1 + Math.floor(rnd() * 25) }, () => {
          n++;
          const author = `u${Math.floor(rnd() * 12)}`;
          return item(
            `x${n}`,
            `${pick(phrases)} #${n}`,
            new Date(base + Math.floor(rnd() * 9 * 24 * 3600_000)).toISOString(),
            author,
            rnd() < 0.5 ? `dm:${author}` : `wall:-1_${Math.floor(rnd() * 4)}`,
          );
        });
        await ingest.ingest(sourceId, { items, cursors: {} });
      } else if (op === 'edit' && n > 0) {
        const k = 1 + Math.floor(rnd() * n);
        const [row] = await ds.query(
          `SELECT author_external_id, thread_external_id, created_at_platform FROM items WHERE source_id = $1 AND external_id = $2`,
          [sourceId, `r:x${k}`],
        );
        if (!row) continue;
        await ingest.ingest(sourceId, {
          items: [
            {
              ...item(
                `x${k}`,
                `${pick(phrases)} (исправлено ${round})`,
                new Date(row.created_at_platform).toISOString(),
                row.author_external_id,
                row.thread_external_id,
              ),
              editedAt: new Date(new Date(row.created_at_platform).getTime() + 60_000 * (round + 1)),
            },
          ],
          cursors: {},
        });
      } else if (op === 'correct') {
        const [row] = await ds.query(
          `SELECT id::text FROM items WHERE source_id = $1 AND direction = 'inbound' ORDER BY random() LIMIT 1`,
          [sourceId],
        );
        if (!row) continue;
        await admin.json(
          'PATCH',
          `/api/items/${row.id}/analysis`,
          {
            sentiment: pick(['negative', 'neutral', 'positive']),
            intent: pick(['complaint', 'praise', 'other', 'spam']),
          },
          200,
        );
      } else if (op === 'merge') {
        const contacts = await ds.query(
          `SELECT id FROM contacts WHERE platform = 'vk' ORDER BY random() LIMIT 2`,
        );
        if (contacts.length < 2) continue;
        await admin.json('POST', '/api/contacts/link', { contactIds: contacts.map((c: any) => c.id) }, 200);
      } else if (op === 'answer') {
        // a reply delivered through the real path (the lifecycle stops the clock when it answers)
        const [c] = await ds.query(
          `SELECT id, source_id FROM conversations WHERE source_id = $1 AND status <> 'resolved'
            ORDER BY (due_at IS NULL), random() LIMIT 1`,
          [sourceId],
        );
        if (!c) continue;
        if (rnd() < 0.6)
          await ds.query(`UPDATE conversations SET assignee_id = $2 WHERE id = $1`, [c.id, admin.user.id]);
        const sent = new Date(base + Math.floor(rnd() * 10 * 24 * 3600_000));
        const [reply] = await ds.query(
          `INSERT INTO replies (conversation_id, source_id, author_id, text, status, idempotency_key, sent_at)
           VALUES ($1, $2, $3, 'Здравствуйте! Разбираемся', 'unknown', gen_random_uuid()::text, $4) RETURNING id`,
          [c.id, c.source_id, admin.user.id, sent],
        );
        expect(await delivery.delivered(reply.id, null, ['unknown'], 'sent_at', admin.user.id)).toBe(true);
      } else if (op === 'breach') {
        const due = await ds.query(
          `SELECT id, due_at FROM conversations WHERE source_id = $1 AND due_at IS NOT NULL AND sla_paused_at IS NULL
             AND status IN ('open', 'pending') AND sla_breached_at IS NULL ORDER BY random() LIMIT 3`,
          [sourceId],
        );
        await clock.raise(
          due.map((d: any) => ({ conversationId: d.id, kind: 'breach', dueAt: new Date(d.due_at) })),
          new Date(),
        );
      } else if (op === 'resolve') {
        const [c] = await ds.query(
          `SELECT id FROM conversations WHERE source_id = $1 AND status <> 'resolved' ORDER BY random() LIMIT 1`,
          [sourceId],
        );
        if (c) await admin.json('PATCH', `/api/conversations/${c.id}`, { status: 'resolved' }, 200);
      } else if (op === 'tag') {
        await ds.query(
          `INSERT INTO conversation_tags (conversation_id, tag_id)
           SELECT id, $2 FROM conversations WHERE source_id = $1 ORDER BY random() LIMIT 3 ON CONFLICT DO NOTHING`,
          [sourceId, pick([tagA, tagB])],
        );
      } else if (op === 'untag') {
        await ds.query(
          `DELETE FROM conversation_tags WHERE (conversation_id, tag_id) IN
             (SELECT conversation_id, tag_id FROM conversation_tags ORDER BY random() LIMIT 2)`,
        );
      }
      if (rnd() < 0.2) await maintenance.fold();
    }
    // the mix did exercise every kind of write
    for (const [op, count] of Object.entries(ops)) expect([op, count > 0]).toEqual([op, true]);
    const [facts] = await ds.query(
      `SELECT count(*) FILTER (WHERE responded_at IS NOT NULL)::int AS answered,
              count(DISTINCT conversation_id) FILTER (WHERE responded_at IS NOT NULL)::int AS conversations,
              count(*) FILTER (WHERE breached_at IS NOT NULL)::int AS breached FROM report_sla_cycles`,
    );
    expect(facts.answered).toBeGreaterThan(0);
    expect(facts.breached).toBeGreaterThan(0);

    const check = await maintenance.check();
    expect(check.differences).toEqual([]);
    expect(check.ok).toBe(true);
    const sizes = Object.fromEntries(check.rollups.map((r) => [r.rollup, r.rows]));
    expect(sizes['item hours']).toBeGreaterThan(10);
    expect(sizes['SLA hours']).toBeGreaterThan(0);
    expect(sizes['agent hours']).toBeGreaterThan(0);
    expect(sizes['tag hours']).toBeGreaterThan(0);
    expect(sizes['term days']).toBeGreaterThan(10);
    // the day tiers (in Moscow days) are checked against the same recount
    for (const tier of [
      'item days',
      'item days by intent',
      'SLA days',
      'agent days',
      'tag days',
      'tag days (all sources)',
    ])
      expect([tier, sizes[tier] > 0]).toEqual([tier, true]);

    // a rebuild from the source tables gives the same rollups, and doing it twice changes nothing
    const snapshot = async () => {
      await maintenance.fold();
      const out: Record<string, unknown[]> = {};
      for (const table of [
        'report_item_hours',
        'report_sla_hours',
        'report_agent_hours',
        'report_tag_hours',
        'report_item_days',
        'report_item_intent_days',
        'report_sla_days',
        'report_agent_days',
        'report_tag_days',
        'report_tag_day_totals',
      ])
        out[table] = (await ds.query(`SELECT * FROM ${table}`))
          .filter((r: any) => Object.values(r).some((v) => typeof v === 'number' && v !== 0))
          .map((r: any) => JSON.stringify(r))
          .sort();
      out.terms = await ds.query(
        `SELECT polarity, day::text, term, items FROM report_term_days ORDER BY 1, 2, 3`,
      );
      out.termWeeks = await ds.query(
        `SELECT polarity, week::text, term, items FROM report_term_weeks ORDER BY 1, 2, 3`,
      );
      return out;
    };
    const before = await snapshot();
    await maintenance.rebuild();
    const once = await snapshot();
    await maintenance.rebuild();
    const twice = await snapshot();
    expect(once).toEqual(before);
    expect(twice).toEqual(once);
    expect((await maintenance.check()).ok).toBe(true);
  });
});
