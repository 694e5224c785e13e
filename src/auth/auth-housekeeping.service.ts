import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { JobQueue } from '../jobs/job-queue';
import { JobSchedule } from '../jobs/job-schedule';
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
export class AuthHousekeeping implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly schedule: JobSchedule,
    private readonly sessions: SessionsRepository,
    private readonly attempts: LoginAttemptsRepository,
  ) {}

  async onModuleInit() {
    if (this.config.ROLE === 'api') return;
    await this.jobs.work(PRUNE_JOB, () => this.prune().then(() => undefined));
    this.schedule.every(PRUNE_JOB, PRUNE_INTERVAL_SECONDS);
  }

  async prune(now = new Date()): Promise<{ attempts: number }> {
    await this.sessions.deleteExpired();
    const keepMs = Math.max(DAY_MS, this.config.LOGIN_LOCKOUT_MINUTES * 60_000, IP_LIMIT.windowMs);
    const attempts = await this.attempts.pruneOlderThan(new Date(now.getTime() - keepMs));
    return { attempts };
  }
}
