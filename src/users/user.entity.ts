import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { UserRole } from './user.types';

export type UserLocale = 'ru' | 'en';
export const USER_ROLES: readonly UserRole[] = ['admin', 'agent', 'analyst'];
export const USER_LOCALES: readonly UserLocale[] = ['ru', 'en'];

/** A person on the care team. Never deleted (their replies and notes point at them); disabled instead. */
// Constraint names and expressions as PostgreSQL stores them (migration CareDomain), so
// `migration:generate` sees no drift.
@Entity('users')
@Check('users_locale_check', "(locale = ANY (ARRAY['ru'::text, 'en'::text]))")
@Check('users_max_open_conversations_check', '(max_open_conversations > 0)')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'citext', unique: true })
  email: string;

  @Column({ type: 'text', default: '' })
  name: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'enum', enum: USER_ROLES, enumName: 'user_role', default: 'agent' })
  role: UserRole;

  @Column({ type: 'text', default: 'ru' })
  locale: UserLocale;

  /** How many live conversations this person handles well (the care lead's ~6). */
  @Column({ name: 'max_open_conversations', type: 'int', default: 6 })
  maxOpenConversations: number;

  /** A care lead: told about their team's breaches, reads reports and alerts (see auth/access.ts). */
  @Column({ name: 'is_lead', type: 'boolean', default: false })
  isLead: boolean;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ name: 'failed_logins', type: 'int', default: 0 })
  failedLogins: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
