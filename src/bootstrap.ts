import 'reflect-metadata';
import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { AppModule } from './app.module';
import { AppConfig } from './config/config.schema';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';

export interface RunningApp {
  app: INestApplication;
  databaseUrl: string;
  /** Stops taking work, finishes in-flight jobs, closes pools, then stops the embedded database. */
  stop(): Promise<void>;
}

/**
 * Builds the whole application (used by main.ts and by the end-to-end tests, so both run the
 * same wiring). Starts the embedded PostgreSQL when DATABASE_URL is unset.
 */
export async function createApp(config: AppConfig, opts: { logger?: false } = {}): Promise<RunningApp> {
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(config.DATA_DIR);
    databaseUrl = embedded.url;
  }
  try {
    await runMigrations(databaseUrl);
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, databaseUrl }), {
      bufferLogs: true,
      rawBody: true, // signed webhooks verify the HMAC over the exact bytes
      ...(opts.logger === false ? { logger: false } : {}),
    });
    configureHttp(app);
    await app.init();
    let stopped = false;
    return {
      app,
      databaseUrl,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        try {
          await app.close();
        } finally {
          await embedded?.stop();
        }
      },
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}

export function configureHttp(app: NestExpressApplication) {
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(cookieParser());
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
}
