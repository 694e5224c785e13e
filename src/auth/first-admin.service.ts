import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { stdoutIsTerminal } from '../observability/logging';
import { UsersRepository } from '../users/users.repository';
import { generatePassword, hashPassword } from './password';

export const DEFAULT_ADMIN_EMAIL = 'admin@otklik.local';

/**
 * On the very first start (no users at all) creates the admin from ADMIN_EMAIL / ADMIN_PASSWORD,
 * or with a generated password printed once, straight to stdout: the structured logger (and
 * whatever ships its output) never sees it. At a terminal the login waits for main.ts's banner,
 * which prints it above the inbox and API docs addresses once the server listens. Later starts
 * find users and do nothing.
 */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstAdmin');
  private heldLogin: string[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap() {
    if (this.config.ROLE === 'worker') return; // API instances own sign-in
    const print = stdoutIsTerminal()
      ? (lines: string[]) => (this.heldLogin = lines)
      : (lines: string[]) => process.stdout.write(box(lines));
    await this.ensureFirstAdmin(undefined, print);
  }

  /** The generated login held for the start-up banner (once; empty when there is none). */
  takeHeldLogin(): string[] {
    const lines = this.heldLogin;
    this.heldLogin = [];
    return lines;
  }

  /** True when this call created the admin (exactly one of several racing instances does). */
  async ensureFirstAdmin(
    print: (text: string) => void = (t) => process.stdout.write(t),
    printLines: (lines: string[]) => void = (lines) => print(box(lines)),
  ): Promise<boolean> {
    if (await this.users.anyExist()) return false;
    const email = this.config.ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL;
    const generated = this.config.ADMIN_PASSWORD ? undefined : generatePassword();
    const passwordHash = await hashPassword(this.config.ADMIN_PASSWORD ?? generated!);
    const created = await this.users.insertFirstAdmin(email, 'Administrator', passwordHash);
    if (!created) return false;
    await this.audit.record(null, 'user.first_admin_created', 'user', null, { email });
    this.logger.log(`Created the first admin, ${email}`);
    if (generated)
      printLines([
        `Admin login: ${email} / ${generated}`,
        'Shown once. Change it after signing in: Profile → Change password.',
      ]);
    return true;
  }
}

/** Lines in a +---+ frame, for what a person at the terminal must not miss. */
export function box(lines: string[]): string {
  const width = Math.max(...lines.map((l) => l.length));
  const rule = `+${'-'.repeat(width + 2)}+`;
  return ['', rule, ...lines.map((l) => `| ${l.padEnd(width)} |`), rule, ''].join('\n') + '\n';
}
