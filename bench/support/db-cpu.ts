/**
 * CPU seconds spent by the backends of one database (from /proc; PostgreSQL on this machine).
 * On a shared server the whole-server figure counts everyone's work; this one follows only the
 * connections to our database: it samples pg_stat_activity every 200 ms and sums, per backend,
 * the CPU used since the sampler started (a backend that connected later counts from zero). A
 * backend that exits between two samples loses what it used after the last sample.
 */
import fs from 'node:fs';
import { Client } from 'pg';

const TICK = 100; // USER_HZ on Linux

function cpuOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICK;
  } catch {
    return null;
  }
}

export class DatabaseCpu {
  private readonly base = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private timer?: NodeJS.Timeout;
  private client?: Client;
  private startedAt = new Date();

  constructor(
    private readonly url: string,
    private readonly database: string,
  ) {}

  async start(): Promise<void> {
    this.client = new Client({ connectionString: this.url });
    await this.client.connect();
    this.startedAt = new Date();
    await this.sample();
    // a sample still running under load skips the tick (one query at a time on the client)
    let busy = false;
    this.timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void this.sample()
        .catch(() => undefined)
        .finally(() => (busy = false));
    }, 200);
  }

  /** Seconds of CPU since start(), summed over the database's backends (ours excluded). */
  async stop(): Promise<number> {
    clearInterval(this.timer);
    await this.sample();
    await this.client?.end();
    let total = 0;
    for (const [pid, v] of this.last) total += v - (this.base.get(pid) ?? 0);
    return total;
  }

  private async sample(): Promise<void> {
    if (!this.client) return;
    const r = await this.client.query<{ pid: number; backend_start: Date }>(
      `SELECT pid, backend_start FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [this.database],
    );
    for (const row of r.rows) {
      const v = cpuOf(row.pid);
      if (v === null) continue;
      if (!this.base.has(row.pid)) this.base.set(row.pid, row.backend_start > this.startedAt ? 0 : v);
      this.last.set(row.pid, v);
    }
  }
}
