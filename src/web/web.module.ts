import { Logger, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { RuntimeRole } from '../config/runtime-role';
import { findWebRoot, webStaticMiddleware } from './web-static';

/**
 * Serves the inbox UI (web/) at `/` and `/assets/*`. It is plain Express static middleware,
 * which runs before Nest's router and outside the global auth guard: the files hold no data,
 * and every API call they make is checked by the guard as usual.
 */
@Module({})
export class WebModule implements NestModule {
  private readonly logger = new Logger('WebModule');

  constructor(private readonly role: RuntimeRole) {}

  configure(consumer: MiddlewareConsumer): void {
    if (!this.role.servesHttp) return; // workers answer only /health and /metrics
    const root = findWebRoot();
    if (!root) {
      this.logger.warn('web/index.html not found; the inbox UI is not served');
      return;
    }
    consumer.apply(webStaticMiddleware(root)).forRoutes({ path: '{*path}', method: RequestMethod.GET });
  }
}
