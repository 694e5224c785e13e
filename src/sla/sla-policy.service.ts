import {
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
  OnModuleInit,
  Optional,
} from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { conversationUpdated, publishInboxEvents } from '../inbox/inbox-events';
import { workingClockFor } from './calendar';
import { clockRulesOf, type ClockRules } from './clock-rules';
import { retarget } from '../conversations/conversation-lifecycle';
import { ConversationsRepository } from '../conversations/conversations.repository';
import { SlaPolicyEntity } from './sla-policy.entity';
import { PG, pgCode } from '../database/pg-errors';
import { PgNotifications } from '../database/pg-notifications';
import { SLA_POLICIES_CHANNEL, SlaPolicyRepository } from './sla-policy.repository';
import { isCareIntent } from './sla.types';
import { SlaPolicyRule } from './triage';
import { CreateSlaPolicyDto, UpdateSlaPolicyDto } from './dto/sla-policy.dto';

/**
 * A change reaches this instance at once and the others by NOTIFY within milliseconds; the
 * cache also expires after this long, in case a notification was lost with its connection.
 */
const CACHE_TTL_MS = 60_000;

interface LoadedRules {
  rules: SlaPolicyRule[];
  byId: Map<string, SlaPolicyRule>;
  at: number;
}

export interface SlaPolicyChange {
  policy: SlaPolicyEntity;
  /** Running clocks whose deadline was recomputed for a new target or calendar. */
  recomputedClocks: number;
}

/**
 * SLA policies: the admin use cases, and the one cached rule set everything reads (ingest's
 * triage, the sweep, the conversation lifecycle's clock rules). A change invalidates the cache
 * here and, by NOTIFY sla_policies in its transaction, on every other instance (the very next
 * ingested item sees it). A change of target or calendar recomputes the running clocks the
 * policy set, from their original start.
 */
@Injectable()
export class SlaPolicyService implements OnModuleInit {
  private readonly logger = new Logger(SlaPolicyService.name);
  private cache: LoadedRules | null = null;
  private loading: Promise<LoadedRules> | null = null;
  private generation = 0;

  constructor(
    private readonly policies: SlaPolicyRepository,
    private readonly conversations: ConversationsRepository,
    @Optional() private readonly audit?: AuditService,
    // optional so tests and benches can build it by hand; Nest always injects it
    @Optional() private readonly notifications?: PgNotifications,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.notifications?.listen(SLA_POLICIES_CHANNEL, {
      notified: () => this.invalidate(),
      missed: () => this.invalidate(),
    });
  }

  list(): Promise<SlaPolicyEntity[]> {
    return this.policies.list();
  }

  async get(id: string): Promise<SlaPolicyEntity> {
    const p = await this.policies.findById(id);
    if (!p) throw new NotFoundException('SLA policy not found');
    return p;
  }

  async create(dto: CreateSlaPolicyDto, actorId: string | null = null): Promise<SlaPolicyEntity> {
    const created = await this.policies
      .transaction(async (m) => {
        const p = await this.policies.insert(
          {
            name: dto.name,
            sourceId: dto.sourceId ?? null,
            intent: dto.intent ?? null,
            firstResponseMinutes: dto.firstResponseMinutes,
            calendar: dto.calendar ?? null,
            pauseWhilePending: dto.pauseWhilePending ?? true,
            enabled: dto.enabled ?? true,
            reassignOnBreach: dto.reassignOnBreach ?? false,
          },
          m,
        );
        await this.audit?.record(actorId, 'sla_policy.create', 'sla_policy', p.id, { after: snapshot(p) }, m);
        await this.policies.announceChange(m);
        return p;
      })
      .catch(translateDbError);
    this.invalidate();
    return created;
  }

