import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { SESSION_COOKIE } from '../auth/session-cookie';

export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs-json';

/**
 * OpenAPI UI at /api/docs and JSON at /api/docs-json. SwaggerModule registers these straight on
 * the HTTP adapter, not as Nest controllers, so the global auth guard never sees them: they are
 * public by construction (test/ops/observability.int-spec.ts checks it).
 */
export function setupOpenApi(app: INestApplication): void {
  // Built on the first request for it, once: walking every route and DTO costs ~0.3 s of CPU,
  // which every start (and every test that boots the app) would otherwise pay. The offline
  // build in api-types.ts (and its unit test) fails loudly if the document cannot be made.
  const document = () => SwaggerModule.createDocument(app, openApiConfig());
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH, raw: ['json'] });
}

/** Title, auth schemes and version of the document (also used offline by api-types.ts). */
export function openApiConfig() {
  return new DocumentBuilder()
    .setTitle('Otklik API')
    .setDescription(
      'Social-media care: one inbox for VK and Telegram with sentiment, intent and SLA deadlines. ' +
        'Sign in with POST /api/auth/login; the session cookie authenticates every other call, and ' +
        'cookie-authenticated writes also need the CSRF header.',
    )
    .setVersion(process.env.npm_package_version ?? '0.1.0')
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, SESSION_COOKIE)
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN, for /metrics only' },
      'metrics-token',
    )
    .addSecurityRequirements(SESSION_COOKIE)
    .build();
}
