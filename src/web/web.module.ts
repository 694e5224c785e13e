import { Logger, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { RuntimeRole } from '../config/runtime-role';
import { findWebRoot, webStaticMiddleware } from './web-static';

/**
 * Serves the web app (web/dist, built by `npm run build`) at `/`: the built assets at
 * `/assets/*` and the app's shell for every page a browser navigates to (client routes). Plain
 * Express static middleware, which runs before Nest's router and outside the global auth guard:
 * the files hold no data, and every API call they make is checked by the guard as usual.
 */
@Module({})
export class WebModule implements NestModule {
  private readonly logger = new Logger('WebModule');

  constructor(private readonly role: RuntimeRole) {}

  configure(consumer: MiddlewareConsumer): void {
    if (!this.role.servesHttp) return; // workers answer only /health and /metrics
    const root = findWebRoot();
    if (!root) {
      this.logger.warn('web/dist/index.html not found (run `npm run build`); the web app is not served');
      return;
    }
    consumer.apply(webStaticMiddleware(root)).forRoutes({ path: '{*path}', method: RequestMethod.GET });
  }
}
