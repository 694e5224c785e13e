import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The login_attempts ledger: per-address limits and lockout for e-mails with no account. */
@Injectable()
export class LoginAttemptsRepository {
  constructor(private readonly db: DataSource) {}

  async record(email: string, ip: string, success: boolean): Promise<void> {
    await this.db.query(`INSERT INTO login_attempts (email, ip, success) VALUES ($1, $2, $3)`, [
      email,
      ip,
      success,
    ]);
  }

  /** Failure times from this address since `since`, newest first, at most `limit`. */
  async recentFailuresFromIp(ip: string, since: Date, limit: number): Promise<Date[]> {
    const rows: { at: Date }[] = await this.db.query(
      `SELECT at FROM login_attempts WHERE ip = $1 AND NOT success AND at > $2 ORDER BY at DESC LIMIT $3`,
      [ip, since, limit],
    );
    return rows.map((r) => r.at);
  }

  async countFailuresForEmail(email: string, since: Date): Promise<number> {
    const rows: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM login_attempts WHERE email = $1 AND NOT success AND at > $2`,
      [email, since],
    );
    return rows[0].n;
  }

  /** Housekeeping: attempts older than any window we look at. */
  async pruneOlderThan(before: Date): Promise<number> {
    const [, count] = await this.db.query(`DELETE FROM login_attempts WHERE at < $1`, [before]);
    return count ?? 0;
  }
}
