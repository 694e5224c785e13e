import { DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig } from '../config/config.schema';
import { pinoHttpParams } from './logging';
import { MetricsController } from './metrics.controller';
import { Metrics } from './metrics.service';

/** Structured logs (nestjs-pino, secrets redacted) and Prometheus metrics (`Metrics`, GET /metrics). */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(config: AppConfig, logDestination?: DestinationStream): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [LoggerModule.forRoot({ pinoHttp: pinoHttpParams(config, logDestination) })],
      providers: [Metrics],
      controllers: [MetricsController],
      exports: [Metrics],
    };
  }
}
