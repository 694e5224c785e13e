/**
 * npm run train [-- --no-devset] [--no-public] [--force] [--cv 5]
 * Trains on own data (train.jsonl + the train splits of the licence-compatible public sentiment
 * corpora, read from ../shared/eval/public and never copied into the repository) + the dev set +
 * team corrections from the DB (when DATABASE_URL is set), measures the honest figures (CV with
 * dev-set folds, own-data-only, public test splits), writes a versioned candidate, and promotes it
 * to models/active.json only if it scores no worse than the active model.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../analyzer';
import { bundleToJson, readBundle, writeBundle, type NeutralBias } from '../model/bundle';
import { readJsonl } from '../training/dataset';
import { loadCorrections } from '../training/corrections';
import { crossValidate, devTrainInput, evalDir, ownOnly, publicChecks } from '../training/experiments';
import { trainBundle } from '../training/trainer';
import { parseArgs } from './args';
import { costMatrix, type CostMatrix } from '../../sla/deadline-decision';

const MODELS = path.join(__dirname, '..', 'models');

/** One number to compare models by: the mean of the three headline figures under cross-validation. */
function headline(m: Record<string, unknown> | undefined): number | undefined {
  const cv = m?.cv as Record<string, number> | undefined;
  if (!cv) return undefined;
  return (cv['sentiment.accuracy'] + cv['intent.macroF1'] + cv['deadline.accuracy']) / 3;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const own = devTrainInput({ withPublic: args['no-public'] !== true });
  const devFile = path.join(evalDir(), 'devset.jsonl');
  const dev = fs.existsSync(devFile) ? readJsonl(devFile) : [];
  const corrections = process.env.DATABASE_URL ? await loadCorrections(process.env.DATABASE_URL).catch((e: Error) => {
    console.warn(`corrections skipped: ${e.message}`);
    return [];
  }) : []; // prettier-ignore
  own.posts = [...own.posts, ...corrections];

  const k = Number(args.cv ?? 5);
  const metrics: Record<string, unknown> = {};
  let deadlineCosts: CostMatrix | undefined;
  let neutralBias: NeutralBias | undefined;
  if (dev.length > 0) {
    const cv = crossValidate(own, dev, k);
    metrics.cv = {
      'sentiment.accuracy': cv.pooled.sentiment.accuracy, 'sentiment.macroF1': cv.pooled.sentiment.macroF1,
      'intent.macroF1': cv.pooled.intent.macroF1, 'deadline.accuracy': cv.pooled.deadline.accuracy,
      salesMissRate: cv.pooled.salesMissRate, needsResponseMissRate: cv.pooled.needsResponseMissRate, k,
    }; // prettier-ignore
    metrics.deadlineTradeoff = { curve: cv.curve, tuned: cv.tuned };
    deadlineCosts = costMatrix(cv.tuned.salesMissCost);
    neutralBias = cv.neutralBias;
    metrics.neutralBias = cv.neutralBias;
    metrics.publicHeldOut = cv.publicHeldOut;
    const oo = ownOnly(own, dev);
    metrics.ownOnly = {
      'sentiment.accuracy': oo.sentiment.accuracy, 'sentiment.macroF1': oo.sentiment.macroF1, 'intent.macroF1': oo.intent.macroF1,
      'deadline.accuracy': oo.deadline.accuracy, salesMissRate: oo.salesMissRate, needsResponseMissRate: oo.needsResponseMissRate,
    }; // prettier-ignore
  }
  const useDev = args['no-devset'] !== true;
  const posts = useDev ? [...own.posts, ...dev] : own.posts;
  const bundle = trainBundle({ ...own, posts, deadlineCosts, neutralBias });
  const candidate = new Analyzer(bundle);
  metrics.public = publicChecks(candidate);
  const sources = { train_jsonl: own.posts.length - corrections.length, corrections: corrections.length, devset: useDev ? dev.length : 0, public_sentiment: own.sentimentOnly?.length ?? 0 }; // prettier-ignore
  const json = bundleToJson(
    bundle,
    { rows: posts.length + (own.sentimentOnly?.length ?? 0), sources },
    metrics,
  );
  const candFile = path.join(MODELS, 'candidates', `${bundle.version}.json`);
  writeBundle(candFile, json);

  const activeFile = path.join(MODELS, 'active.json');
  const current = fs.existsSync(activeFile) ? readBundle(activeFile) : undefined;
  const before = headline(current?.json?.metrics);
  const after = headline(metrics);
  const promote =
    args.force === true || before === undefined || (after !== undefined && after >= before - 1e-9);
  if (promote) writeBundle(activeFile, json);
  const history = path.join(MODELS, 'history.jsonl');
  fs.appendFileSync(
    history,
    JSON.stringify({
      version: bundle.version,
      at: new Date().toISOString(),
      promoted: promote,
      headline: after,
      previous: current?.version,
      metrics,
    }) + '\n',
  );
  if (process.env.DATABASE_URL)
    await recordVersion(process.env.DATABASE_URL, bundle.version, promote, metrics, posts.length).catch(
      (e: Error) => console.warn(`model_versions not updated: ${e.message}`),
    );
  console.log(
    JSON.stringify(
      {
        version: bundle.version,
        promoted: promote,
        headline: after,
        previousHeadline: before,
        seconds: (Date.now() - t0) / 1000,
        sources,
        metrics,
      },
      null,
      2,
    ),
  );
}

async function recordVersion(
  url: string,
  version: string,
  active: boolean,
  metrics: Record<string, unknown>,
  trainedOn: number,
): Promise<void> {
  const { Client } = await import('pg');
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('BEGIN');
    if (active) await c.query('UPDATE model_versions SET active = false WHERE active');
    await c.query(
      `INSERT INTO model_versions (version, active, metrics, trained_on, promoted_at) VALUES ($1, $2, $3, $4, CASE WHEN $2 THEN now() END)
       ON CONFLICT (version) DO NOTHING`,
      [version, active, JSON.stringify(metrics), trainedOn],
    );
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    await c.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
