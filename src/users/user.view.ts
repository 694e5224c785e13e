import { User } from './user.entity';

/** What the admin API shows of a user: never the hash, never the lockout internals' raw row. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: User['role'];
  locale: User['locale'];
  maxOpenConversations: number;
  isLead: boolean;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export function userView(u: User): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    locale: u.locale,
    maxOpenConversations: u.maxOpenConversations,
    isLead: u.isLead,
    disabled: u.disabledAt !== null,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}
