import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { LogReg, type SerializedLogReg } from '../../src/analysis/model/logreg';
import { createTestDatabase, TestDatabase } from '../support/database';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');

/**
 * The retrain job as it runs in production: the project built with its own nest-cli.json (only
 * the output directory moved to a private temp dir, so a parallel `dist/` is never clobbered),
 * started from an unrelated working directory next to a poisoned `../shared/eval`, with only
 * node_modules beside it — nothing from the source tree or outside the build may be read. A
 * preloaded hook records every path the job's process and threads touch through `fs`.
 *
 * The public corpora do not ship (../shared/eval/README.md: never copied into the repository):
 * the job learns from train.jsonl and the corrections, warm-started from the shipped model, which
 * carries what it learned from them at development time.
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
    const shipped = JSON.parse(fs.readFileSync(path.join(out, 'src/analysis/models/active.json'), 'utf8'));
    expect(shipped.version).toBe(
      JSON.parse(fs.readFileSync(path.join(ROOT, 'src/analysis/models/active.json'), 'utf8')).version,
    );
    expect(fs.existsSync(path.join(out, 'src/analysis/models/NOTICE.md'))).toBe(true);
    // No corpus text in the build.
    const files = (fs.readdirSync(out, { recursive: true }) as string[]).map(String);
    expect(files.filter((f) => /\.(csv|tsv)$/i.test(f))).toEqual([]);

    // A deployment: the build plus node_modules. The working directory is elsewhere, and its
    // ../shared/eval holds a dev set that breaks the job if anything reads it.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
    const cwd = path.join(tmp, 'work', 'instance');
    fs.mkdirSync(cwd, { recursive: true });
    const evalDir = path.join(tmp, 'work', 'shared', 'eval');
    fs.mkdirSync(path.join(evalDir, 'public'), { recursive: true });
    fs.writeFileSync(path.join(evalDir, 'devset.jsonl'), 'not json: must never be read at runtime\n');
    fs.writeFileSync(path.join(evalDir, 'public', 'ru_opensentimentcorpus.csv'), 'not,a,corpus\n');

    const readLog = path.join(tmp, 'reads.log');
    const hook = path.join(tmp, 'record-reads.js');
    fs.writeFileSync(hook, RECORD_READS);
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
      OTKLIK_READ_LOG: readLog,
    };
    const child = await run(process.execPath, ['-r', hook, script, out], {
      cwd,
      env,
      timeout: 360_000,
    }).catch((err: { stderr?: string; message: string }) => {
      throw new Error(`the built retrain job failed: ${err.stderr || err.message}`);
    });
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
      // All of train.jsonl, warm-started from the shipped model; no corpus, nothing from ../shared.
      expect(rows[0].metrics.sources).toEqual({
        train_jsonl: trainRows,
        corrections: 0,
        devset: 0,
        public_sentiment: 0,
      });
      expect(rows[0].metrics.prior).toBe(shipped.version);
      expect(Object.keys(rows[0].metrics.evaluation)).toEqual(['holdout']);
      expect(rows[0].trained_on).toBe(trainRows);
      expect(rows[0]).toMatchObject({ active: true, has_artifact: true }); // forced

      // Warm-started and held near the shipped weights (measured 0.9997; a cold start on the same
      // rows is 0.37 for sentiment, which the shipped model learned mostly from the public corpora).
      const [{ artifact }] = (await pg.query(`SELECT artifact FROM model_versions`)).rows;
      for (const head of ['sentiment', 'intent'] as const) {
        const a = LogReg.deserialize(artifact[head] as SerializedLogReg).w;
        const b = LogReg.deserialize(shipped[head] as SerializedLogReg).w;
        expect(cosine(a, b)).toBeGreaterThan(0.99);
      }
    } finally {
      await pg.end();
    }

    // What the job read: the build and node_modules, never the source tree, ../shared or a corpus.
    const reads = [...new Set(fs.readFileSync(readLog, 'utf8').split('\n').filter(Boolean))];
    expect(reads).toEqual(
      expect.arrayContaining([
        path.join(out, 'src/analysis/data/train.jsonl'),
        path.join(out, 'src/analysis/models/active.json'),
      ]),
    );
    const inside = (p: string, dir: string): boolean => p === dir || p.startsWith(dir + path.sep);
    const outsideTheApp = reads.filter(
      (p) =>
        (inside(p, ROOT) && !inside(p, path.join(ROOT, 'node_modules'))) ||
        (inside(p, path.join(tmp, 'work')) && !inside(p, cwd)) ||
        /\.csv$/i.test(p),
    );
    expect(outsideTheApp).toEqual([]);
  }, 780_000); // generous: the build and a full retrain on a loaded 2-core machine
});

function cosine(a: Float32Array, b: Float32Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / Math.sqrt(aa * bb);
}

/**
 * Preloaded into the job (`node -r`) and into its worker threads: appends every path given to an
 * fs read, open, stat or directory listing to $OTKLIK_READ_LOG.
 */
const RECORD_READS = `
const fs = require('node:fs');
const path = require('node:path');
const { fileURLToPath } = require('node:url');
const append = fs.appendFileSync;
const log = process.env.OTKLIK_READ_LOG;
const note = (p) => {
  if (typeof p === 'number' || p == null) return;
  const s = p instanceof URL ? fileURLToPath(p) : Buffer.isBuffer(p) ? p.toString() : String(p);
  append(log, path.resolve(s) + '\\n');
};
const wrap = (obj, names) => {
  for (const n of names) {
    const orig = obj[n];
    if (typeof orig !== 'function') continue;
    obj[n] = function (p, ...rest) { note(p); return orig.call(this, p, ...rest); };
  }
};
wrap(fs, ['readFileSync', 'readFile', 'openSync', 'open', 'createReadStream', 'readdirSync', 'readdir',
  'existsSync', 'statSync', 'stat', 'lstatSync', 'lstat', 'accessSync', 'access', 'opendirSync', 'opendir']);
wrap(fs.promises, ['readFile', 'open', 'readdir', 'stat', 'lstat', 'access', 'opendir']);
const threads = require('node:worker_threads');
const Worker = threads.Worker;
threads.Worker = class extends Worker {
  constructor(file, opts = {}) {
    super(file, opts.execArgv ? { ...opts, execArgv: [...opts.execArgv, '-r', __filename] } : opts);
  }
};
`;
