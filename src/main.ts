import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/config';

async function main() {
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
  const running = await createApp(config);
  const logger = new Logger('Otklik');
  if (config.ROLE !== 'worker') {
    await running.app.listen(config.PORT, config.HOST);
    const url = `http://localhost:${config.PORT}`;
    logger.log(`Otklik (${config.ROLE}) is ready at ${url} in ${Date.now() - started} ms`);
  } else {
    logger.log(`Otklik worker is running (${Date.now() - started} ms)`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`);
    const timer = setTimeout(() => {
      logger.error(`shutdown took longer than ${config.SHUTDOWN_TIMEOUT_MS} ms, exiting`);
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    try {
      await running.stop();
      process.exit(0);
    } catch (err) {
      logger.error(err);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`Otklik failed to start: ${err?.stack ?? err}\n`);
  process.exit(1);
});
