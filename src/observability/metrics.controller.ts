import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { AcceptsBearerToken, Roles } from '../auth/auth.decorators';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { Metrics } from './metrics.service';

/** Prometheus scrape endpoint: an admin session, or `Authorization: Bearer $METRICS_TOKEN`. */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Roles('admin')
  @AcceptsBearerToken('METRICS_TOKEN')
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiBearerAuth('metrics-token')
  @ApiOkResponse({ description: 'Prometheus text exposition format' })
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.render();
  }
}
