import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';

/** argon2id with the OWASP baseline (19 MiB, 2 passes, 1 lane); the parameters live in each hash. */
const ARGON2ID = 2 as Algorithm; // Algorithm.Argon2id (a const enum, not importable under isolatedModules)
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough that nobody makes us hash megabytes. */
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** False (never throws) for a wrong password or a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Why a new password is not acceptable, or null when it is. Length is what matters most
 * (NIST 800-63B); we also refuse the obvious: one repeated character, or the e-mail itself.
 */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (new Set(password).size < 4) return 'must use more than a few different characters';
  if (email) {
    const p = password.toLowerCase();
    const e = email.toLowerCase();
    if (p === e || p === e.split('@')[0]) return 'must not be the e-mail address';
  }
  return null;
}

/** A password for the generated first admin: 18 random bytes, base64url (24 characters). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** A hash of a random password, verified against when the e-mail is unknown, so timing matches. */
export function dummyHash(): Promise<string> {
  return hashPassword(randomBytes(16).toString('hex'));
}
