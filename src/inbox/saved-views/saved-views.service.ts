import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { instanceToPlain, plainToInstance } from 'class-transformer';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { SessionUser } from '../../users/user.types';
import { conversationFilter } from '../conversations.service';
import { ConversationFilterDto } from '../dto/inbox.dto';
import { ConversationFilter, InboxRepository } from '../inbox.repository';
import { QueueCache, type QueueState } from '../queue-cache';
import { mayCreateView, mayEditView, scopeOf, VIEW_COUNT_CAP } from './saved-view-rules';
import { CreateSavedViewDto, UpdateSavedViewDto } from './saved-view.dto';
import { SavedViewRow, SavedViewsRepository } from './saved-views.repository';

/** Saved views of the queue: a person's own, a team's, everyone's; each with its live count. */
@Injectable()
export class SavedViewsService {
  private readonly counts = new QueueCache<number>(1024 * 1024, 10_000, () => 100);

  constructor(
    private readonly db: DataSource,
    private readonly views: SavedViewsRepository,
    private readonly inbox: InboxRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Every view the reader sees, counted for the reader (`me` is them), up to the cap. Counts are
   * kept per filter like queue pages (QueueCache): while the queue's version read for this request
   * is the one they were counted at, and for an SLA state until the next clock falls due.
   */
  async list(user: SessionUser) {
    const [rows, state] = await Promise.all([
      this.views.visibleTo(user.id, user.role === 'admin'),
      this.inbox.queueState(),
    ]);
    const views = await Promise.all(rows.map((r) => this.present(r, user, state)));
    return { views, countCap: VIEW_COUNT_CAP };
  }

  private count(f: ConversationFilter, state?: QueueState): Promise<number> {
    if (!state) return this.inbox.count(f, VIEW_COUNT_CAP);
    return this.counts.get(JSON.stringify(f), state, async () => {
      // read before the count: a clock falling due meanwhile only ends the entry early
      const until = f.sla ? await this.inbox.nextDue() : null;
      return { body: await this.inbox.count(f, VIEW_COUNT_CAP), until };
    });
  }

  async create(dto: CreateSavedViewDto, user: SessionUser) {
    const scope = dto.scope ?? 'personal';
    if (!mayCreateView(scope, user)) throw new ForbiddenException('only an admin shares a view');
    if ((scope === 'team') !== (dto.teamId !== undefined))
      throw new BadRequestException('teamId goes with scope team, and only with it');
    return this.db.transaction(async (tx) => {
      if (dto.teamId && !(await this.views.teamExists(tx, dto.teamId)))
        throw new BadRequestException('teamId does not exist');
      const row = await this.views.create(tx, {
        name: dto.name,
        ownerId: scope === 'personal' ? user.id : null,
        teamId: dto.teamId ?? null,
        filters: stored(dto.filters),
        createdBy: user.id,
      });
      await this.audit.record(
        user.id,
        'saved_view.created',
        'saved_view',
        row.id,
        { scope, name: row.name },
        tx,
      );
      return this.present(row, user);
    });
  }

  async update(id: string, dto: UpdateSavedViewDto, user: SessionUser) {
    return this.db.transaction(async (tx) => {
      await this.editable(tx, id, user);
      const row = await this.views.update(tx, id, {
        name: dto.name,
        filters: dto.filters ? stored(dto.filters) : undefined,
      });
      await this.audit.record(user.id, 'saved_view.updated', 'saved_view', id, { name: row.name }, tx);
      return this.present(row, user);
    });
  }

  async remove(id: string, user: SessionUser): Promise<void> {
    await this.db.transaction(async (tx) => {
      const row = await this.editable(tx, id, user);
      await this.views.remove(tx, id);
      await this.audit.record(user.id, 'saved_view.deleted', 'saved_view', id, { name: row.name }, tx);
    });
  }

  /** 404 for a view the reader cannot see, 403 for one they see but may not change. */
  private async editable(tx: Parameters<SavedViewsRepository['find']>[0], id: string, user: SessionUser) {
    const row = await this.views.find(tx, id);
    if (!row) throw new NotFoundException('saved view not found');
    const visible =
      row.ownerId === user.id ||
      (row.ownerId === null && row.teamId === null) ||
      (row.teamId !== null &&
        (user.role === 'admin' || (await this.views.isMember(tx, user.id, row.teamId))));
    if (!visible) throw new NotFoundException('saved view not found');
    if (!mayEditView(row, user)) throw new ForbiddenException('this view is not yours to change');
    return row;
  }

  /** With `state`: the count may come from the cache (see list()). */
  private async present(r: SavedViewRow, user: SessionUser, state?: QueueState) {
    const filter = plainToInstance(ConversationFilterDto, r.filters);
    const count = await this.count(conversationFilter(filter, user), state);
    return {
      id: r.id,
      key: r.key,
      name: r.name,
      scope: scopeOf(r),
      ownerId: r.ownerId,
      teamId: r.teamId,
      filters: r.filters,
      editable: mayEditView(r, user),
      count,
      capped: count >= VIEW_COUNT_CAP,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  }
}

/** Filters as stored: the validated fields only, dates as ISO strings. */
function stored(f: ConversationFilterDto): Record<string, unknown> {
  const plain = instanceToPlain(f) as Record<string, unknown>;
  for (const k of Object.keys(plain)) if (plain[k] === undefined) delete plain[k];
  for (const k of ['from', 'to'] as const) if (f[k] instanceof Date) plain[k] = f[k].toISOString();
  return plain;
}
