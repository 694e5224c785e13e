import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The web app's API types must be what the server's OpenAPI document generates today (the CI
 * drift check). A child process, because openapi-typescript's dependencies are ES modules that
 * Node loads but Jest's CommonJS runtime cannot.
 */
describe('web/src/api/schema.d.ts', () => {
  it('matches what the OpenAPI document (built without a database) generates', async () => {
    const root = join(__dirname, '../..');
    const run = promisify(execFile)(
      process.execPath,
      ['-r', './test/support/ts-cache.js', 'src/observability/api-types.ts', '--check'],
      { cwd: root, timeout: 90_000, env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' } },
    );
    await expect(run).resolves.toMatchObject({ stdout: 'API types are up to date\n' });
  }, 100_000);
});
