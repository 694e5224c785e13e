import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { SessionUser } from '../users/user.types';
import type { Access } from './access';

export const PUBLIC_KEY = 'otklik:public';
export const ROLES_KEY = 'otklik:roles';

/**
 * Marks a route as reachable without a session. Only login, health, API docs and signed
 * webhooks (which check their own signature) may use it; a test enumerates every route.
 */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * The roles allowed on a route or controller (`'lead'`: anyone with the lead flag); checked
 * server-side by the global guard with `mayAccess`.
 */
export const Roles = (...roles: Access[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): SessionUser => ctx.switchToHttp().getRequest().user,
);

export const BEARER_TOKEN_KEY = 'otklik:bearer-token';
/**
 * Also accept `Authorization: Bearer <value of this config variable>` instead of a session
 * (e.g. Prometheus scraping /metrics with METRICS_TOKEN). Unset variable: sessions only.
 */
export const AcceptsBearerToken = (configVariable: 'METRICS_TOKEN') =>
  SetMetadata(BEARER_TOKEN_KEY, configVariable);
