import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PG, pgCode } from '../database/pg-errors';
import { conversationUpdated, publishInboxEvents } from '../inbox/inbox-events';
import type { SessionUser } from '../users/user.types';
import { CreateTagDto, CreateTagRuleDto, UpdateTagDto, UpdateTagRuleDto } from './dto/tags.dto';
import { phraseHasWords } from './tag-rules';
import { TagRulesService } from './tag-rules.service';
import { ConversationTagRow, TagsRepository } from './tags.repository';

export type ConversationTags = Omit<ConversationTagRow, 'conversationId'>;

/** Tags: admins keep the list and the auto-tag rules; agents put tags on conversations (audited). */
@Injectable()
export class TagsService {
  constructor(
    private readonly db: DataSource,
    private readonly tags: TagsRepository,
    private readonly rules: TagRulesService,
    private readonly audit: AuditService,
  ) {}

  list() {
    return this.tags.list();
  }

  create(dto: CreateTagDto, user: SessionUser) {
    return this.write(async (tx) => {
      const tag = (await this.tags.create(tx, dto.name, dto.color ?? '#888888'))!;
      await this.audit.record(
        user.id,
        'tag.created',
        'tag',
        tag.id,
        { name: tag.name, color: tag.color },
        tx,
      );
      return tag;
    });
  }

  update(id: string, dto: UpdateTagDto, user: SessionUser) {
    return this.write(async (tx) => {
      const before = await this.tags.find(tx, id, true);
      if (!before) throw new NotFoundException('tag not found');
      const tag = (await this.tags.update(tx, id, dto))!;
      const change = {
        before: { name: before.name, color: before.color },
        after: { name: tag.name, color: tag.color },
      };
      await this.audit.record(user.id, 'tag.updated', 'tag', id, change, tx);
      return tag;
    });
  }

  /** Deleting a tag takes it off every conversation (and out of the reports) and drops its rules. */
  async remove(id: string, user: SessionUser): Promise<void> {
    await this.db.transaction(async (tx) => {
      const tag = await this.tags.find(tx, id);
      if (!tag) throw new NotFoundException('tag not found');
      await this.tags.delete(tx, id);
      await this.audit.record(user.id, 'tag.deleted', 'tag', id, { name: tag.name }, tx);
      await this.tags.announceRulesChange(tx);
    });
    this.rules.invalidate();
  }

  /** The tags of each conversation (empty lists included), for the queue and the conversation view. */
  async ofConversations(ids: readonly string[]): Promise<Map<string, ConversationTags[]>> {
    const out = new Map<string, ConversationTags[]>(ids.map((id) => [id, []]));
    for (const { conversationId, ...tag } of await this.tags.ofConversations(this.db, ids)) {
      out.get(conversationId)?.push(tag);
    }
    return out;
  }

  /** Which of these ids are conversations. */
  existing(tx: EntityManager, ids: readonly string[]) {
    return this.tags.existingConversations(tx, ids);
  }

  /** One conversation: 404 when it does not exist. */
  async tagOne(conversationId: string, tagId: string, user: SessionUser, on: boolean) {
    await this.db.transaction(async (tx) => {
      if (!(await this.tags.existingConversations(tx, [conversationId])).has(conversationId)) {
        throw new NotFoundException('conversation not found');
      }
      await this.apply(tx, [conversationId], tagId, user, on);
    });
    return (await this.ofConversations([conversationId])).get(conversationId)!;
  }

  /**
   * Puts a tag on (or takes it off) existing conversations, in the caller's transaction: one
   * audit entry per conversation that changed, one inbox event. Answers the ids that changed.
   */
  async apply(tx: EntityManager, ids: readonly string[], tagId: string, user: SessionUser, on: boolean) {
    const tag = await this.tags.find(tx, tagId);
    if (!tag) throw new BadRequestException('tagId does not exist');
    const changed = on
      ? await this.tags.add(tx, tagId, ids, user.id)
      : await this.tags.remove(tx, tagId, ids);
    const action = on ? 'conversation.tagged' : 'conversation.untagged';
    for (const id of changed) {
      await this.audit.record(user.id, action, 'conversation', id, { tagId, name: tag.name }, tx);
    }
    if (changed.length) await publishInboxEvents(tx, [conversationUpdated(changed, { tags: 'changed' })]);
    return changed;
  }

  listRules() {
    return this.tags.rules();
  }

  createRule(dto: CreateTagRuleDto, user: SessionUser) {
    checkRule(dto);
    return this.writeRules(async (tx) => {
      if (!(await this.tags.find(tx, dto.tagId))) throw new BadRequestException('tagId does not exist');
      const rule = (await this.tags.createRule(tx, dto, user.id))!;
      await this.audit.record(user.id, 'tag_rule.created', 'tag_rule', rule.id, ruleSnapshot(rule), tx);
      return rule;
    });
  }

  updateRule(id: string, dto: UpdateTagRuleDto, user: SessionUser) {
    if (dto.phrase) checkRule(dto);
    return this.writeRules(async (tx) => {
      if (dto.tagId && !(await this.tags.find(tx, dto.tagId)))
        throw new BadRequestException('tagId does not exist');
      const rule = await this.tags.updateRule(tx, id, dto);
      if (!rule) throw new NotFoundException('rule not found');
      await this.audit.record(user.id, 'tag_rule.updated', 'tag_rule', id, ruleSnapshot(rule), tx);
      return rule;
    });
  }

  async removeRule(id: string, user: SessionUser): Promise<void> {
    await this.writeRules(async (tx) => {
      if (!(await this.tags.deleteRule(tx, id))) throw new NotFoundException('rule not found');
      await this.audit.record(user.id, 'tag_rule.deleted', 'tag_rule', id, {}, tx);
    });
  }

  private async writeRules<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    const out = await this.write(async (tx) => {
      const r = await fn(tx);
      await this.tags.announceRulesChange(tx);
      return r;
    });
    this.rules.invalidate();
    return out;
  }

  private async write<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(fn);
    } catch (err) {
      if (pgCode(err) === PG.UNIQUE_VIOLATION) throw new ConflictException('a tag with this name exists');
      if (pgCode(err) === PG.CHECK_VIOLATION)
        throw new BadRequestException('a rule needs a phrase, an intent, a sentiment or a source');
      if (pgCode(err) === PG.FOREIGN_KEY_VIOLATION) throw new BadRequestException('sourceId does not exist');
      throw err;
    }
  }
}

function checkRule(dto: { phrase?: string | null }) {
  if (dto.phrase && !phraseHasWords(dto.phrase)) throw new BadRequestException('phrase must contain a word');
}

function ruleSnapshot(r: {
  tagId: string;
  phrase: string | null;
  intent: string | null;
  sentiment: string | null;
  sourceId: string | null;
  enabled: boolean;
}) {
  return {
    tagId: r.tagId,
    phrase: r.phrase,
    intent: r.intent,
    sentiment: r.sentiment,
    sourceId: r.sourceId,
    enabled: r.enabled,
  };
}
