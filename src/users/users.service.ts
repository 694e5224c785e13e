import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { SessionUser } from './user.types';
import { hashPassword, passwordProblem } from '../auth/password';
import { SessionsRepository } from '../auth/sessions.repository';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserChanges, UsersRepository } from './users.repository';
import { userView, UserView } from './user.view';

/** The admin's use cases on people: create, re-role, make a lead, disable, reset a password. All audited. */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<UserView[]> {
    return (await this.users.list()).map(userView);
  }

  async get(id: string): Promise<UserView> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundException('No such user');
    return userView(user);
  }

  async create(actor: SessionUser, dto: CreateUserDto): Promise<UserView> {
    const problem = passwordProblem(dto.password, dto.email);
    if (problem) throw new BadRequestException(`password ${problem}`);
    const passwordHash = await hashPassword(dto.password);
    return this.db.transaction(async (m) => {
      const user = await this.users.insert(
        {
          email: dto.email.trim(),
          name: dto.name.trim(),
          role: dto.role,
          locale: dto.locale,
          passwordHash,
          maxOpenConversations: dto.maxOpenConversations,
          isLead: dto.isLead,
        },
        m,
      );
      if (!user) throw new ConflictException('A user with this e-mail already exists');
      await this.audit.record(
        actor.id,
        'user.created',
        'user',
        user.id,
        { email: user.email, role: user.role, name: user.name, locale: user.locale, isLead: user.isLead },
        m,
      );
      return userView(user);
    });
  }

  /**
   * Disabling or resetting the password signs the user out everywhere; `disabled: false` also
   * lifts a login lockout. The last active admin can be neither disabled nor demoted: all active
   * admins are row-locked first, so two admins demoting each other at once cannot both succeed.
   */
  async update(actor: SessionUser, id: string, dto: UpdateUserDto): Promise<UserView> {
    let passwordHash: string | undefined;
    if (dto.password !== undefined) {
      const existing = await this.users.findById(id);
      if (!existing) throw new NotFoundException('No such user');
      const problem = passwordProblem(dto.password, existing.email);
      if (problem) throw new BadRequestException(`password ${problem}`);
      passwordHash = await hashPassword(dto.password);
    }
    const view = await this.db.transaction(async (m) => {
      const mayRemoveAdmin = (dto.role !== undefined && dto.role !== 'admin') || dto.disabled === true;
      const activeAdmins = mayRemoveAdmin ? await this.users.lockActiveAdmins(m) : [];
      const user = await this.users.lockById(id, m);
      if (!user) throw new NotFoundException('No such user');
      const isActiveAdmin = user.role === 'admin' && user.disabledAt === null;
      if (mayRemoveAdmin && isActiveAdmin && activeAdmins.every((a) => a === id)) {
        throw new ConflictException('This is the last active admin: make another admin first');
      }

      const changes: UserChanges = {};
      const audited: Record<string, { from: unknown; to: unknown } | true> = {};
      const set = <K extends 'role' | 'name' | 'locale' | 'maxOpenConversations' | 'isLead'>(k: K) => {
        const to = dto[k];
        if (to !== undefined && to !== user[k]) {
          (changes as any)[k] = to;
          audited[k] = { from: user[k], to };
        }
      };
      set('role');
      set('name');
      set('locale');
      set('maxOpenConversations');
      set('isLead');
      const wasDisabled = user.disabledAt !== null;
      if (dto.disabled === true && !wasDisabled) {
        changes.disabledAt = new Date();
        audited.disabled = { from: false, to: true };
      } else if (dto.disabled === false) {
        if (wasDisabled) audited.disabled = { from: true, to: false };
        changes.disabledAt = null;
        changes.failedLogins = 0;
        changes.lockedUntil = null;
      }
      if (passwordHash) {
        changes.passwordHash = passwordHash;
        audited.password = true; // that it changed, never the value
      }
      if (Object.keys(changes).length > 0) await this.users.update(id, changes, m);
      if (changes.disabledAt || passwordHash) await this.sessions.deleteForUser(id, m);
      if (Object.keys(audited).length > 0) {
        await this.audit.record(actor.id, 'user.updated', 'user', id, { changes: audited }, m);
      }
      return userView((await this.users.findById(id, m))!);
    });
    // committed: this instance's cached sessions of the user go now (the others hear the trigger)
    this.sessions.forgetUser(id);
    return view;
  }
}