  async update(id: string, dto: UpdateSlaPolicyDto, actorId: string | null = null): Promise<SlaPolicyChange> {
    const change = await this.policies
      .transaction(async (m) => {
        const p = await this.policies.findById(id, m, true);
        if (!p) throw new NotFoundException('SLA policy not found');
        const before = snapshot(p);
        for (const key of Object.keys(dto) as (keyof UpdateSlaPolicyDto)[]) {
          if (dto[key] !== undefined) (p as any)[key] = dto[key];
        }
        const saved = await this.policies.save(p, m);
        const clockChanged =
          before.firstResponseMinutes !== saved.firstResponseMinutes ||
          JSON.stringify(before.calendar) !== JSON.stringify(saved.calendar);
        let recomputed = 0;
        const moved: string[] = [];
        if (clockChanged) {
          // Policy change mid-flight: same start, new target, working time already used stays used.
          const now = new Date();
          const clock = workingClockFor(saved.calendar);
          const running = await this.conversations.lockClocksOfPolicy(m, id);
          await this.conversations.save(
            m,
            running.map((c) => retarget(c, saved.firstResponseMinutes, now, clock)),
          );
          recomputed = running.length;
          moved.push(...running.map((c) => c.id));
          // the live inbox: these deadlines moved
          await publishInboxEvents(m, [conversationUpdated(moved, { dueAt: 'recomputed' })]);
        }
        await this.audit?.record(
          actorId,
          'sla_policy.update',
          'sla_policy',
          id,
          { before, after: snapshot(saved), recomputedClocks: recomputed },
          m,
        );
        await this.policies.announceChange(m);
        return { policy: saved, recomputedClocks: recomputed };
      })
      .catch(translateDbError);
    this.invalidate();
    if (change.recomputedClocks)
      this.logger.log(`policy ${id} changed: ${change.recomputedClocks} deadlines recomputed`);
    return change;
  }

  /** The enabled rules, cached; what triage resolves against. */
  async rules(): Promise<readonly SlaPolicyRule[]> {
    return (await this.load()).rules;
  }

  /** Every rule by id, disabled ones included: a running clock keeps its policy's calendar. */
  async rulesById(): Promise<ReadonlyMap<string, SlaPolicyRule>> {
    return (await this.load()).byId;
  }

  /** What a conversation's clock needs from its policy (the conversation lifecycle's rules). */
  async clockRules(): Promise<ClockRules> {
    return clockRulesOf(await this.rulesById());
  }

  invalidate(): void {
    this.cache = null;
    this.loading = null;
    this.generation++;
  }

  private async load() {
    if (this.cache && Date.now() - this.cache.at < CACHE_TTL_MS) return this.cache;
    const gen = this.generation;
    const loading = (this.loading ??= this.policies.list().then(
      (rows) => {
        const all = rows.map(toRule);
        const loaded = {
          rules: all.filter((r) => r.enabled),
          byId: new Map(all.map((r) => [r.id!, r])),
          at: Date.now(),
        };
        // A change while this read ran makes it stale: keep it for this caller only.
        if (gen === this.generation) {
          this.cache = loaded;
          this.loading = null;
        }
        return loaded;
      },
      (err) => {
        if (gen === this.generation) this.loading = null;
        throw err;
      },
    ));
    return loading;
  }
}

/** The one mapper from a stored policy to the rule triage and the clock use. */
export function toRule(p: SlaPolicyEntity): SlaPolicyRule {
  return {
    id: p.id,
    sourceId: p.sourceId,
    intent: p.intent && isCareIntent(p.intent) ? p.intent : null,
    firstResponseMinutes: p.firstResponseMinutes,
    calendar: p.calendar,
    pauseWhilePending: p.pauseWhilePending,
    enabled: p.enabled,
    reassignOnBreach: p.reassignOnBreach,
  };
}

function snapshot(p: SlaPolicyEntity) {
  const { createdAt: _c, updatedAt: _u, ...rest } = p;
  return rest;
}

/** Two enabled policies for one scope, or an unknown source, are the admin's to fix. */
function translateDbError(err: unknown): never {
  if (err instanceof QueryFailedError) {
    const code = pgCode(err);
    if (code === PG.UNIQUE_VIOLATION)
      throw new ConflictException('an enabled SLA policy for this source and intent already exists');
    if (code === PG.FOREIGN_KEY_VIOLATION) throw new NotFoundException('source not found');
  }
  throw err;
}
