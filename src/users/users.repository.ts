import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { UserRole } from './user.types';
import { AccountLock, afterFailure, LockoutPolicy } from '../auth/login-throttle';
import { User, UserLocale } from './user.entity';

export interface NewUser {
  email: string;
  name: string;
  role: UserRole;
  locale: UserLocale;
  passwordHash: string;
  maxOpenConversations?: number;
  isLead?: boolean;
}

export type UserChanges = Partial<
  Pick<User, 'role' | 'name' | 'locale' | 'maxOpenConversations' | 'isLead' | 'disabledAt' | 'passwordHash'>
> & { failedLogins?: number; lockedUntil?: Date | null };

/** All I/O on the users table. */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: DataSource) {}

  private repo(manager: EntityManager = this.db.manager) {
    return manager.getRepository(User);
  }

  findById(id: string, manager?: EntityManager): Promise<User | null> {
    return this.repo(manager).findOneBy({ id });
  }

  /** With the password hash, which is never selected otherwise. */
  findForLogin(email: string): Promise<User | null> {
    return this.repo()
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
  }

  async passwordHash(id: string): Promise<string | null> {
    const rows: { password_hash: string }[] = await this.db.query(
      `SELECT password_hash FROM users WHERE id = $1`,
      [id],
    );
    return rows[0]?.password_hash ?? null;
  }

  list(): Promise<User[]> {
    return this.repo().find({ order: { createdAt: 'ASC', email: 'ASC' } });
  }

  async anyExist(): Promise<boolean> {
    const rows = await this.db.query(`SELECT EXISTS (SELECT 1 FROM users) AS any`);
    return rows[0].any === true;
  }

  /** Null when the e-mail is taken. */
  async insert(user: NewUser, manager: EntityManager = this.db.manager): Promise<User | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO users (email, name, role, locale, password_hash, max_open_conversations, is_lead)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [
        user.email,
        user.name,
        user.role,
        user.locale,
        user.passwordHash,
        user.maxOpenConversations ?? 6,
        user.isLead ?? false,
      ],
    );
    return rows[0] ? this.findById(rows[0].id, manager) : null;
  }

  /**
   * Creates the admin only while the table is empty. One statement, so several instances
   * starting at once create exactly one admin; false when someone else got there first.
   */
  async insertFirstAdmin(email: string, name: string, passwordHash: string): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO users (email, name, role, password_hash)
       SELECT $1, $2, 'admin', $3 WHERE NOT EXISTS (SELECT 1 FROM users)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [email, name, passwordHash],
    );
    return rows.length === 1;
  }

  async update(id: string, changes: UserChanges, manager: EntityManager = this.db.manager): Promise<void> {
    await this.repo(manager).update({ id }, changes);
  }

  /*
   * Row locks on users are FOR NO KEY UPDATE, never FOR UPDATE: every row that references a user
   * (an audit entry's actor, a session, a note's author...) takes FOR KEY SHARE on it as its
   * foreign-key check, and FOR UPDATE blocks that. Locking the active admins FOR UPDATE made
   * "disable X" (admins, then X) and "rename X" (X, then the audit row's KEY SHARE on the acting
   * admin) wait on each other: a deadlock, answered 500. NO KEY UPDATE still excludes every other
   * writer of the row, which is all these locks are for.
   */

  /** Row-locks every active admin (ordered, so two transactions never deadlock) and returns their ids. */
  async lockActiveAdmins(manager: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR NO KEY UPDATE`,
    );
    return rows.map((r) => r.id);
  }

  async lockById(id: string, manager: EntityManager): Promise<User | null> {
    return this.repo(manager)
      .createQueryBuilder('u')
      .setLock('for_no_key_update')
      .where('u.id = :id', { id })
      .getOne();
  }

  /** One more wrong password, counted under a row lock so concurrent attempts all count. */
  registerFailure(id: string, now: Date, policy: LockoutPolicy): Promise<AccountLock> {
    return this.db.transaction(async (m) => {
      const rows: { failed_logins: number; locked_until: Date | null }[] = await m.query(
        `SELECT failed_logins, locked_until FROM users WHERE id = $1 FOR NO KEY UPDATE`,
        [id],
      );
      const next = afterFailure(
        { failedLogins: rows[0].failed_logins, lockedUntil: rows[0].locked_until },
        now,
        policy,
      );
      await m.query(`UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1`, [
        id,
        next.failedLogins,
        next.lockedUntil,
      ]);
      return next;
    });
  }

  async registerSuccess(id: string): Promise<void> {
    await this.db.query(
      `UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`,
      [id],
    );
  }
}
