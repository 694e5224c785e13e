import { BadRequestException, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { UsersRepository } from '../users/users.repository';
import type { SessionUser, UserRole } from '../users/user.types';
import { LoginAttemptsRepository } from './login-attempts.repository';
import {
  IP_LIMIT,
  ipRetryAfterSeconds,
  isLocked,
  LockoutPolicy,
  secondsUntil,
  shouldTouchSession,
} from './login-throttle';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './password';
import { ActiveSession, SessionsRepository } from './sessions.repository';
import { hashToken, newToken } from './tokens';

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  isLead: boolean;
  locale: 'ru' | 'en';
}

export type LoginResult =
  | { kind: 'ok'; token: string; expiresAt: Date; csrfToken: string; user: PublicUser }
  | { kind: 'invalid' }
  | { kind: 'locked'; retryAfterSeconds: number }
  | { kind: 'rate_limited'; retryAfterSeconds: number };

@Injectable()
export class AuthService implements OnModuleInit {
  private dummy: Promise<string>;
  private readonly lockout: LockoutPolicy;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly attempts: LoginAttemptsRepository,
    private readonly audit: AuditService,
  ) {
    this.lockout = {
      maxAttempts: config.LOGIN_MAX_ATTEMPTS,
      lockoutMs: config.LOGIN_LOCKOUT_MINUTES * 60_000,
    };
  }

  onModuleInit() {
    // Computed up front, so the first unknown-e-mail login is not slower than the rest.
    this.dummy = dummyHash();
  }

  /**
   * Checks the password and opens a session. Unknown e-mail and wrong password give the same
   * answer after the same argon2 work; an e-mail with no account locks like a real one, so
   * lockout does not reveal which accounts exist either.
   */
  async login(
    rawEmail: string,
    password: string,
    ip: string,
    userAgent: string | null,
  ): Promise<LoginResult> {
    const email = rawEmail.trim();
    const now = new Date();
    const ipFailures = await this.attempts.recentFailuresFromIp(
      ip,
      new Date(now.getTime() - IP_LIMIT.windowMs),
      IP_LIMIT.maxFailures,
    );
    const ipWait = ipRetryAfterSeconds(ipFailures, now, IP_LIMIT);
    if (ipWait > 0) return { kind: 'rate_limited', retryAfterSeconds: ipWait };

    const user = await this.users.findForLogin(email);
    const passwordOk = await verifyPassword(user?.passwordHash ?? (await this.dummy), password);

    if (!user) {
      await this.attempts.record(email, ip, false);
      const since = new Date(now.getTime() - this.lockout.lockoutMs);
      const failures = await this.attempts.countFailuresForEmail(email, since);
      return failures >= this.lockout.maxAttempts
        ? { kind: 'locked', retryAfterSeconds: Math.ceil(this.lockout.lockoutMs / 1000) }
        : { kind: 'invalid' };
    }
    if (isLocked(user, now)) {
      // A correct password does not open a locked account.
      await this.attempts.record(email, ip, false);
      return { kind: 'locked', retryAfterSeconds: secondsUntil(user.lockedUntil!, now) };
    }
    if (!passwordOk) {
      await this.attempts.record(email, ip, false);
      const state = await this.users.registerFailure(user.id, now, this.lockout);
      return isLocked(state, now)
        ? { kind: 'locked', retryAfterSeconds: secondsUntil(state.lockedUntil!, now) }
        : { kind: 'invalid' };
    }
    if (user.disabledAt) {
      await this.attempts.record(email, ip, false);
      return { kind: 'invalid' };
    }

    await this.attempts.record(email, ip, true);
    await this.users.registerSuccess(user.id);
    await this.sessions.deleteExpired(user.id);
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_HOURS * 3_600_000);
    const created = await this.sessions.create({
      id: hashToken(token),
      userId: user.id,
      csrfToken,
      ip,
      userAgent: userAgent?.slice(0, 512) ?? null,
      expiresAt,
    });
    if (!created) return { kind: 'invalid' }; // disabled while the password was being checked
    return { kind: 'ok', token, expiresAt, csrfToken, user: publicUser(user) };
  }

  /**
   * The session behind a cookie token, or null (unknown, expired, or the user is disabled).
   * Slides the expiry, writing at most once a minute; `renewedUntil` is set when it did.
   */
  async resolveSession(token: string): Promise<{ session: ActiveSession; renewedUntil?: Date } | null> {
    const session = await this.sessions.findActiveById(hashToken(token));
    if (!session) return null;
    if (!shouldTouchSession(session.lastSeenAt, new Date())) return { session };
    const renewedUntil = await this.sessions.touch(session.sessionId, this.config.SESSION_TTL_HOURS);
    return { session, renewedUntil: renewedUntil ?? undefined };
  }

  async me(sessionId: string): Promise<{ user: PublicUser; csrfToken: string } | null> {
    const s = await this.sessions.findActiveById(sessionId);
    if (!s) return null;
    return {
      user: { id: s.userId, email: s.email, name: s.name, role: s.role, isLead: s.isLead, locale: s.locale },
      csrfToken: s.csrfToken,
    };
  }

  /** The signed-in person's own name and language. */
  async updateProfile(me: SessionUser, changes: { name?: string; locale?: 'ru' | 'en' }) {
    const patch = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(patch).length === 0) throw new BadRequestException('give name and/or locale');
    await this.users.update(me.id, patch);
    this.sessions.forgetUser(me.id); // the guard's copy of the name and locale
    await this.audit.record(me.id, 'user.profile_updated', 'user', me.id, patch);
    const s = await this.me(me.sessionId);
    if (!s) throw new BadRequestException('Your session has ended; sign in again');
    return s;
  }

  logout(sessionId: string): Promise<void> {
    return this.sessions.delete(sessionId);
  }

  /** Changes the signed-in user's password and signs out their other sessions. */
  async changePassword(me: SessionUser, currentPassword: string, newPassword: string): Promise<void> {
    const hash = await this.users.passwordHash(me.id);
    if (!hash || !(await verifyPassword(hash, currentPassword))) {
      throw new BadRequestException('The current password is wrong');
    }
    const problem = passwordProblem(newPassword, me.email);
    if (problem) throw new BadRequestException(`The new password ${problem}`);
    await this.users.update(me.id, { passwordHash: await hashPassword(newPassword) });
    await this.sessions.deleteForUser(me.id, undefined, me.sessionId);
    this.sessions.forgetUser(me.id);
    await this.audit.record(me.id, 'user.password_changed', 'user', me.id);
  }
}

function publicUser(u: PublicUser): PublicUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, isLead: u.isLead, locale: u.locale };
}
