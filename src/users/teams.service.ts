import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PG, pgCode } from '../database/pg-errors';
import type { SessionUser } from './user.types';
import { Team } from './team.entity';
import { TeamsRepository } from './teams.repository';

export interface TeamView {
  id: string;
  name: string;
  members: { id: string; email: string; name: string; role: string; isLead: boolean }[];
}

function teamView(t: Team): TeamView {
  return {
    id: t.id,
    name: t.name,
    members: (t.members ?? [])
      .map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, isLead: u.isLead }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Teams conversations are routed to. Every change is audited in the same transaction. */
@Injectable()
export class TeamsService {
  constructor(
    private readonly db: DataSource,
    private readonly teams: TeamsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<TeamView[]> {
    return (await this.teams.list()).map(teamView);
  }

  create(actor: SessionUser, name: string): Promise<TeamView> {
    return this.db.transaction(async (m) => {
      const team = await this.teams.insert(name.trim(), m);
      if (!team) throw new ConflictException('A team with this name already exists');
      await this.audit.record(actor.id, 'team.created', 'team', team.id, { name: team.name }, m);
      return teamView(team);
    });
  }

  rename(actor: SessionUser, id: string, name: string): Promise<TeamView> {
    return this.db.transaction(async (m) => {
      const before = (await this.teams.lock(id, m)) ? await this.teams.findById(id, m) : null;
      if (!before) throw new NotFoundException('No such team');
      try {
        await this.teams.rename(id, name.trim(), m);
      } catch (err) {
        if (pgCode(err) === PG.UNIQUE_VIOLATION)
          throw new ConflictException('A team with this name already exists');
        throw err;
      }
      await this.audit.record(
        actor.id,
        'team.renamed',
        'team',
        id,
        { from: before.name, to: name.trim() },
        m,
      );
      return teamView((await this.teams.findById(id, m))!);
    });
  }

  remove(actor: SessionUser, id: string): Promise<void> {
    return this.db.transaction(async (m) => {
      const team = await this.teams.findById(id, m);
      if (!team || !(await this.teams.delete(id, m))) throw new NotFoundException('No such team');
      await this.audit.record(actor.id, 'team.deleted', 'team', id, { name: team.name }, m);
    });
  }

  addMember(actor: SessionUser, teamId: string, userId: string): Promise<TeamView> {
    return this.db.transaction(async (m) => {
      const outcome = await this.teams.addMember(teamId, userId, m);
      if (outcome === 'missing') throw new NotFoundException('No such team or user');
      if (outcome === 'added') {
        await this.audit.record(actor.id, 'team.member_added', 'team', teamId, { userId }, m);
      }
      return teamView((await this.teams.findById(teamId, m))!);
    });
  }

  removeMember(actor: SessionUser, teamId: string, userId: string): Promise<void> {
    return this.db.transaction(async (m) => {
      if (!(await this.teams.removeMember(teamId, userId, m))) {
        throw new NotFoundException('That user is not in that team');
      }
      await this.audit.record(actor.id, 'team.member_removed', 'team', teamId, { userId }, m);
    });
  }
}
