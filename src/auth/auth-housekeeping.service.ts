import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { OnJob } from '../jobs/on-job';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { IP_LIMIT } from './login-throttle';
import { SessionsRepository } from './sessions.repository';

export const PRUNE_JOB = 'auth.prune';
const PRUNE_INTERVAL_SECONDS = 3600;
const DAY_MS = 24 * 3_600_000;

/**
 * Hourly, on workers: drops expired sessions and login attempts older than any window the
 * throttling looks at (kept a day for investigations).
 */
@Injectable()
export class AuthHousekeeping {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsRepository,
    private readonly attempts: LoginAttemptsRepository,
  ) {}

  @OnJob({ name: PRUNE_JOB, every: PRUNE_INTERVAL_SECONDS })
  async pruneJob(): Promise<void> {
    await this.prune();
  }

  async prune(now = new Date()): Promise<{ attempts: number }> {
    await this.sessions.deleteExpired();
    const keepMs = Math.max(DAY_MS, this.config.LOGIN_LOCKOUT_MINUTES * 60_000, IP_LIMIT.windowMs);
    const attempts = await this.attempts.pruneOlderThan(new Date(now.getTime() - keepMs));
    return { attempts };
  }
}
