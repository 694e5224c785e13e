import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';
import { configSchema } from '../../src/config/config.schema';

const ROOT = path.resolve(__dirname, '..', '..');
const load = (env: Record<string, string>) => () => loadConfig(env, '/nonexistent');

describe('configuration', () => {
  it('starts with no configuration at all', () => {
    const c = loadConfig({}, '/nonexistent');
    expect(c).toMatchObject({ PORT: 3000, ROLE: 'all', DATA_DIR: './.data', LOG_LEVEL: 'info' });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['ROLE', 'boss'],
    ['DATABASE_URL', 'mysql://x'],
    ['SECRETS_KEY', 'short'],
    ['ADMIN_PASSWORD', 'too-short'],
    ['LOG_LEVEL', 'loud'],
    ['JOB_RETRY_LIMIT', '-1'],
    ['METRICS_TOKEN', 'tiny'],
  ])('rejects %s=%s with one line naming the variable', (name, value) => {
    let error: unknown;
    try {
      load({ [name]: value })();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain('\n');
    expect(message).not.toContain(value.length > 4 ? value : '\u0000'); // the value itself is not echoed
  });

  it('reads .env, and the real environment wins', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-env-'));
    fs.writeFileSync(path.join(dir, '.env'), 'PORT=4100\nROLE=worker\n');
    expect(loadConfig({ ROLE: 'api' }, dir)).toMatchObject({ PORT: 4100, ROLE: 'api' });
    fs.rmSync(dir, { recursive: true });
  });

  it('.env.example documents every variable of the schema', () => {
    const example = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8');
    const missing = Object.keys(configSchema.shape).filter(
      (k) => !new RegExp(`^#?\\s*${k}=`, 'm').test(example),
    );
    expect(missing).toEqual([]);
    // and nothing stale: every variable in the example exists in the schema
    const listed = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(listed.filter((k) => !(k in configSchema.shape))).toEqual([]);
    // copying it to .env changes nothing
    const parsed = Object.fromEntries(
      listed.map((k) => [k, example.match(new RegExp(`^${k}=(.*)$`, 'm'))?.[1] ?? '']),
    );
    expect(loadConfig(parsed, '/nonexistent')).toEqual(loadConfig({}, '/nonexistent'));
  });

  it('the real entry point exits 1 printing exactly one line that names PORT', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: 'abc' };
    delete env.DATABASE_URL;
    const run = spawnSync(process.execPath, ['-r', './test/support/ts-cache.js', 'src/main.ts'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 120000,
    });
    expect(run.status).toBe(1);
    const lines = `${run.stdout}${run.stderr}`.split('\n').filter((l) => l.trim());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('PORT');
    // a cold ts-node start on a loaded machine can take a while
  }, 150000);
});
