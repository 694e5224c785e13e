import { Writable } from 'node:stream';
import { createApp, RunningApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/config';

export const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

export interface OpsApp {
  running: RunningApp;
  url: string;
  logs: string[];
}

/** The whole app (as `npm start` wires it) on a given database, listening on a free port, logs captured. */
export async function startOpsApp(databaseUrl: string, env: Record<string, string> = {}): Promise<OpsApp> {
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DEMO: 'false',
      ADMIN_EMAIL: 'admin@otklik.test',
      ADMIN_PASSWORD: 'admin-password-123',
      SECRETS_KEY: '0'.repeat(64),
      METRICS_TOKEN,
      ...env,
      DATABASE_URL: databaseUrl,
    },
    '/nonexistent',
  );
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk, _enc, cb) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  const running = await createApp(config, { logger: false, logDestination });
  await running.app.listen(0, '127.0.0.1');
  const { port } = running.app.getHttpServer().address();
  return { running, url: `http://127.0.0.1:${port}`, logs };
}
