import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { ReplyDeliveryService } from '../../src/replies/reply-delivery.service';
import { RollupMaintenance } from '../../src/reports/rollups/rollup-maintenance.service';
import { SlaClockRepository } from '../../src/sla/sla-clock.repository';
import { TermsWorker } from '../../src/reports/rollups/terms-worker.service';
import { startTestApp, TestApp } from '../support/app';
import { ADMIN, login, Session, userSession } from '../inbox/support';

const run = promisify(execFile);

/**
 * GET /api/reports/* against hand-computed fixtures: items and conversations are written with
 * known labels and times (the rollup triggers fire as for any writer), and every figure below was
 * worked out by hand from them.
 */
describe('reports API', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: Session;
  let analyst: Session;
  let agent: Session;
  let vk: string;
  let tg: string;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp({ ROLE: 'api' });
    ds = t.app.get(DataSource);
    admin = await login(t, ADMIN.email, ADMIN.password);
    analyst = await userSession(t, admin, 'analyst', 'Маркетолог');
    agent = await userSession(t, admin, 'agent', 'Агент Смит');
    [{ id: vk }] = await ds.query(
      `INSERT INTO sources (platform, name) VALUES ('vk', '=HYPERLINK("http://evil","ВК")') RETURNING id`,
    );
    [{ id: tg }] = await ds.query(
      `INSERT INTO sources (platform, name) VALUES ('telegram', 'Бот') RETURNING id`,
    );
    await t.app.get(TermsWorker).drain();
  });
  afterAll(async () => {
    await t?.stop();
  });

  interface Row {
    at: string;
    sentiment?: string | null;
    intent?: string;
    language?: string;
    needs?: boolean;
    text?: string;
    source?: string;
  }
  /** Inbound items in one statement; returns their ids. */
  const addItems = async (rows: Row[]): Promise<string[]> => {
    const ext = rows.map(() => `f${++seq}`);
    const r: { id: string; external_id: string }[] = await ds.query(
      `INSERT INTO items (source_id, platform, kind, external_id, text, created_at_platform, language,
                          sentiment_label, intent, needs_response)
       SELECT s.id, s.platform, 'comment', x.ext, x.text, x.at, x.lang, x.sent, x.intent, x.needs
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::boolean[])
           AS x(src, ext, text, at, lang, sent, intent, needs)
         JOIN sources s ON s.id = x.src
       RETURNING id::text, external_id`,
      [
        rows.map((r) => r.source ?? vk),
        ext,
        rows.map((r) => r.text ?? 'ok'),
        rows.map((r) => r.at),
        rows.map((r) => r.language ?? 'ru'),
        rows.map((r) => (r.sentiment === undefined ? 'neutral' : r.sentiment)),
        rows.map((r) => r.intent ?? 'other'),
        rows.map((r) => r.needs ?? false),
      ],
    );
    const ids = new Map(r.map((x) => [x.external_id, x.id]));
    return ext.map((e) => ids.get(e)!);
  };
  const q = (params: Record<string, string | number>) =>
    new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString();

  describe('sentiment', () => {
    let a: string;
    beforeAll(async () => {
      [a] = await addItems([
        { at: '2025-01-01T20:30:00Z', sentiment: 'negative', language: 'ru' }, // 23:30 in Moscow, 1 Jan
        { at: '2025-01-01T21:30:00Z', sentiment: 'positive', language: 'ru', needs: true }, // 00:30, 2 Jan in Moscow
        { at: '2025-01-02T10:00:00Z', sentiment: 'neutral', language: 'en', source: tg },
        { at: '2025-01-02T22:00:00Z', sentiment: 'negative', language: 'en' }, // 3 Jan in Moscow
        { at: '2024-12-31T12:00:00Z', sentiment: 'negative', language: 'ru' }, // the previous period
      ]);
    });

    it('cuts days at Moscow midnight or UTC midnight, with the previous period alongside', async () => {
      const moscow = await analyst.json(
        'GET',
        `/api/reports/sentiment?${q({ from: '2025-01-01', to: '2025-01-03', tz: 'Europe/Moscow' })}`,
        undefined,
        200,
      );
      expect(moscow.range).toEqual({
        from: '2024-12-31T21:00:00.000Z',
        to: '2025-01-02T21:00:00.000Z',
        timeZone: 'Europe/Moscow',
        granularity: 'day',
      });
      const [s] = moscow.series;
      expect(
        s.points.map((p: any) => [p.label, p.items, p.negative, p.neutral, p.positive, p.needsResponse]),
      ).toEqual([
        ['2025-01-01', 1, 1, 0, 0, 0],
        ['2025-01-02', 2, 0, 1, 1, 1],
      ]);
      expect(s.points[0]).toMatchObject({ netSentiment: -1, shareNegative: 1 });
      expect(s.points[1]).toMatchObject({ netSentiment: 0.5, shareNegative: 0 });
      expect(s.points[0].filter).toEqual({
        from: '2024-12-31T21:00:00.000Z',
        to: '2025-01-01T21:00:00.000Z',
        status: 'all',
      });
      // previous period: 30 and 31 December in Moscow; one negative item on the 31st
      expect(moscow.previousRange.from).toBe('2024-12-29T21:00:00.000Z');
      expect(s.previous.map((p: any) => [p.label, p.items])).toEqual([
        ['2024-12-30', 0],
        ['2024-12-31', 1],
      ]);
      expect(s.totals.items).toEqual({ current: 3, previous: 1, change: 2, changeRatio: 2 });
      expect(s.totals.netSentiment).toEqual({ current: 0, previous: -1, change: 1, changeRatio: 1 });

      const utc = await analyst.json(
        'GET',
        `/api/reports/sentiment?${q({ from: '2025-01-01', to: '2025-01-03', tz: 'UTC', compare: 'none' })}`,
        undefined,
        200,
      );
      expect(utc.previousRange).toBeNull();
      expect(utc.series[0].previous).toEqual([]);
      expect(
        utc.series[0].points.map((p: any) => [p.label, p.items, p.negative, p.neutral, p.positive]),
      ).toEqual([
        ['2025-01-01', 2, 1, 0, 1],
        ['2025-01-02', 2, 1, 1, 0],
      ]);
    });

    it('splits by language, platform or source, and filters', async () => {
      const base = { from: '2025-01-01', to: '2025-01-03', tz: 'UTC', compare: 'none' };
      const byLang = await analyst.json(
        'GET',
        `/api/reports/sentiment?${q({ ...base, groupBy: 'language' })}`,
      );
      expect(Object.fromEntries(byLang.series.map((x: any) => [x.group, x.totals.items.current]))).toEqual({
        ru: 2,
        en: 2,
      });
      const en = byLang.series.find((x: any) => x.group === 'en');
      expect(en.points[1].filter).toMatchObject({ language: 'en' });
      const bySource = await analyst.json(
        'GET',
        `/api/reports/sentiment?${q({ ...base, groupBy: 'source' })}`,
      );
      expect(bySource.series.map((x: any) => [x.groupLabel, x.totals.items.current])).toEqual([
        ['=HYPERLINK("http://evil","ВК")', 3],
        ['Бот', 1],
      ]);
      const onlyTg = await analyst.json(
        'GET',
        `/api/reports/sentiment?${q({ ...base, platform: 'telegram' })}`,
      );
      expect(onlyTg.series[0].totals.items.current).toBe(1);
      expect(onlyTg.series[0].points[1].filter).toMatchObject({ platform: 'telegram' });
    });

    it('follows a correction: the item moves from negative to positive', async () => {
      const day = async () =>
        (
          await analyst.json(
            'GET',
            `/api/reports/sentiment?${q({ from: '2025-01-01', to: '2025-01-02', tz: 'Europe/Moscow', compare: 'none' })}`,
          )
        ).series[0].points[0];
      expect(await day()).toMatchObject({ items: 1, negative: 1, positive: 0 });
      await agent.json('PATCH', `/api/items/${a}/analysis`, { sentiment: 'positive' }, 200);
      expect(await day()).toMatchObject({ items: 1, negative: 0, positive: 1, netSentiment: 1 });
      await agent.json('PATCH', `/api/items/${a}/analysis`, { sentiment: 'negative' }, 200);
      expect(await day()).toMatchObject({ items: 1, negative: 1, positive: 0 });
    });

    it('lists empty periods with zeros and no ratios', async () => {
      const r = await analyst.json(
        'GET',
        `/api/reports/sentiment?${q({ from: '2023-06-01', to: '2023-06-04', tz: 'UTC' })}`,
      );
      expect(r.series).toHaveLength(1);
      expect(r.series[0].points.map((p: any) => [p.label, p.items, p.netSentiment])).toEqual([
        ['2023-06-01', 0, null],
        ['2023-06-02', 0, null],
        ['2023-06-03', 0, null],
      ]);
      expect(r.series[0].totals.items).toEqual({ current: 0, previous: 0, change: 0, changeRatio: null });
    });

    it('keeps both 01:00 hours of a DST night (America/New_York) and a 25-hour day', async () => {
      await addItems([
        { at: '2025-11-02T05:30:00Z', sentiment: 'negative' }, // 01:30 EDT
        { at: '2025-11-02T06:30:00Z', sentiment: 'positive' }, // 01:30 EST
      ]);
      const hours = await analyst.json(
        'GET',
        `/api/reports/sentiment?${q({ from: '2025-11-02T00:00', to: '2025-11-02T03:00', tz: 'America/New_York', granularity: 'hour', compare: 'none' })}`,
      );
      expect(hours.series[0].points.map((p: any) => [p.label, p.negative, p.positive])).toEqual([
        ['2025-11-02T00:00:00-04:00', 0, 0],
        ['2025-11-02T01:00:00-04:00', 1, 0],
        ['2025-11-02T01:00:00-05:00', 0, 1],
        ['2025-11-02T02:00:00-05:00', 0, 0],
      ]);
      const days = await analyst.json(
        'GET',
        `/api/reports/sentiment?${q({ from: '2025-11-02', to: '2025-11-03', tz: 'America/New_York', compare: 'none' })}`,
      );
      const [p] = days.series[0].points;
      expect([p.label, p.items, (Date.parse(p.end) - Date.parse(p.start)) / 3_600_000]).toEqual([
        '2025-11-02',
        2,
        25,
      ]);
    });

    it('refuses what it cannot answer with a 400 that says why', async () => {
      const bad = async (params: Record<string, string>, pattern: RegExp) => {
        const r = await analyst.request('GET', `/api/reports/sentiment?${q(params)}`);
        expect(r.status).toBe(400);
        expect(JSON.stringify(await r.json())).toMatch(pattern);
      };
      await bad({ from: '2020-01-01', to: '2025-01-01', granularity: 'hour' }, /at most 2400/);
      await bad({ from: '2025-01-01', to: '2025-01-02', tz: 'Asia/Kolkata' }, /whole-hour offset/);
      await bad({ from: '2025-01-01', to: '2025-01-02', tz: 'Mars/Base' }, /unknown time zone/);
      await bad({ from: '2025-01-02', to: '2025-01-01' }, /after from/);
      await bad({ from: 'yesterday', to: '2025-01-01' }, /ISO 8601/);
      await bad({ granularity: 'minute' }, /granularity/);
      await bad({ groupBy: 'author' }, /groupBy/);
      await bad({ sourceId: 'x' }, /sourceId/);
    });

    it('is for analysts, leads and admins only', async () => {
      expect((await agent.request('GET', '/api/reports/sentiment')).status).toBe(403);
      expect((await fetch(`${t.url}/api/reports/sentiment`)).status).toBe(401);
      expect((await admin.request('GET', '/api/reports/sentiment')).status).toBe(200);
      expect((await analyst.request('PUT', '/api/reports/settings', { timeZone: 'UTC' })).status).toBe(403);
      // an agent with the lead flag reads them (care performance is the lead's), settings stay the admins'
      const lead = await userSession(t, admin, 'agent', 'Старшая смены');
      await admin.json('PATCH', `/api/users/${lead.user.id}`, { isLead: true }, 200);
      expect((await lead.request('GET', '/api/reports/care/agents')).status).toBe(200);
      expect((await lead.request('GET', '/api/reports/sentiment')).status).toBe(200);
      expect((await lead.request('PUT', '/api/reports/settings', { timeZone: 'UTC' })).status).toBe(403);
      // off the team again: the forecast below staffs against exactly one agent
      await admin.json('PATCH', `/api/users/${lead.user.id}`, { disabled: true }, 200);
    });

    it('exports CSV: BOM, CRLF, quoted cells and formulas neutralised', async () => {
      const r = await analyst.request(
        'GET',
        `/api/reports/sentiment?${q({ from: '2025-01-01', to: '2025-01-03', tz: 'UTC', compare: 'none', groupBy: 'source', format: 'csv' })}`,
      );
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(r.headers.get('content-disposition')).toBe('attachment; filename="sentiment.csv"');
      const bytes = Buffer.from(await r.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).split('\r\n');
      expect(lines[0]).toBe(
        'group,start,end,label,items,negative,neutral,positive,needsResponse,netSentiment,shareNegative,previousStart,' +
          'previousItems,previousNegative,previousNeutral,previousPositive,previousNeedsResponse,previousNetSentiment,previousShareNegative',
      );
      expect(lines[1]).toBe(
        `"'=HYPERLINK(""http://evil"",""ВК"")",2025-01-01T00:00:00.000Z,2025-01-02T00:00:00.000Z,2025-01-01,2,1,0,1,1,0,0.5,,,,,,,,`,
      );
      expect(lines.at(-1)).toBe('');
    });
  });

  describe('intents', () => {
    it('counts the intent mix per bucket, optionally of one sentiment', async () => {
      await addItems([
        { at: '2025-02-10T09:00:00Z', intent: 'complaint', sentiment: 'negative' },
        { at: '2025-02-10T10:00:00Z', intent: 'complaint', sentiment: 'neutral' },
        { at: '2025-02-10T11:00:00Z', intent: 'sales_question', sentiment: 'neutral' },
        { at: '2025-02-11T11:00:00Z', intent: 'praise', sentiment: 'positive' },
        { at: '2025-02-11T12:00:00Z', intent: 'spam', sentiment: 'neutral' },
      ]);
      const base = { from: '2025-02-10', to: '2025-02-12', tz: 'UTC' };
      const r = await analyst.json('GET', `/api/reports/intents?${q(base)}`, undefined, 200);
      expect(
        r.points.map((p: any) => [
          p.label,
          p.total,
          p.counts.complaint,
          p.counts.sales_question,
          p.counts.praise,
          p.counts.spam,
        ]),
      ).toEqual([
        ['2025-02-10', 3, 2, 1, 0, 0],
        ['2025-02-11', 2, 0, 0, 1, 1],
      ]);
      const complaint = r.totals.find((x: any) => x.intent === 'complaint');
      expect(complaint.count.current).toBe(2);
      expect(complaint.share.current).toBe(0.4);
      expect(complaint.filter).toMatchObject({ intent: 'complaint', status: 'all' });
      const negative = await analyst.json(
        'GET',
        `/api/reports/intents?${q({ ...base, sentiment: 'negative' })}`,
      );
      expect(negative.points[0].counts.complaint).toBe(1);
      expect(negative.points[0].filter).toMatchObject({ sentiment: 'negative' });
      const csv = await (
        await analyst.request('GET', `/api/reports/intents?${q({ ...base, format: 'csv' })}`)
      ).text();
      // (fetch's text() drops the BOM)
      expect(csv.split('\r\n')[0]).toBe(
        'start,end,label,total,complaint,sales_question,support_question,praise,spam,other,unknown',
      );
    });
  });

  describe('rising terms', () => {
    it('ranks what rose in negative items against the previous week, without brand words, with examples', async () => {
      const prev = '2025-03-05T09:00:00Z'; // previous period: 3–10 March (Moscow)
      const cur = '2025-03-12T09:00:00Z'; // current: 10–17 March
      const neg = (at: string, text: string) => ({ at, text, sentiment: 'negative' });
      await addItems([
        ...Array.from({ length: 6 }, (_, i) => neg(cur, `Акмебанк списали деньги #${i}`)),
        ...Array.from({ length: 4 }, (_, i) => neg(cur, `Курьер опоздал #${i}`)),
        neg(cur, 'Редкое слово штрудель'),
        neg(cur, 'Редкое слово штрудель снова'),
        ...Array.from({ length: 4 }, (_, i) => neg(prev, `Курьер опоздал #${i}`)),
        neg(prev, 'Списали деньги'),
        { at: cur, text: 'Спасибо Акмебанк', sentiment: 'positive' },
      ]);
      await t.app.get(TermsWorker).drain();
      await admin.json('PUT', '/api/reports/settings', { brandWords: ['Акмебанк'] }, 200);
      const r = await analyst.json(
        'GET',
        `/api/reports/terms?${q({ from: '2025-03-10', to: '2025-03-17', tz: 'Europe/Moscow' })}`,
        undefined,
        200,
      );
      expect(r.days).toEqual({
        timeZone: 'Europe/Moscow',
        from: '2025-03-10',
        to: '2025-03-17',
        previousFrom: '2025-03-03',
        approximate: false,
      });
      expect(r.items).toMatchObject({ current: 12, previous: 5 });
      const terms = r.terms.map((x: any) => x.term);
      // "списали деньги": 6 now vs 1 before, i.e. 2.4 at this week's volume (12 negative items vs 5)
      expect(terms.slice(0, 3)).toEqual(['списа деньг', 'деньг', 'списа']);
      expect(r.terms[0]).toMatchObject({ label: 'списали деньги', current: 6, previous: 1, expected: 2.4 });
      expect(r.terms[0].score).toBeCloseTo(Math.log(11 / 7.4), 3);
      const newest = await ds.query(
        `SELECT id::text FROM items WHERE text LIKE 'Акмебанк списали деньги%' ORDER BY id DESC LIMIT 3`,
      );
      expect(r.terms[0].examples).toEqual(newest.map((x: any) => x.id));
      expect(r.terms[0].filter).toMatchObject({ sentiment: 'negative', term: 'списа деньг', status: 'all' });
      // the term opens exactly the items behind it (its filter as the query), newest first
      const { status: _all, ...drillQuery } = r.terms[0].filter;
      const behind = await analyst.json('GET', `/api/reports/items?${q(drillQuery)}`, undefined, 200);
      const all = await ds.query(
        `SELECT id::text FROM items WHERE text ILIKE '%списали деньги%' AND sentiment_label = 'negative'
            AND created_at_platform >= $1 AND created_at_platform < $2 ORDER BY created_at_platform DESC, items.id DESC`,
        [r.terms[0].filter.from, r.terms[0].filter.to],
      );
      expect(all).toHaveLength(6);
      expect(behind.items.map((x: any) => x.id)).toEqual(all.map((x: any) => x.id));
      expect(behind.items[0]).toMatchObject({ sentiment: 'negative', platform: 'vk' });
      expect(behind.nextCursor).toBeNull();
      const paged = await analyst.json('GET', `/api/reports/items?${q({ ...drillQuery, limit: 4 })}`);
      expect(paged.items).toHaveLength(4);
      const rest = await analyst.json(
        'GET',
        `/api/reports/items?${q({ ...drillQuery, limit: 4, cursor: paged.nextCursor })}`,
      );
      expect([...paged.items, ...rest.items].map((x: any) => x.id)).toEqual(all.map((x: any) => x.id));
      expect(rest.nextCursor).toBeNull();
      // the same table as a workbook: a zip (xlsx) whose sheet holds the words as text, not formulas
      const xlsx = await analyst.request(
        'GET',
        `/api/reports/terms?${q({ from: '2025-03-10', to: '2025-03-17', tz: 'Europe/Moscow', format: 'xlsx' })}`,
      );
      expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="terms-negative.xlsx"');
      const bytes = Buffer.from(await xlsx.arrayBuffer());
      expect(bytes.subarray(0, 2).toString()).toBe('PK');
      expect((await agent.request('GET', `/api/reports/items?${q(drillQuery)}`)).status).toBe(403);
      // the courier complaint only kept pace with the volume (4 now vs 4 × 2.4 expected): not rising
      expect(terms.filter((x: string) => x.startsWith('курьер'))).toEqual([]);
      // two mentions of a rare word rank below a real rise
      expect(terms.indexOf('штрудел')).toBeGreaterThan(2);
      // brand words never show
      expect(terms.filter((x: string) => x.includes('акмебанк'))).toEqual([]);
      const praise = await analyst.json(
        'GET',
        `/api/reports/terms?${q({ from: '2025-03-10', to: '2025-03-17', tz: 'Europe/Moscow', polarity: 'positive' })}`,
      );
      expect(praise.terms.map((x: any) => x.term)).toEqual([]); // "спасибо" once: under the minimum of 2
      const other = await analyst.json(
        'GET',
        `/api/reports/terms?${q({ from: '2025-03-10T12:00', to: '2025-03-17', tz: 'UTC' })}`,
      );
      expect(other.days.approximate).toBe(true);
    });
  });

  describe('care', () => {
    let met1: string;
    let late: string;
    let met2: string;
    beforeAll(async () => {
      // three deadlines on 10 January (UTC): met in 30 min, breached and answered 50 min late,
      // met in 5 min (a sales question on Telegram)
      const conv = async (source: string, platform: string, intent: string, start: string, due: string) =>
        (
          await ds.query(
            `INSERT INTO conversations (source_id, platform, thread_key, status, intent, needs_response,
               first_message_at, last_message_at, last_customer_message_at, sla_started_at, due_at, sla_policy_id)
             VALUES ($1, $2, gen_random_uuid()::text, 'open', $3, true, $4, $4, $4, $4, $5,
                     (SELECT id FROM sla_policies WHERE intent IS NULL AND source_id IS NULL))
             RETURNING id`,
            [source, platform, intent, start, due],
          )
        )[0].id as string;
      met1 = await conv(vk, 'vk', 'complaint', '2025-01-10T09:00:00Z', '2025-01-10T10:00:00Z');
      late = await conv(vk, 'vk', 'complaint', '2025-01-10T09:10:00Z', '2025-01-10T10:10:00Z');
      met2 = await conv(tg, 'telegram', 'sales_question', '2025-01-10T12:00:00Z', '2025-01-10T13:00:00Z');
      // the SLA sweep's breach and replies delivered through the real path (sent at a known time)
      await t.app
        .get(SlaClockRepository, { strict: false })
        .raise(
          [{ conversationId: late, kind: 'breach', dueAt: new Date('2025-01-10T10:10:00Z') }],
          new Date('2025-01-10T10:10:30Z'),
        );
      const answer = async (id: string, source: string, sentAt: string, assignee: string | null) => {
        await ds.query(`UPDATE conversations SET assignee_id = $2 WHERE id = $1`, [id, assignee]);
        const [reply] = await ds.query(
          `INSERT INTO replies (conversation_id, source_id, text, status, idempotency_key, sent_at)
           VALUES ($1, $2, 'Здравствуйте!', 'unknown', gen_random_uuid()::text, $3) RETURNING id`,
          [id, source, sentAt],
        );
        expect(
          await t.app
            .get(ReplyDeliveryService, { strict: false })
            .delivered(reply.id, null, ['unknown'], 'sent_at'),
        ).toBe(true);
      };
      await answer(met1, vk, '2025-01-10T09:30:00Z', agent.user.id);
      await answer(late, vk, '2025-01-10T11:00:00Z', null);
      await answer(met2, tg, '2025-01-10T12:05:00Z', agent.user.id);
    });

    const base = { from: '2025-01-10', to: '2025-01-11', tz: 'UTC', compare: 'none' };

    it('reports SLA compliance per intent and source', async () => {
      const r = await admin.json('GET', `/api/reports/care/sla?${q(base)}`, undefined, 200);
      expect(r.compliance.current).toBe(0.6667);
      expect(r.met.current).toBe(2);
      expect(r.breached.current).toBe(1);
      expect(r.byIntent.map((x: any) => [x.intent, x.met, x.breached, x.compliance])).toEqual([
        ['complaint', 1, 1, 0.5],
        ['sales_question', 1, 0, 1],
      ]);
      expect(r.bySource.map((x: any) => [x.platform, x.compliance])).toEqual(
        expect.arrayContaining([
          ['vk', 0.5],
          ['telegram', 1],
        ]),
      );
      expect(r.byIntent[0].filter).toMatchObject({ intent: 'complaint', status: 'all' });
      expect(r.trend.map((p: any) => [p.label, p.met, p.breached])).toEqual([['2025-01-10', 2, 1]]);
      const complaints = await admin.json(
        'GET',
        `/api/reports/care/sla?${q({ ...base, intent: 'complaint' })}`,
      );
      expect(complaints.compliance.current).toBe(0.5);
    });

    it('reads first-response median and p90 from the histogram', async () => {
      const r = await admin.json('GET', `/api/reports/care/first-response?${q(base)}`, undefined, 200);
      // 300 s, 1800 s and 6600 s: the median is in [1800, 2700) half way, p90 in [5400, 7200) at 0.7
      expect(r.responded.current).toBe(3);
      expect(r.medianSeconds.current).toBe(2250);
      expect(r.p90Seconds.current).toBe(6660);
      expect(r.meanSeconds.current).toBe(2900);
      expect(
        r.histogram.filter((b: any) => b.count > 0).map((b: any) => [b.fromSeconds, b.toSeconds, b.count]),
      ).toEqual([
        [300, 600, 1],
        [1800, 2700, 1],
        [5400, 7200, 1],
      ]);
    });

    it('lists breaches with their conversations, and pages', async () => {
      const r = await admin.json('GET', `/api/reports/care/breaches?${q(base)}`, undefined, 200);
      expect(r.breaches).toHaveLength(1);
      expect(r.breaches[0]).toMatchObject({
        conversationId: late,
        dueAt: '2025-01-10T10:10:00.000Z',
        breachedAt: '2025-01-10T10:10:30.000Z',
        respondedAt: '2025-01-10T11:00:00.000Z',
        lateSeconds: 3000,
        intent: 'complaint',
        platform: 'vk',
      });
      const [late2] = await ds.query(
        `INSERT INTO conversations (source_id, platform, thread_key, intent, sla_started_at, due_at)
         VALUES ($1, 'vk', 'late2', 'other', '2025-01-10T15:00:00Z', '2025-01-10T16:00:00Z') RETURNING id`,
        [vk],
      );
      await ds.query(`UPDATE conversations SET sla_breached_at = '2025-01-10T16:00:10Z' WHERE id = $1`, [
        late2.id,
      ]);
      const p1 = await admin.json('GET', `/api/reports/care/breaches?${q({ ...base, limit: 1 })}`);
      expect(p1.breaches.map((b: any) => b.conversationId)).toEqual([late2.id]);
      const p2 = await admin.json(
        'GET',
        `/api/reports/care/breaches?${q({ ...base, limit: 1, cursor: p1.nextCursor })}`,
      );
      expect(p2.breaches.map((b: any) => b.conversationId)).toEqual([late]);
      expect(p2.nextCursor).toBeNull();
      expect((await admin.request('GET', `/api/reports/care/breaches?cursor=abc`)).status).toBe(400);
    });

    it('shows each agent: handled, response times and load against capacity', async () => {
      const r = await admin.json('GET', `/api/reports/care/agents?${q(base)}`, undefined, 200);
      const smith = r.agents.find((x: any) => x.agentId === agent.user.id);
      expect(smith).toMatchObject({ name: 'Агент Смит', role: 'agent', met: 2, breached: 0, compliance: 1 });
      expect(smith.handled.current).toBe(2);
      expect(smith.meanSeconds).toBe(1050);
      expect(smith.filter).toMatchObject({ assignee: agent.user.id });
      const nobody = r.agents.find((x: any) => x.agentId === null);
      expect(nobody).toMatchObject({ breached: 1 });
      // load: two snapshots while the agent holds one open conversation (capacity 6)
      const [c] = await ds.query(
        `INSERT INTO conversations (source_id, platform, thread_key, status, assignee_id) VALUES ($1, 'vk', 'load', 'open', $2) RETURNING id`,
        [vk, agent.user.id],
      );
      const m = t.app.get(RollupMaintenance);
      await m.snapshot(new Date('2025-01-10T10:07:00Z'));
      await m.snapshot(new Date('2025-01-10T11:20:00Z'));
      await m.snapshot(new Date('2025-01-10T11:21:00Z')); // the same hour: not a third snapshot
      const again = await admin.json('GET', `/api/reports/care/agents?${q(base)}`);
      const loaded = again.agents.find((x: any) => x.agentId === agent.user.id);
      expect(loaded).toMatchObject({ capacity: 6, loadMax: 1 });
      expect(loaded.loadAvg).toBe(1);
      expect(loaded.utilisation).toBeCloseTo(1 / 6, 3);
      const backlog = await admin.json(
        'GET',
        `/api/reports/care/backlog?${q({ from: '2025-01-10T10:00Z', to: '2025-01-10T12:00Z', tz: 'UTC', granularity: 'hour' })}`,
      );
      expect(backlog.points.map((p: any) => [p.label, p.snapshots])).toEqual([
        ['2025-01-10T10:00:00Z', 1],
        ['2025-01-10T11:00:00Z', 1],
      ]);
      const [open] = await ds.query(
        `SELECT count(*) FILTER (WHERE status = 'open')::int AS open, count(*) FILTER (WHERE status = 'pending')::int AS pending
           FROM conversations`,
      );
      expect(backlog.points[1]).toMatchObject({ openLast: open.open, pendingLast: open.pending });
      await ds.query(`UPDATE conversations SET status = 'resolved' WHERE id = $1`, [c.id]);
    });
  });

  describe('tags', () => {
    it('counts tagged conversations by the hour of their first message', async () => {
      const [tag] = await ds.query(
        `INSERT INTO tags (name, color) VALUES ('доставка', '#ff0000') RETURNING id`,
      );
      const convs = await ds.query(
        `INSERT INTO conversations (source_id, platform, thread_key, first_message_at)
         SELECT $1, 'vk', 'tag' || g, '2025-04-01T10:00:00Z'::timestamptz + g * interval '1 day' FROM generate_series(0, 2) g
         RETURNING id`,
        [vk],
      );
      await ds.query(
        `INSERT INTO conversation_tags (conversation_id, tag_id) SELECT unnest($1::uuid[]), $2`,
        [convs.map((c: any) => c.id), tag.id],
      );
      await ds.query(`DELETE FROM conversation_tags WHERE conversation_id = $1`, [convs[2].id]);
      const r = await analyst.json(
        'GET',
        `/api/reports/tags?${q({ from: '2025-04-01', to: '2025-04-04', tz: 'UTC' })}`,
        undefined,
        200,
      );
      expect(r.tags).toHaveLength(1);
      expect(r.tags[0]).toMatchObject({ tagId: tag.id, name: 'доставка', color: '#ff0000' });
      expect(r.tags[0].points.map((p: any) => p.conversations)).toEqual([1, 1, 0]);
      expect(r.tags[0].points[0].filter).toMatchObject({ tagId: tag.id });
    });
  });

  describe('forecast', () => {
    it('forecasts next week from the hour-of-week pattern and staffs it; backtest error 0 on a steady pattern', async () => {
      const zone = 'Europe/Moscow';
      const thisMonday = DateTime.now().setZone(zone).startOf('week');
      // four past weeks: every Monday 10:00–11:00 twelve items need an answer, every Tuesday 15:00 three
      const rows: Row[] = [];
      for (let w = 1; w <= 4; w++) {
        const monday = thisMonday.minus({ weeks: w });
        for (let i = 0; i < 12; i++)
          rows.push({
            at: monday
              .plus({ hours: 10, minutes: i * 4 })
              .toUTC()
              .toISO()!,
            needs: true,
            intent: 'complaint',
          });
        for (let i = 0; i < 3; i++)
          rows.push({ at: monday.plus({ days: 1, hours: 15, minutes: i }).toUTC().toISO()!, needs: true });
      }
      await addItems(rows);
      const r = await admin.json('GET', `/api/reports/forecast?${q({ tz: zone, weeks: 6 })}`, undefined, 200);
      expect(r.week).toBe(thisMonday.plus({ weeks: 1 }).toISODate());
      expect(r.historyWeeks).toBe(4); // the empty weeks before the first item are left out
      expect(r.hours).toHaveLength(168);
      expect(r.hours[10]).toMatchObject({ hourOfWeek: 10, expected: 12 });
      expect(r.hours[24 + 15]).toMatchObject({ expected: 3 });
      expect(r.hours[11].expected).toBe(0);
      expect(r.total).toBe(15);
      expect(r.backtest).toMatchObject({ mape: 0, wape: 0, hours: 2, actualTotal: 15 });
      // 12 conversations in the hour held 30 minutes each = 6 at once: one agent of six is not enough
      expect(r.hours[10].agentsNeeded).toBe(2);
      expect(r.hours[11].agentsNeeded).toBe(0);
      expect(r.peakAgents).toBe(2);
      expect(r.team).toEqual({ agents: 1, capacity: 6 });
      expect(r.hours[10].overCapacity).toBe(true);
      const csv = await (
        await admin.request('GET', `/api/reports/forecast?${q({ tz: zone, format: 'csv' })}`)
      ).text();
      expect(csv.split('\r\n')).toHaveLength(170);
      expect((await admin.request('GET', `/api/reports/forecast?weeks=1`)).status).toBe(400);
    });
  });

  describe('settings and the check command', () => {
    it('sets the company time zone (the default of every report) and refuses odd ones', async () => {
      expect((await analyst.json('GET', '/api/reports/settings')).timeZone).toBe('Europe/Moscow');
      expect((await admin.request('PUT', '/api/reports/settings', { timeZone: 'Asia/Kolkata' })).status).toBe(
        400,
      );
      expect((await admin.request('PUT', '/api/reports/settings', { timeZone: 'Nowhere/City' })).status).toBe(
        400,
      );
      expect((await admin.request('PUT', '/api/reports/settings', {})).status).toBe(400);
      await admin.json('PUT', '/api/reports/settings', { timeZone: 'Asia/Yekaterinburg' }, 200);
      const r = await analyst.json(
        'GET',
        `/api/reports/sentiment?${q({ from: '2025-01-01', to: '2025-01-02' })}`,
      );
      expect(r.range).toMatchObject({ timeZone: 'Asia/Yekaterinburg', from: '2024-12-31T19:00:00.000Z' });
      // term counts follow the zone: the worker counts them again in it
      await t.app.get(TermsWorker).drain();
      expect(await ds.query(`SELECT time_zone FROM report_term_state`)).toEqual([
        { time_zone: 'Asia/Yekaterinburg' },
      ]);
      await admin.json('PUT', '/api/reports/settings', { timeZone: 'Europe/Moscow' }, 200);
    });

    it('npm run reports:check finds a corrupted rollup; reports:rebuild repairs it', async () => {
      const env = { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: 'silent', DEMO: 'false' };
      const cli = (cmd: string) =>
        // `npm run reports:<cmd>` is ts-node --transpile-only; ts-cache.js is the same transpile,
        // cached on disk, without npx and ts-node booting four times
        run(
          process.execPath,
          ['-r', './test/support/ts-cache.js', 'src/reports/cli/rollups.ts', cmd, '--json'],
          {
            env,
            timeout: 180_000,
          },
        ).then(
          (r) => ({ code: 0, out: r.stdout }),
          (e) => ({ code: e.code as number, out: e.stdout as string }),
        );
      const ok = await cli('check');
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.out)).toMatchObject({ ok: true });
      await t.app.get(RollupMaintenance).fold();
      const [, corrupted] = await ds.query(
        `UPDATE report_item_hours SET negative = negative + 1 WHERE hour = '2025-01-01T20:00:00Z'`,
      );
      expect(corrupted).toBe(1);
      const bad = await cli('check');
      expect(bad.code).toBe(1);
      expect(JSON.parse(bad.out).differences[0]).toMatchObject({ rollup: 'item hours', differences: 2 });
      expect((await cli('rebuild')).code).toBe(0);
      expect((await cli('check')).code).toBe(0);
    }, 600_000);
  });
});
