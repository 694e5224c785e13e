/**
 * One or more Otklik instances on one test database, with their logs captured, a pg pool for
 * fixtures, and the admin signed in.
 */
import { Writable } from 'node:stream';
import { Pool } from 'pg';
import { AlertsEvaluationService } from '../../src/alerts/alerts-evaluation.service';
import type { RuleKind } from '../../src/alerts/alert.types';
import { createApp, RunningApp } from '../../src/bootstrap';
import { ADMIN, Client } from '../auth/client';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testConfig } from '../support/app';

export interface Instance {
  running: RunningApp;
  url: string;
  logs: string[];
  stop(): Promise<void>;
}

export async function startInstance(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<Instance> {
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk, _enc, cb) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  const config = testConfig(
    { LOG_LEVEL: 'debug', JOB_RETRY_DELAY_SECONDS: '1', SHUTDOWN_TIMEOUT_MS: '3000', ...env },
    databaseUrl,
  );
  const running = await createApp(config, { logger: false, logDestination });
  await running.app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${running.app.getHttpServer().address().port}`;
  let stopped = false;
  return {
    running,
    url,
    logs,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await running.stop();
    },
  };
}

export interface AlertsWorld {
  db: TestDatabase;
  pg: Pool;
  app: Instance;
  admin: Client;
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  evaluate(now?: Date, only?: RuleKind[]): ReturnType<AlertsEvaluationService['evaluate']>;
  close(): Promise<void>;
}

/** A world whose seeded rules are switched off, so each test owns its rules. */
export async function startAlertsWorld(env: Record<string, string> = {}): Promise<AlertsWorld> {
  const db = await createTestDatabase();
  const pg = new Pool({ connectionString: db.url, max: 3 });
  await pg.query(`UPDATE alert_rules SET enabled = false`);
  const app = await startInstance(db.url, env);
  const admin = new Client(app.url);
  const login = await admin.login(ADMIN.email, ADMIN.password);
  if (login.status !== 200) throw new Error(`admin login: ${login.status}`);
  return {
    db,
    pg,
    app,
    admin,
    sql: async (text, params = []) => (await pg.query(text, params as any[])).rows,
    evaluate: (now = new Date(), only) => app.running.app.get(AlertsEvaluationService).evaluate(now, only),
    close: async () => {
      await app.stop();
      await pg.end();
      await db.drop();
    },
  };
}
