import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import type { Analysis } from '../../src/analysis/analysis.types';
import type { Analyzer } from '../../src/analysis/analyzer';
import { ActiveModel } from '../../src/analysis/nest/active-model';
import { readJsonl } from '../../src/analysis/training/dataset';
import { TRAIN_FILE } from '../../src/analysis/training/own-data';
import {
  AnalysisWorkers,
  RETRAIN_INTERVAL_SECONDS,
  RETRAIN_JOB,
} from '../../src/analysis/nest/analysis.workers';
import { RetrainService, type RetrainRunOptions } from '../../src/analysis/nest/retrain.service';
import { IngestService } from '../../src/ingest/ingest.service';
import { ADMIN, login, Session, userSession } from '../inbox/support';
import { startTestApp, TestApp } from '../support/app';

const SHIPPED = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../src/analysis/models/active.json'), 'utf8'),
).version as string;

/** A small, fast recipe: 1000 rows of train.jsonl, a few epochs (warm-started from the shipped model). */
const SMALL: RetrainRunOptions = { limit: 1000, epochs: 6 };

/** Learning from the team: corrections in, a retrained and versioned model out, promoted only if no worse. */
describe('analysis retrain', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: Session;
  let agent: Session;
  let analyst: Session;
  let sourceId: string;

  beforeAll(async () => {
    // ROLE=api: the HTTP API and the services, but no worker picks up the (slow, full) retrain job.
    t = await startTestApp({ ROLE: 'api' });
    ds = t.app.get(DataSource);
    admin = await login(t, ADMIN.email, ADMIN.password);
    [agent, analyst] = await Promise.all([userSession(t, admin, 'agent'), userSession(t, admin, 'analyst')]);
    [{ id: sourceId }] = await ds.query(
      `INSERT INTO sources (platform, name) VALUES ('vk', 'Retrain test') RETURNING id`,
    );
  });
  afterAll(() => t?.stop());

  const versions = () =>
    ds.query(`SELECT version, active, metrics, trained_on, artifact IS NOT NULL AS has_artifact, promoted_at
                FROM model_versions ORDER BY created_at`);

  it('starts on the shipped model file when the database has no active model', async () => {
    expect(await versions()).toEqual([]);
    const body = await analyst.json('GET', '/api/analysis/models', undefined, 200);
    expect(body).toEqual({ serving: { version: SHIPPED, loadedFrom: 'file' }, versions: [] });
    expect((await agent.request('GET', '/api/analysis/models')).status).toBe(403);
  });

  it('retrains with the corrections, records the version with its figures and switches every item to it', async () => {
    // Items the model got wrong, corrected by agents to what the post says (rows of train.jsonl the
    // small recipe does not train on); the latest correction per item and field counts.
    const posts = readJsonl(TRAIN_FILE).filter((_, i) => i % 50 === 25);
    for (const [i, p] of posts.entries()) {
      const [{ id }] = await ds.query(
        `INSERT INTO items (source_id, platform, kind, external_id, text, created_at_platform, intent, sentiment_label)
         VALUES ($1, 'vk', 'comment', $2, $3, now(), 'other', 'neutral') RETURNING id`,
        [sourceId, `corr-${i}`, p.text],
      );
      await ds.query(
        `INSERT INTO analysis_corrections (item_id, field, old_value, new_value, created_at) VALUES
           ($1, 'intent', 'other', 'spam', now() - interval '1 minute'),
           ($1, 'intent', 'spam', $2, now()),
           ($1, 'sentiment', 'neutral', $3, now())`,
        [id, p.intent, p.sentiment],
      );
    }

    const retrain = t.app.get(RetrainService);
    expect(await retrain.due()).toBe(true);
    // Promotion is forced here so the switch can be asserted whatever the (changing) training data
    // scores; the comparison itself is checked by the next test and in retrain.spec.ts.
    const outcome = await retrain.run({ ...SMALL, version: 'an-test-good', force: true });
    expect(outcome.metrics.sources).toMatchObject({
      train_jsonl: 1000,
      corrections: posts.length,
      public_sentiment: 0,
    });
    expect(outcome.metrics.prior).toBe(SHIPPED);
    expect(outcome.promote).toBe(true);

    const [row] = await versions();
    expect(row).toMatchObject({ version: 'an-test-good', active: true, has_artifact: true });
    expect(row.promoted_at).not.toBeNull();
    expect(row.trained_on).toBe(outcome.trainedOn);
    const holdout = row.metrics.evaluation.holdout;
    expect(holdout.candidate.n).toBe(200);
    expect(holdout.reference.n).toBe(200);
    expect(row.metrics.decision).toMatch(/^forced \(/);
    // The running app evaluates on held-out rows of what it ships, never on ../shared/eval.
    expect(Object.keys(row.metrics.evaluation)).toEqual(['holdout']);

    // This instance serves the new model at once; ingest records it on every item.
    const active = t.app.get(ActiveModel);
    expect({ version: active.version, from: active.loadedFrom }).toEqual({
      version: 'an-test-good',
      from: 'database',
    });
    await t.app.get(IngestService).ingest(sourceId, {
      items: [
        {
          externalId: 'after-retrain',
          kind: 'message',
          threadExternalId: 'dm:77',
          author: { externalId: '77' },
          text: 'Сколько стоит доставка в Казань?',
          createdAt: new Date(),
        },
      ],
      cursors: {},
    });
    const [item] = await ds.query(`SELECT model_version FROM items WHERE external_id = 'after-retrain'`);
    expect(item.model_version).toBe('an-test-good');
    expect(await retrain.due()).toBe(false);
  });

  it('refuses to promote a candidate that scores worse, and keeps the active model', async () => {
    // Force a worse candidate: it calls every item chatter.
    const worse = (candidate: Analyzer): Analyzer =>
      Object.assign(Object.create(candidate), {
        analyzeBatch: (inputs: Parameters<Analyzer['analyzeBatch']>[0]): Analysis[] =>
          candidate
            .analyzeBatch(inputs)
            .map((a) => ({ ...a, intent: { label: 'other', confidence: 1, probs: [0, 0, 0, 0, 0, 1] } })),
      });
    const outcome = await t.app.get(RetrainService).run({
      limit: 400,
      epochs: 3,
      warmStart: false,
      devset: [],
      version: 'an-test-worse',
      inspectCandidate: worse,
    });
    expect(outcome.promote).toBe(false);
    expect(outcome.reason).toMatch(/^worse on holdout/);

    const rows = await versions();
    expect(rows.map((r: { version: string; active: boolean }) => [r.version, r.active])).toEqual([
      ['an-test-good', true],
      ['an-test-worse', false],
    ]);
    expect(rows[1].has_artifact).toBe(false);
    expect(rows[1].metrics.decision).toMatch(/^worse on holdout/);
    expect(t.app.get(ActiveModel).version).toBe('an-test-good');
  });

  it('lists versions for admins and analysts; only admins queue a retrain', async () => {
    const listed = await analyst.json('GET', '/api/analysis/models', undefined, 200);
    expect(listed.serving).toEqual({ version: 'an-test-good', loadedFrom: 'database' });
    expect(listed.versions.map((v: { version: string }) => v.version).sort()).toEqual([
      'an-test-good',
      'an-test-worse',
    ]);
    expect(listed.versions[0]).not.toHaveProperty('artifact');

    expect((await agent.request('POST', '/api/analysis/retrain')).status).toBe(403);
    expect((await analyst.request('POST', '/api/analysis/retrain')).status).toBe(403);
    const queued = await admin.json('POST', '/api/analysis/retrain', undefined, 202);
    expect(queued).toMatchObject({ queued: true, jobId: expect.any(String) });
    const [job] = await ds.query(`SELECT name, data FROM pgboss.job WHERE id = $1`, [queued.jobId]);
    expect(job).toEqual({ name: RETRAIN_JOB, data: { force: true, requestedBy: admin.user.id } });
  });

  it('runs the scheduled job only when a week has passed and the team corrected something since', async () => {
    const workers = t.app.get(AnalysisWorkers);
    // A model was just recorded: nothing is due, the job returns without training.
    expect(await workers.runJob({})).toBe(false);
    // A week later (all history moves back 8 days)...
    await ds.query(`UPDATE model_versions SET created_at = created_at - interval '8 days'`);
    await ds.query(`UPDATE analysis_corrections SET created_at = created_at - interval '8 days'`);
    expect(await t.app.get(RetrainService).due(RETRAIN_INTERVAL_SECONDS)).toBe(false); // no new corrections
    const [{ id }] = await ds.query(`SELECT item_id AS id FROM analysis_corrections LIMIT 1`);
    await ds.query(
      `INSERT INTO analysis_corrections (item_id, field, new_value) VALUES ($1, 'sentiment', 'negative')`,
      [id],
    );
    expect(await t.app.get(RetrainService).due(RETRAIN_INTERVAL_SECONDS)).toBe(true);
  });
});
