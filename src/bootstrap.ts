import 'reflect-metadata';
import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/config.schema';
import { RuntimeRole } from './config/runtime-role';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';
import { httpMetricsMiddleware } from './observability/http-metrics';
import { Metrics } from './observability/metrics.service';
import { setupOpenApi } from './observability/openapi';
import { cookieIsSecure } from './auth/session-cookie';
import { InboxEventsHub } from './realtime/inbox-events.hub';
import { DatabaseErrorFilter } from './security/database-error.filter';
import { jsonBodies, securityHeaders } from './security/http-hardening';
import { InputSafetyPipe } from './security/input-safety.pipe';
import { AppValidationPipe } from './security/validation';

export interface RunningApp {
  app: INestApplication;
  databaseUrl: string;
  /** Stops taking work, finishes in-flight jobs, closes pools, then stops the embedded database. */
  stop(): Promise<void>;
}

export interface CreateAppOptions {
  /** Nest's own bootstrap logging off (tests); application logs follow LOG_LEVEL either way. */
  logger?: false;
  /** Where JSON logs go (tests capture them); default stdout. */
  logDestination?: DestinationStream;
}

/**
 * Builds the whole application (used by main.ts and by the end-to-end tests, so both run the
 * same wiring). Starts the embedded PostgreSQL when DATABASE_URL is unset.
 */
export async function createApp(config: AppConfig, opts: CreateAppOptions = {}): Promise<RunningApp> {
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(config.DATA_DIR);
    databaseUrl = embedded.url;
  }
  try {
    await runMigrations(databaseUrl);
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ config, databaseUrl, logDestination: opts.logDestination }),
      {
        bufferLogs: true,
        bodyParser: false, // configureHttp installs the one body parser (per-route limits, raw bytes kept)
        ...(opts.logger === false ? { logger: false } : {}),
      },
    );
    app.useLogger(app.get(PinoNestLogger));
    configureHttp(app, config);
    await app.init();
    let stopped = false;
    return {
      app,
      databaseUrl,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        try {
          // 1. stop accepting HTTP; in-flight requests get a short grace period (live event
          //    streams never finish by themselves: they are ended first)
          app.get(InboxEventsHub, { strict: false }).closeAll();
          await closeHttpServer(
            app.getHttpServer(),
            Math.min(5000, Math.floor(config.SHUTDOWN_TIMEOUT_MS / 3)),
          );
          // 2. Nest hooks: schedule ticks stop (onModuleDestroy), pg-boss stops fetching and waits
          //    for in-flight jobs (beforeApplicationShutdown), then TypeORM closes its pool
          await app.close();
        } finally {
          // 3. the embedded PostgreSQL, last
          await embedded?.stop();
        }
      },
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}

export function configureHttp(app: NestExpressApplication, config: AppConfig) {
  const role = new RuntimeRole(config.ROLE);
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  // No ETag on res.send/res.json: API answers are Cache-Control: no-store, so hashing every body
  // (64 KB for a queue page) bought nothing. Static files keep theirs (serve-static's own).
  app.set('etag', false);
  app.use(securityHeaders({ hsts: cookieIsSecure(config) }));
  app.use(httpMetricsMiddleware(app.get(Metrics)));
  if (!role.servesHttp) app.use(workerOnlyOperations);
  app.use(cookieParser());
  app.use(jsonBodies());
  // InputSafetyPipe first: NUL, lone surrogates and null-where-not-nullable never reach validation
  app.useGlobalPipes(new InputSafetyPipe(), new AppValidationPipe());
  // the safety net under validation: a PostgreSQL data error from bad input is a 400, not a 500
  app.useGlobalFilters(new DatabaseErrorFilter(app.getHttpAdapter()));
  if (role.servesHttp) setupOpenApi(app);
}

/**
 * ROLE=worker keeps its HTTP port for probes and scrapes only: /health/* and /metrics answer,
 * everything else is 404 (the API lives on ROLE=api|all instances).
 */
function workerOnlyOperations(req: Request, res: Response, next: NextFunction) {
  if (req.path.startsWith('/health/') || req.path === '/metrics') return next();
  res
    .status(404)
    .json({ statusCode: 404, message: 'This is a worker instance (ROLE=worker): only /health and /metrics' });
}

function closeHttpServer(server: Server | undefined, graceMs: number): Promise<void> {
  if (!server?.listening) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
