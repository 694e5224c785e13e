import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../database/sql';

export interface SourceName {
  id: string;
  name: string;
  platform: string;
}

/** Names for report rows: sources, users, tags (small tables). */
@Injectable()
export class ReportLookupsRepository {
  constructor(private readonly db: DataSource) {}

  async sources(): Promise<Map<string, SourceName>> {
    const rows = await sqlRows<SourceName>(this.db, `SELECT id::text, name, platform FROM sources`);
    return new Map(rows.map((r) => [r.id, r]));
  }

  async users(): Promise<Map<string, { name: string; role: string }>> {
    const rows = await sqlRows<{ id: string; name: string; email: string; role: string }>(
      this.db,
      `SELECT id::text, name, email::text, role::text FROM users`,
    );
    return new Map(rows.map((r) => [r.id, { name: r.name || r.email, role: r.role }]));
  }

  async tags(): Promise<Map<string, { name: string; color: string }>> {
    const rows = await sqlRows<{ id: string; name: string; color: string }>(
      this.db,
      `SELECT id::text, name::text, color FROM tags`,
    );
    return new Map(rows.map((r) => [r.id, { name: r.name, color: r.color }]));
  }

  /** Enabled agents and what they hold at once, summed (the team's capacity). */
  async team(): Promise<{ agents: number; capacity: number }> {
    const [r] = await sqlRows<{ agents: number; capacity: number }>(
      this.db,
      `SELECT count(*)::int AS agents, COALESCE(sum(max_open_conversations), 0)::int AS capacity
         FROM users WHERE role = 'agent' AND disabled_at IS NULL`,
    );
    return r;
  }
}
