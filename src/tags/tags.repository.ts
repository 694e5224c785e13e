import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Queryable, sqlOne, sqlRows } from '../database/sql';
import type { TagRuleInput } from './tag-rules';

export interface TagRow {
  id: string;
  name: string;
  color: string;
  createdAt: Date;
}

/** A tag on a conversation: who put it on (null: an auto-tag rule) and when. */
export interface ConversationTagRow {
  conversationId: string;
  id: string;
  name: string;
  color: string;
  createdAt: Date;
  createdBy: string | null;
  ruleId: string | null;
}

export interface TagRuleRow extends TagRuleInput {
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface TagRuleFields {
  tagId?: string;
  phrase?: string | null;
  intent?: string | null;
  sentiment?: string | null;
  sourceId?: string | null;
  enabled?: boolean;
}

const TAG = `t.id, t.name::text AS name, t.color, t.created_at AS "createdAt"`;
const RULE = `r.id, r.tag_id AS "tagId", r.phrase, r.intent, r.sentiment, r.source_id AS "sourceId",
  r.enabled, r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;

/** `tags`, `conversation_tags` and `tag_rules`: the only code that writes them. */
@Injectable()
export class TagsRepository {
  constructor(private readonly db: DataSource) {}

  list(): Promise<TagRow[]> {
    return sqlRows<TagRow>(this.db, `SELECT ${TAG} FROM tags t ORDER BY t.name, t.id`);
  }

  /**
   * Row-locked (FOR NO KEY UPDATE: foreign-key checks on the row still pass) when the caller
   * read-modifies-writes it: concurrent edits then queue, and each one's "before" is the last one's "after".
   */
  find(db: Queryable, id: string, lock = false): Promise<TagRow | undefined> {
    const forUpdate = lock ? ' FOR NO KEY UPDATE' : '';
    return sqlOne<TagRow>(db, `SELECT ${TAG} FROM tags t WHERE t.id = $1${forUpdate}`, [id]);
  }

  create(db: Queryable, name: string, color: string): Promise<TagRow | undefined> {
    return sqlOne<TagRow>(db, `INSERT INTO tags AS t (name, color) VALUES ($1, $2) RETURNING ${TAG}`, [
      name,
      color,
    ]);
  }

  async update(db: Queryable, id: string, f: { name?: string; color?: string }): Promise<TagRow | undefined> {
    return sqlOne<TagRow>(
      db,
      `UPDATE tags AS t SET name = COALESCE($2, t.name), color = COALESCE($3, t.color)
        WHERE t.id = $1 RETURNING ${TAG}`,
      [id, f.name ?? null, f.color ?? null],
    );
  }

  /** Removes the tag from every conversation too (the report triggers take the counts back). */
  async delete(db: Queryable, id: string): Promise<number> {
    const rows = await sqlRows<{ n: number }>(
      db,
      `WITH d AS (DELETE FROM tags WHERE id = $1 RETURNING 1) SELECT count(*)::int AS n FROM d`,
      [id],
    );
    return rows[0]?.n ?? 0;
  }

  /** The tags of these conversations, by name. */
  ofConversations(db: Queryable, ids: readonly string[]): Promise<ConversationTagRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return sqlRows<ConversationTagRow>(
      db,
      `SELECT ct.conversation_id AS "conversationId", ${TAG.replace('t.created_at', 'ct.created_at')},
              ct.created_by AS "createdBy", ct.rule_id AS "ruleId"
         FROM conversation_tags ct JOIN tags t ON t.id = ct.tag_id
        WHERE ct.conversation_id = ANY($1::uuid[])
        ORDER BY t.name, t.id`,
      [ids],
    );
  }

  /** Which of these ids are conversations (the rest are answered 404 / skipped). */
  async existingConversations(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
    const rows = await sqlRows<{ id: string }>(
      db,
      `SELECT id FROM conversations WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Puts a tag on conversations; answers those that did not have it yet. */
  async add(db: Queryable, tagId: string, conversationIds: readonly string[], userId: string | null) {
    const rows = await sqlRows<{ id: string }>(
      db,
      `INSERT INTO conversation_tags (conversation_id, tag_id, created_by)
       SELECT c, $1, $3 FROM unnest($2::uuid[]) AS c ORDER BY c
       ON CONFLICT DO NOTHING RETURNING conversation_id AS id`,
      [tagId, conversationIds, userId],
    );
    return rows.map((r) => r.id);
  }

  /** Takes a tag off conversations; answers those that had it. */
  async remove(db: Queryable, tagId: string, conversationIds: readonly string[]) {
    const rows = await sqlRows<{ id: string }>(
      db,
      `DELETE FROM conversation_tags WHERE tag_id = $1 AND conversation_id = ANY($2::uuid[])
       RETURNING conversation_id AS id`,
      [tagId, conversationIds],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Ingest's auto-tags, in its transaction: one statement for the page. A tag taken off by a
   * person is not put back by a later item of the same page only; a later page may match again.
   */
  async addFromRules(
    db: Queryable,
    pairs: readonly { conversationId: string; tagId: string; ruleId: string }[],
  ): Promise<number> {
    if (pairs.length === 0) return 0;
    const rows = await sqlRows<{ n: number }>(
      db,
      `WITH ins AS (
         INSERT INTO conversation_tags (conversation_id, tag_id, rule_id)
         SELECT c, t, r FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS x(c, t, r) ORDER BY c, t
         ON CONFLICT DO NOTHING RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [pairs.map((p) => p.conversationId), pairs.map((p) => p.tagId), pairs.map((p) => p.ruleId)],
    );
    return rows[0]?.n ?? 0;
  }

  rules(db: Queryable = this.db): Promise<TagRuleRow[]> {
    return sqlRows<TagRuleRow>(db, `SELECT ${RULE} FROM tag_rules r ORDER BY r.created_at, r.id`);
  }

  createRule(db: Queryable, f: TagRuleFields & { tagId: string }, userId: string) {
    return sqlOne<TagRuleRow>(
      db,
      `INSERT INTO tag_rules AS r (tag_id, phrase, intent, sentiment, source_id, enabled, created_by)
       VALUES ($1, $2, $3, $4, $5, COALESCE($6, true), $7) RETURNING ${RULE}`,
      [
        f.tagId,
        f.phrase ?? null,
        f.intent ?? null,
        f.sentiment ?? null,
        f.sourceId ?? null,
        f.enabled ?? null,
        userId,
      ],
    );
  }

  async updateRule(db: Queryable, id: string, f: TagRuleFields): Promise<TagRuleRow | undefined> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [key, column] of [
      ['tagId', 'tag_id'],
      ['phrase', 'phrase'],
      ['intent', 'intent'],
      ['sentiment', 'sentiment'],
      ['sourceId', 'source_id'],
      ['enabled', 'enabled'],
    ] as const) {
      if (f[key] === undefined) continue;
      params.push(f[key]);
      sets.push(`${column} = $${params.length}`);
    }
    return sqlOne<TagRuleRow>(
      db,
      `UPDATE tag_rules AS r SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE r.id = $1 RETURNING ${RULE}`,
      params,
    );
  }

  async deleteRule(db: Queryable, id: string): Promise<boolean> {
    return (await sqlRows(db, `DELETE FROM tag_rules WHERE id = $1 RETURNING id`, [id])).length > 0;
  }

  /** Tells every instance's rule cache (TagRulesService) in the change's transaction. */
  async announceRulesChange(db: Queryable): Promise<void> {
    await db.query(`SELECT pg_notify('${TAG_RULES_CHANNEL}', '')`);
  }
}

export const TAG_RULES_CHANNEL = 'tag_rules';
