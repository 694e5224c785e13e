import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../support/database';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');

/**
 * The retrain job as it runs in production: the project built with its own nest-cli.json (only
 * the output directory moved to a private temp dir, so a parallel `dist/` is never clobbered),
 * started from an unrelated working directory next to a poisoned `../shared/eval`, with only
 * node_modules beside it — nothing from the source tree or outside the build may be read.
 */
describe('retrain from the built app', () => {
  let tmp: string;
  let db: TestDatabase;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-built-'));
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('builds, and the built job trains and records a new model version', async () => {
    const out = path.join(tmp, 'app');
    const nestCli = JSON.parse(fs.readFileSync(path.join(ROOT, 'nest-cli.json'), 'utf8'));
    const assets = nestCli.compilerOptions.assets as Array<{ include: string; outDir: string }>;
    for (const a of assets) {
      expect(a.outDir).toMatch(/^dist\//);
      a.outDir = path.join(out, a.outDir.slice('dist/'.length));
    }
    const tsconfig = path.join(tmp, 'tsconfig.build.json');
    fs.writeFileSync(
      tsconfig,
      JSON.stringify({ extends: path.join(ROOT, 'tsconfig.build.json'), compilerOptions: { outDir: out } }),
    );
    // The Nest CLI resolves both paths against the working directory.
    nestCli.compilerOptions.tsConfigPath = path.relative(ROOT, tsconfig);
    fs.writeFileSync(path.join(tmp, 'nest-cli.json'), JSON.stringify(nestCli));
    await run(
      process.execPath,
      [
        require.resolve('@nestjs/cli/bin/nest.js'),
        'build',
        '-c',
        path.relative(ROOT, path.join(tmp, 'nest-cli.json')),
      ],
      { cwd: ROOT, timeout: 360_000 },
    );
    expect(fs.existsSync(path.join(out, 'src', 'main.js'))).toBe(true);

    // A deployment: the build plus node_modules. The working directory is elsewhere, and its
    // ../shared/eval holds a dev set that breaks the job if anything reads it.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
    const cwd = path.join(tmp, 'work', 'instance');
    fs.mkdirSync(cwd, { recursive: true });
    const evalDir = path.join(tmp, 'work', 'shared', 'eval');
    fs.mkdirSync(path.join(evalDir, 'public'), { recursive: true });
    fs.writeFileSync(path.join(evalDir, 'devset.jsonl'), 'not json: must never be read at runtime\n');
    fs.writeFileSync(path.join(evalDir, 'public', 'ru_opensentimentcorpus.csv'), 'not,a,corpus\n');

    const script = path.join(tmp, 'retrain-job.js');
    fs.writeFileSync(
      script,
      `const app = process.argv[2];
const { createApp } = require(app + '/src/bootstrap.js');
const { loadConfig } = require(app + '/src/config/config.js');
const { AnalysisWorkers } = require(app + '/src/analysis/nest/analysis.workers.js');
(async () => {
  const running = await createApp(loadConfig(), { logger: false });
  try {
    const trained = await running.app.get(AnalysisWorkers).runJob({ force: true });
    process.stdout.write(JSON.stringify({ trained }) + '\\n');
  } finally {
    await running.stop();
  }
})().catch((err) => { process.stderr.write(String(err && err.stack || err) + '\\n'); process.exit(1); });
`,
    );
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      ROLE: 'api', // no pg-boss workers or schedules: only the job body under test runs
      DEMO: 'false',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      SECRETS_KEY: '0'.repeat(64),
      ADMIN_EMAIL: 'admin@otklik.test',
      ADMIN_PASSWORD: 'admin-password-123',
    };
    const child = await run(process.execPath, [script, out], { cwd, env, timeout: 360_000 }).catch(
      (err: { stderr?: string; message: string }) => {
        throw new Error(`the built retrain job failed: ${err.stderr || err.message}`);
      },
    );
    expect(JSON.parse(child.stdout.trim().split('\n').pop()!)).toEqual({ trained: true });

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const { rows } = await pg.query(
        `SELECT version, active, metrics, trained_on, artifact IS NOT NULL AS has_artifact FROM model_versions`,
      );
      expect(rows).toHaveLength(1);
      const trainRows = fs
        .readFileSync(path.join(ROOT, 'src/analysis/data/train.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.trim()).length;
      // All of train.jsonl and the vendored public sentiment corpora; nothing from ../shared.
      expect(rows[0].metrics.sources).toMatchObject({ train_jsonl: trainRows, corrections: 0, devset: 0 });
      expect(rows[0].metrics.sources.public_sentiment).toBeGreaterThan(5000);
      expect(Object.keys(rows[0].metrics.evaluation)).toEqual(['holdout']);
      expect(rows[0].trained_on).toBeGreaterThan(trainRows);
      expect(rows[0].has_artifact).toBe(rows[0].active);
    } finally {
      await pg.end();
    }
  }, 780_000); // generous: the build and a full retrain on a loaded 2-core machine
});
