import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { BEARER_TOKEN_KEY, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import type { SessionUser } from '../users/user.types';
import { Access, mayAccess } from './access';
import { AuthService } from './auth.service';
import { csrfTokenMatches, isUnsafeMethod } from './csrf';
import { CSRF_HEADER, SESSION_COOKIE, sessionCookieOptions } from './session-cookie';
import { constantTimeEqual } from './tokens';

export type AuthenticatedRequest = Request & { user?: SessionUser; authKind?: 'session' | 'bearer' };

/**
 * The global default-deny guard (APP_GUARD): every route needs a live session unless it is
 * @Public(); cookie-authenticated writes need the CSRF header; @Roles is enforced here.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();

    const bearerVariable = this.reflector.getAllAndOverride<'METRICS_TOKEN' | undefined>(
      BEARER_TOKEN_KEY,
      targets,
    );
    const bearer = bearerToken(req);
    const expected = bearerVariable ? this.config[bearerVariable] : undefined;
    if (expected && bearer !== undefined) {
      if (!constantTimeEqual(bearer, expected)) throw new UnauthorizedException('Wrong bearer token');
      req.authKind = 'bearer';
      return true;
    }

    const token: unknown = req.cookies?.[SESSION_COOKIE];
    if (typeof token !== 'string' || token === '') throw new UnauthorizedException('Sign in first');
    const resolved = await this.auth.resolveSession(token);
    if (!resolved) {
      res.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.config));
      throw new UnauthorizedException('Your session has ended; sign in again');
    }
    const { session } = resolved;
    if (isUnsafeMethod(req.method) && !csrfTokenMatches(req.headers[CSRF_HEADER], session.csrfToken)) {
      throw new ForbiddenException('Missing or wrong X-CSRF-Token header');
    }
    const roles = this.reflector.getAllAndOverride<Access[] | undefined>(ROLES_KEY, targets);
    if (!mayAccess(roles, session)) {
      throw new ForbiddenException(`This needs the role: ${roles!.join(' or ')}`);
    }
    if (resolved.renewedUntil) {
      res.cookie(SESSION_COOKIE, token, sessionCookieOptions(this.config, resolved.renewedUntil));
    }
    req.authKind = 'session';
    req.user = {
      id: session.userId,
      email: session.email,
      name: session.name,
      role: session.role,
      isLead: session.isLead,
      sessionId: session.sessionId,
    };
    return true;
  }
}

function bearerToken(req: Request): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(h);
  return m ? m[1].trim() : undefined;
}
