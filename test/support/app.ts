import { INestApplication } from '@nestjs/common';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/config';
import { createTestDatabase, TestDatabase } from './database';

export interface TestApp {
  app: INestApplication;
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  url: string;
  db: TestDatabase;
  stop(): Promise<void>;
}

/**
 * The configuration every test app runs with (demo off, silent logs, a fixed admin and key),
 * plus the test's own settings, on the given database.
 */
export function testConfig(env: Record<string, string>, databaseUrl: string) {
  return loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DEMO: 'false',
      ADMIN_EMAIL: 'admin@otklik.test',
      ADMIN_PASSWORD: 'admin-password-123',
      SECRETS_KEY: '0'.repeat(64),
      ...env,
      DATABASE_URL: databaseUrl,
    },
    '/nonexistent',
  );
}

/**
 * The whole application, wired exactly as `npm start` wires it, on its own fresh database and a
 * free port. Demo mode is off unless the test turns it on.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = testConfig(env, db.url);
  const running = await createApp(config, { logger: false });
  await running.app.listen(0, '127.0.0.1');
  const server = running.app.getHttpServer();
  const { port } = server.address();
  return {
    app: running.app,
    url: `http://127.0.0.1:${port}`,
    db,
    stop: async () => {
      await running.stop();
      await db.drop();
    },
  };
}
