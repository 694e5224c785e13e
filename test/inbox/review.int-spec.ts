import { DataSource } from 'typeorm';
import { Analyzer } from '../../src/analysis/analyzer';
import { reviewReason } from '../../src/analysis/review-flag';
import { IngestService } from '../../src/ingest/ingest.service';
import { decideDeadline } from '../../src/sla/deadline-decision';
import { startTestApp, TestApp } from '../support/app';
import { ADMIN, login, Session, userSession } from './support';

/**
 * Issue 16: every ingested item keeps why it was labelled so; items the model was unsure of are
 * flagged; an agent confirms or corrects one in a single call; corrections feed the retrain
 * (analysis_corrections) and the weekly report counts them with the model's accuracy.
 */
describe('analysis review', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: Session;
  let agent: Session;
  let analyst: Session;
  let sourceId: string;
  const texts = [
    'Третий день нет интернета, верните деньги!',
    'рассрочка есть?',
    'ну такое',
    'Спасибо огромное, всё привезли вовремя!',
    'а это что за номер?',
    'hmm ok',
    'How much is the family plan?',
    'не сказал бы, что доволен',
    // Texts the model is unsure of (checked against the shipped model; the test asserts some are flagged).
    'так себе',
    'ну и?',
    'wow great, broken again',
  ];

  beforeAll(async () => {
    t = await startTestApp({ ROLE: 'api' });
    ds = t.app.get(DataSource);
    admin = await login(t, ADMIN.email, ADMIN.password);
    [agent, analyst] = await Promise.all([userSession(t, admin, 'agent'), userSession(t, admin, 'analyst')]);
    [{ id: sourceId }] = await ds.query(
      `INSERT INTO sources (platform, name) VALUES ('vk', 'Review test') RETURNING id`,
    );
    await t.app.get(IngestService).ingest(sourceId, {
      items: texts.map((text, i) => ({
        externalId: `r-${i}`,
        kind: 'message',
        threadExternalId: `dm:${i}`,
        author: { externalId: `a${i}` },
        text,
        createdAt: new Date(),
      })),
      cursors: {},
    });
  });
  afterAll(() => t?.stop());

  const items = () =>
    ds.query(
      `SELECT id::text, external_id, text, intent, sentiment_label, analysis_why, review_reason, reviewed_at
                FROM items WHERE source_id = $1 ORDER BY external_id`,
      [sourceId],
    );

  it('stores why and the review flag the analysis and triage decided, for every item', async () => {
    const analyzer = Analyzer.load();
    const rows = await items();
    expect(rows).toHaveLength(texts.length);
    for (const row of rows) {
      const a = analyzer.analyze({ text: row.text, platform: 'vk', kind: 'message' });
      const policyIntent = decideDeadline(
        a.intent.probs,
        a.intent.label,
        analyzer.deadlineCosts,
      ).policyIntent;
      expect(row.analysis_why).toEqual(a.why);
      expect(row.review_reason).toBe(reviewReason({ ...a, policyIntent }));
      expect(a.why.intent.length).toBeGreaterThan(0);
      for (const f of [...a.why.intent, ...a.why.sentiment]) {
        expect(typeof f.feature).toBe('string');
        expect(f.weight).toBeGreaterThan(0);
      }
    }
    expect(rows.some((r: any) => r.review_reason !== null)).toBe(true);
  });

  it('returns why and the flag with the conversation timeline', async () => {
    const [{ conversation_id: cid }] = await ds.query(
      `SELECT conversation_id FROM items WHERE external_id = 'r-1'`,
    );
    const body = await agent.json('GET', `/api/conversations/${cid}`, undefined, 200);
    const item = body.items.find((i: any) => i.externalId === 'r-1');
    expect(item.why.intent[0]).toEqual({ feature: expect.any(String), weight: expect.any(Number) });
    expect(item).toHaveProperty('reviewReason');
    expect(item.reviewedAt).toBeNull();
  });

  it('lists flagged items, confirms one and corrects another in one call each, and reports the week', async () => {
    // flag two known items so the test does not depend on what the model is unsure of
    await ds.query(
      `UPDATE items SET review_reason = 'low_intent_confidence' WHERE external_id IN ('r-2', 'r-5')`,
    );
    await ds.query(`UPDATE items SET review_reason = NULL WHERE source_id = $1 AND external_id NOT IN ('r-2', 'r-5')`, [sourceId]); // prettier-ignore
    const queue = await agent.json('GET', '/api/review?limit=1', undefined, 200);
    expect(queue.waiting).toBe(2);
    expect(queue.items).toHaveLength(1);
    expect(queue.next).toBe(queue.items[0].id);
    const page2 = await agent.json('GET', `/api/review?limit=1&before=${queue.next}`, undefined, 200);
    expect(page2.items).toHaveLength(1);
    expect(page2.next).toBeNull();
    const ids = [queue.items[0].id, page2.items[0].id].sort();
    const byExt = Object.fromEntries((await items()).map((r: any) => [r.external_id, r]));
    expect(ids).toEqual([byExt['r-2'].id, byExt['r-5'].id].sort());

    // confirm: no labels
    const confirmed = await agent.json('POST', `/api/items/${byExt['r-2'].id}/review`, {}, 201);
    expect(confirmed).toEqual({
      itemId: byExt['r-2'].id,
      outcome: 'confirmed',
      sentiment: byExt['r-2'].sentiment_label,
      intent: byExt['r-2'].intent,
      corrections: 0,
    });
    // correct: other labels; the correction is what the retrain reads
    const newIntent = byExt['r-5'].intent === 'other' ? 'support_question' : 'other';
    const corrected = await agent.json(
      'POST',
      `/api/items/${byExt['r-5'].id}/review`,
      { intent: newIntent },
      201,
    );
    expect(corrected).toMatchObject({ outcome: 'corrected', intent: newIntent, corrections: 1 });
    const corr = await ds.query(`SELECT field, old_value, new_value FROM analysis_corrections WHERE item_id = $1`, [byExt['r-5'].id]); // prettier-ignore
    expect(corr).toEqual([{ field: 'intent', old_value: byExt['r-5'].intent, new_value: newIntent }]);
    expect((await agent.json('GET', '/api/review', undefined, 200)).waiting).toBe(0);

    const report = await analyst.json('GET', '/api/analysis/review-report?weeks=2', undefined, 200);
    expect(report.weeks).toHaveLength(2);
    const week = report.weeks[1];
    expect(week).toMatchObject({ reviews: 2, confirmed: 1, corrected: 1, corrections: 1 });
    expect(week.intentAccuracy).toBe(0.5);
    expect(week.sentimentAccuracy).toBe(1);
    expect(report.byModel).toEqual([
      expect.objectContaining({ reviews: 2, intentAccuracy: 0.5, modelVersion: expect.any(String) }),
    ]);
  });

  it('refuses bad input with a 4xx and keeps roles', async () => {
    expect((await agent.request('POST', '/api/items/1/review', { intent: 'nonsense' })).status).toBe(400);
    expect((await agent.request('POST', '/api/items/abc/review', {})).status).toBe(400);
    expect((await agent.request('POST', '/api/items/999999999/review', {})).status).toBe(404);
    expect((await agent.request('GET', '/api/review?reason=whatever')).status).toBe(400);
    expect((await agent.request('GET', '/api/review?limit=0')).status).toBe(400);
    expect((await analyst.request('POST', '/api/items/1/review', {})).status).toBe(403);
    expect((await analyst.request('GET', '/api/review')).status).toBe(403);
    expect((await agent.request('GET', '/api/analysis/review-report')).status).toBe(403);
    expect((await agent.request('GET', '/api/analysis/review-report?weeks=500')).status).toBe(403);
    expect((await analyst.request('GET', '/api/analysis/review-report?weeks=500')).status).toBe(400);
  });
});
