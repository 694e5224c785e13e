import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { UsersRepository } from '../users/users.repository';
import { generatePassword, hashPassword } from './password';

export const DEFAULT_ADMIN_EMAIL = 'admin@otklik.local';

/**
 * On the very first start (no users at all) creates the admin from ADMIN_EMAIL / ADMIN_PASSWORD,
 * or with a generated password printed once, straight to stdout: the structured logger (and
 * whatever ships its output) never sees it. Later starts find users and do nothing.
 */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap() {
    if (this.config.ROLE === 'worker') return; // API instances own sign-in
    await this.ensureFirstAdmin();
  }

  /** True when this call created the admin (exactly one of several racing instances does). */
  async ensureFirstAdmin(print: (text: string) => void = (t) => process.stdout.write(t)): Promise<boolean> {
    if (await this.users.anyExist()) return false;
    const email = this.config.ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL;
    const generated = this.config.ADMIN_PASSWORD ? undefined : generatePassword();
    const passwordHash = await hashPassword(this.config.ADMIN_PASSWORD ?? generated!);
    const created = await this.users.insertFirstAdmin(email, 'Administrator', passwordHash);
    if (!created) return false;
    await this.audit.record(null, 'user.first_admin_created', 'user', null, { email });
    this.logger.log(`Created the first admin, ${email}`);
    if (generated)
      print(
        box([
          `Admin login: ${email} / ${generated}`,
          'Shown once. Change it after signing in: Profile → Change password.',
        ]),
      );
    return true;
  }
}

function box(lines: string[]): string {
  const width = Math.max(...lines.map((l) => l.length));
  const rule = `+${'-'.repeat(width + 2)}+`;
  return ['', rule, ...lines.map((l) => `| ${l.padEnd(width)} |`), rule, ''].join('\n') + '\n';
}
