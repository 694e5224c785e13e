import { DataSource } from 'typeorm';
import { RollupMaintenance } from '../../src/reports/rollups/rollup-maintenance.service';
import { TermsWorker } from '../../src/reports/rollups/terms-worker.service';
import { startTestApp, TestApp } from '../support/app';
import { ADMIN, login, Session } from '../inbox/support';

/**
 * The day tiers (migration 1732601500000): kept per local day of the company's zone by the fold,
 * read for whole days of a report in that zone, with the edges and other zones from the hours.
 * Every report here is asked twice — in the tier's zone and in a zone with the same offsets that
 * the tier does not serve (so it reads hours) — and must answer the same.
 */
describe('report day tiers', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: Session;
  let maintenance: RollupMaintenance;
  let vk: string;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp({ ROLE: 'api' });
    ds = t.app.get(DataSource);
    admin = await login(t, ADMIN.email, ADMIN.password);
    maintenance = t.app.get(RollupMaintenance);
    [{ id: vk }] = await ds.query(`INSERT INTO sources (platform, name) VALUES ('vk', 'ВК') RETURNING id`);
    await t.app.get(TermsWorker).drain();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const addItems = async (rows: { at: string; sentiment: string }[]) => {
    await ds.query(
      `INSERT INTO items (source_id, platform, kind, external_id, text, created_at_platform, language,
                          sentiment_label, intent, needs_response)
       SELECT $1, 'vk', 'comment', 't' || x.n, 'текст', x.at, 'ru', x.sent, 'complaint', true
         FROM unnest($2::int[], $3::timestamptz[], $4::text[]) AS x(n, at, sent)`,
      [vk, rows.map(() => ++seq), rows.map((r) => r.at), rows.map((r) => r.sentiment)],
    );
  };
  const q = (p: Record<string, string>) => new URLSearchParams(p).toString();
  const points = async (params: Record<string, string>) => {
    const r = await admin.json('GET', `/api/reports/sentiment?${q(params)}`, undefined, 200);
    const s = r.series[0];
    const pick = (p: any) => [p.label, p.items, p.negative, p.positive];
    return { points: s.points.map(pick), previous: s.previous.map(pick) };
  };
  const dayRows = async () =>
    (
      await ds.query(
        `SELECT day, sum(items)::int AS items FROM report_item_days WHERE source_id = $1 GROUP BY day ORDER BY day`,
        [vk],
      )
    ).map((r: any) => [new Date(r.day).toISOString(), r.items]);

  it('keeps Moscow days (not UTC days) and serves whole days from them, edges from the hours', async () => {
    await addItems([
      { at: '2025-01-01T20:59:00Z', sentiment: 'negative' }, // 23:59 on 1 January in Moscow
      { at: '2025-01-01T21:00:00Z', sentiment: 'positive' }, // 00:00 on 2 January in Moscow
      { at: '2025-01-02T03:30:00Z', sentiment: 'negative' }, // 06:30 on 2 January
      { at: '2024-12-30T12:00:00Z', sentiment: 'positive' }, // the previous period
    ]);
    expect(await ds.query(`SELECT time_zone FROM report_tier_state`)).toEqual([
      { time_zone: 'Europe/Moscow' },
    ]);
    await maintenance.fold();
    expect(await dayRows()).toEqual([
      ['2024-12-29T21:00:00.000Z', 1],
      ['2024-12-31T21:00:00.000Z', 1],
      ['2025-01-01T21:00:00.000Z', 2],
    ]);
    // not folded yet: read from the deltas alongside the tier
    await addItems([{ at: '2025-01-02T05:00:00Z', sentiment: 'negative' }]);

    const moscow = await points({ from: '2025-01-01', to: '2025-01-03', tz: 'Europe/Moscow' });
    expect(moscow.points).toEqual([
      ['2025-01-01', 1, 1, 0],
      ['2025-01-02', 3, 2, 1],
    ]);
    expect(moscow.previous).toEqual([
      ['2024-12-30', 1, 0, 1],
      ['2024-12-31', 0, 0, 0],
    ]);
    // Istanbul has Moscow's offset but no tier: the same figures, from the hours
    expect(await points({ from: '2025-01-01', to: '2025-01-03', tz: 'Europe/Istanbul' })).toEqual(moscow);
    // a range that starts and ends mid-day: the edge hours from the hour rollup
    const mid = { from: '2025-01-01T23:00', to: '2025-01-02T07:00', granularity: 'day' };
    const edge = await points({ ...mid, tz: 'Europe/Moscow' });
    expect(edge.points).toEqual([
      ['2025-01-01', 1, 1, 0],
      ['2025-01-02', 2, 1, 1],
    ]);
    expect(await points({ ...mid, tz: 'Europe/Istanbul' })).toEqual(edge);
    // UTC days are other days: 1 January UTC holds the 20:59 and the 21:00 item
    const utc = await points({ from: '2025-01-01', to: '2025-01-03', tz: 'UTC', compare: 'none' });
    expect(utc.points).toEqual([
      ['2025-01-01', 2, 1, 1],
      ['2025-01-02', 2, 2, 0],
    ]);
  });

  it('follows a change of the company zone: the fold rebuilds the days in it (a 23-hour DST day)', async () => {
    // 9 March 2025: New York springs forward; the day is 23 hours, 05:00Z to 04:00Z next day
    await addItems([
      { at: '2025-03-09T04:59:00Z', sentiment: 'negative' }, // 23:59 on 8 March (EST)
      { at: '2025-03-09T05:00:00Z', sentiment: 'negative' }, // 00:00 on 9 March
      { at: '2025-03-10T03:59:00Z', sentiment: 'positive' }, // 23:59 on 9 March (EDT)
      { at: '2025-03-10T04:00:00Z', sentiment: 'positive' }, // 00:00 on 10 March
    ]);
    await admin.json('PUT', '/api/reports/settings', { timeZone: 'America/New_York' }, 200);
    // until the next fold the tier is still in Moscow: New York reads hours, and is right
    const params = { from: '2025-03-08', to: '2025-03-11', tz: 'America/New_York', compare: 'none' };
    const expected = [
      ['2025-03-08', 1, 1, 0],
      ['2025-03-09', 2, 1, 1],
      ['2025-03-10', 1, 0, 1],
    ];
    expect((await points(params)).points).toEqual(expected);
    await maintenance.fold();
    expect(await ds.query(`SELECT time_zone FROM report_tier_state`)).toEqual([
      { time_zone: 'America/New_York' },
    ]);
    const days = (await dayRows()).filter(([d]: string[]) => d.startsWith('2025-03'));
    expect(days).toEqual([
      ['2025-03-08T05:00:00.000Z', 1],
      ['2025-03-09T05:00:00.000Z', 2],
      ['2025-03-10T04:00:00.000Z', 1],
    ]);
    expect((await points(params)).points).toEqual(expected);
    // Toronto keeps New York's clock and reads the hours
    expect((await points({ ...params, tz: 'America/Toronto' })).points).toEqual(expected);
    // weeks from the day tier: the week of 3 March and the week of 10 March
    expect(
      (await points({ ...params, granularity: 'week' })).points.map((p: unknown[]) => p.slice(0, 2)),
    ).toEqual([
      ['2025-03-03', 3],
      ['2025-03-10', 1],
    ]);
    const check = await maintenance.check({ terms: false });
    expect(check.differences).toEqual([]);
    await admin.json('PUT', '/api/reports/settings', { timeZone: 'Europe/Moscow' }, 200);
    await maintenance.fold();
    expect((await maintenance.check({ terms: false })).ok).toBe(true);
  });

  it('reads the care and tag reports from the day tiers with the same answers as from the hours', async () => {
    const [c] = await ds.query(
      `INSERT INTO conversations (source_id, platform, thread_key, status, intent, first_message_at, created_at)
       VALUES ($1, 'vk', 'tier-1', 'resolved', 'complaint', '2025-01-01T22:00:00Z', '2025-01-01T22:00:00Z') RETURNING id`,
      [vk],
    );
    await ds.query(
      `INSERT INTO report_sla_cycles (conversation_id, started_at, source_id, platform, intent, due_at, responded_at,
                                      response_seconds, agent_id)
       VALUES ($1, '2025-01-01T22:00:00Z', $2, 'vk', 'complaint', '2025-01-01T23:00:00Z', '2025-01-01T22:10:00Z', 600, $3)`,
      [c.id, vk, admin.user.id],
    );
    const [tag] = await ds.query(`INSERT INTO tags (name) VALUES ('тариф') RETURNING id`);
    await ds.query(`INSERT INTO conversation_tags (conversation_id, tag_id) VALUES ($1, $2)`, [c.id, tag.id]);
    await maintenance.fold();
    for (const path of ['care/sla', 'care/first-response', 'care/agents', 'tags']) {
      const ask = (tz: string) =>
        admin.json(
          'GET',
          `/api/reports/${path}?${q({ from: '2025-01-01', to: '2025-01-04', tz })}`,
          undefined,
          200,
        );
      const moscow = await ask('Europe/Moscow');
      const istanbul = await ask('Europe/Istanbul');
      const strip = (x: any) => JSON.parse(JSON.stringify(x).replaceAll('Europe/Istanbul', 'Europe/Moscow'));
      expect([path, strip(istanbul)]).toEqual([path, moscow]);
    }
    const sla = await admin.json(
      'GET',
      `/api/reports/care/sla?${q({ from: '2025-01-02', to: '2025-01-03' })}`,
    );
    expect(sla.met.current).toBe(1);
  });

  it('pages the drill-down list through the rollup-chosen hours and sources, exactly as a scan would', async () => {
    const [{ id: tg }] = await ds.query(
      `INSERT INTO sources (platform, name) VALUES ('telegram', 'ТГ') RETURNING id`,
    );
    // 40 items over three days, two sources, several in the same hour and the same second
    const rows: unknown[][] = [];
    for (let k = 0; k < 40; k++)
      rows.push([
        k % 3 === 0 ? tg : vk,
        k % 3 === 0 ? 'telegram' : 'vk',
        `d${k}`,
        new Date(Date.parse('2025-05-01T00:00:00Z') + Math.floor(k / 4) * 7 * 3_600_000 + (k % 2) * 60_000),
        k % 5 === 0 ? 'en' : 'ru',
        ['negative', 'positive', 'neutral'][k % 3 === 1 ? 1 : k % 2],
      ]);
    await ds.query(
      `INSERT INTO items (source_id, platform, kind, external_id, text, created_at_platform, language, sentiment_label, intent)
       SELECT x.src, x.platform, 'comment', x.ext, 'текст', x.at, x.lang, x.sent, 'question'
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[])
           AS x(src, platform, ext, at, lang, sent)`,
      [0, 1, 2, 3, 4, 5].map((i) => rows.map((r) => r[i])),
    );
    await maintenance.fold();
    // one more, not folded yet: the deltas count too
    await ds.query(
      `INSERT INTO items (source_id, platform, kind, external_id, text, created_at_platform, language, sentiment_label, intent)
       VALUES ($1, 'vk', 'comment', 'd-late', 'текст', '2025-05-02T10:30:00Z', 'en', 'negative', 'question')`,
      [vk],
    );
    const range = { from: '2025-05-01T00:00Z', to: '2025-05-05T00:00Z', tz: 'UTC' };
    for (const filter of [
      { sentiment: 'negative' },
      { sentiment: 'negative', language: 'en' },
      { platform: 'telegram' },
      { sourceId: vk, sentiment: 'positive' },
    ] as Record<string, string>[]) {
      const got: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await admin.json(
          'GET',
          `/api/reports/items?${q({ ...range, ...filter, limit: '3', ...(cursor ? { cursor } : {}) })}`,
          undefined,
          200,
        );
        got.push(...page.items.map((i: any) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      const want = (
        await ds.query(
          `SELECT i.id::text AS id FROM items i JOIN sources s ON s.id = i.source_id
            WHERE i.direction = 'inbound' AND i.created_at_platform >= '2025-05-01' AND i.created_at_platform < '2025-05-05'
              AND ($1::text IS NULL OR i.sentiment_label = $1) AND ($2::text IS NULL OR i.language = $2)
              AND ($3::text IS NULL OR s.platform = $3) AND ($4::uuid IS NULL OR i.source_id = $4)
            ORDER BY i.created_at_platform DESC, i.id DESC`,
          [
            filter.sentiment ?? null,
            filter.language ?? null,
            filter.platform ?? null,
            filter.sourceId ?? null,
          ],
        )
      ).map((r: any) => r.id);
      expect([filter, got]).toEqual([filter, want]);
      expect(want.length).toBeGreaterThan(3);
    }
  });
});
